import { ApiPromise } from './api-promise.js';

/** Where a cursor-paginated response keeps its items and cursor (from the spec). */
export interface PaginationFields {
  cursorParam: string;
  itemsField: string;
  hasMoreField: string;
  nextCursorField: string;
}

/** The layout of every cursor-paginated list in the contract today (`?starting_after=`, `data`, `has_more`, `next_cursor`). */
export const CURSOR_PAGE: PaginationFields = {
  cursorParam: 'starting_after',
  itemsField: 'data',
  hasMoreField: 'has_more',
  nextCursorField: 'next_cursor',
};

/**
 * A page request that is also an async iterable over every item of every page.
 *
 * @example
 * ```ts
 * for await (const verification of client.verifications.list({ status: 'completed' })) {
 *   console.log(verification.id);
 * }
 * const firstPage = await client.verifications.list();
 * const hundred = await client.verifications.list().toArray({ limit: 100 });
 * ```
 */
export class PagePromise<TPage, TItem> extends ApiPromise<TPage> implements AsyncIterable<TItem> {
  readonly #fields: PaginationFields;
  readonly #fetchPage: (cursor: string) => ApiPromise<TPage>;

  constructor(
    first: Promise<{ data: TPage; response: Response }>,
    fields: PaginationFields,
    fetchPage: (cursor: string) => ApiPromise<TPage>,
  ) {
    super(first);
    this.#fields = fields;
    this.#fetchPage = fetchPage;
  }

  /** Every page, starting with this one, following `next_cursor` while `has_more` is true. */
  async *iterPages(): AsyncGenerator<TPage, void, undefined> {
    let page: TPage = await this;
    yield page;
    for (;;) {
      const record = page as Record<string, unknown>;
      const cursor = record[this.#fields.nextCursorField];
      if (record[this.#fields.hasMoreField] !== true || typeof cursor !== 'string' || cursor === '') return;
      page = await this.#fetchPage(cursor);
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TItem, void, undefined> {
    for await (const page of this.iterPages()) {
      yield* ((page as Record<string, unknown>)[this.#fields.itemsField] as TItem[]) ?? [];
    }
  }

  /** Collects items across pages, stopping after `limit` items (all of them when no limit is given). */
  async toArray(options: { limit?: number } = {}): Promise<TItem[]> {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const items: TItem[] = [];
    if (limit <= 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= limit) break;
    }
    return items;
  }
}
