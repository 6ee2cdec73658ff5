import type { KyselyPlugin, RootOperationNode } from 'kysely';

/**
 * Every statement sent through the database handle it is plugged into (`db.withPlugin(log)` or the test
 * server's `plugins`), by kind (SelectQueryNode, InsertQueryNode, UpdateQueryNode, RawNode, ...).
 */
export class StatementLog implements KyselyPlugin {
  kinds: string[] = [];
  transformQuery({ node }: { node: RootOperationNode }): RootOperationNode {
    this.kinds.push(node.kind);
    return node;
  }
  async transformResult<T>({ result }: { result: T }): Promise<T> {
    return result;
  }
}
