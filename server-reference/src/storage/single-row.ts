/**
 * The row of a query that returns exactly one whatever the data (an aggregate without GROUP BY, a
 * `SELECT` of expressions): raw `sql` has no `executeTakeFirstOrThrow`, and a missing row there is a
 * bug to report, not a case to handle.
 *
 * @example
 * const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users`.execute(db);
 * const { n } = singleRow(rows, 'user count');
 */
export function singleRow<Row>(rows: readonly Row[], what: string): Row {
  const row = rows[0];
  if (row === undefined) throw new Error(`${what}: the query returned no row`);
  return row;
}
