/** A query that is not valid Datadog log search syntax. */
export class QuerySyntaxError extends Error {
  override readonly name = "QuerySyntaxError";

  /**
   * @param problem what is wrong, without the position (it is appended)
   * @param position 0-based offset into the query where the problem was found;
   *   the query's length when the query ended too early
   */
  constructor(
    problem: string,
    readonly position: number,
  ) {
    super(`${problem} at offset ${position}`);
  }
}
