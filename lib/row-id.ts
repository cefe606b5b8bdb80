/**
 * Whether a number from a URL can be a row id: a positive integer within Postgres' `integer`
 * range. Pages answer "not found" for anything else rather than letting the database reject an
 * out-of-range value (which would surface as an error page).
 */
export function isRowId(n: number): boolean {
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647;
}
