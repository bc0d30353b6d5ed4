/**
 * Whether a database error (or one it wraps: drizzle puts the driver's error in `cause`) is a
 * unique violation (SQLSTATE 23505), optionally of one constraint or index. Two requests that
 * pass the same "is it taken?" check at once meet here: the loser gets the same field error as
 * if it had come second.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (code === "23505") return constraint === undefined || name === constraint;
  }
  return false;
}
