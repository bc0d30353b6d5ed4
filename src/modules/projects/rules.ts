/** Pure rules of the project registry: no I/O. */

/** EURA 2014 project code of an ESF project: "S" and five digits, e.g. S20220. */
export const ESF_PROJECT_CODE = /^S\d{5}$/;

export function normaliseProjectCode(input: string): string {
  return input.trim().toUpperCase();
}

export const SCOPES = ["national", "regional", "local"] as const;
export type Scope = (typeof SCOPES)[number];

export const STATUSES = ["idea", "planning", "applied", "running", "ended", "embedded"] as const;
export type Status = (typeof STATUSES)[number];

export interface StructureArea {
  id: string;
  maakuntaCodes: readonly string[];
}

/**
 * The coordination areas a project belongs to, derived from what it serves by the regional
 * structure of its programme: a national project belongs to every area; otherwise each area that
 * holds one of the served maakunnat (directly, or through a served municipality). Never typed by hand.
 */
export function deriveAreas(
  structure: readonly StructureArea[],
  served: { scope: Scope; maakuntaCodes: readonly string[]; municipalityMaakuntaCodes: readonly string[] },
): string[] {
  if (served.scope === "national") return structure.map((a) => a.id).sort();
  const codes = new Set([...served.maakuntaCodes, ...served.municipalityMaakuntaCodes]);
  return structure
    .filter((a) => a.maakuntaCodes.some((c) => codes.has(c)))
    .map((a) => a.id)
    .sort();
}

/** The status a project had on a given day, from its dated history (latest change on or before the day). */
export function statusOn(history: readonly { status: Status; changedOn: string }[], day: string): Status | null {
  let current: { status: Status; changedOn: string } | null = null;
  for (const h of history) {
    if (h.changedOn <= day && (!current || h.changedOn >= current.changedOn)) current = h;
  }
  return current?.status ?? null;
}

/**
 * Whether a status change may be recorded on `changedOn`: the history is a time line, so a change
 * cannot be dated before the latest recorded change, nor in the future. Returns an i18n error key
 * or null. Unchanged status records nothing and needs no check.
 */
export function checkStatusChange(
  history: readonly { status: Status; changedOn: string }[],
  change: { status: Status; changedOn: string },
  today: string,
): "errors.statusDateFuture" | "errors.statusDateBeforeLast" | null {
  const latest = history.reduce<{ status: Status; changedOn: string } | null>((a, h) => (!a || h.changedOn >= a.changedOn ? h : a), null);
  if (latest && latest.status === change.status) return null;
  if (change.changedOn > today) return "errors.statusDateFuture";
  if (latest && change.changedOn < latest.changedOn) return "errors.statusDateBeforeLast";
  return null;
}

/**
 * A programme's project-code format is typed by an administrator and run on every save, so it is
 * kept to a subset of regular expressions that cannot backtrack badly: letters, digits, `.`,
 * character classes, `\d`, `^`/`$` and bounded repeats `{n}` / `{n,m}` — no groups, alternation or
 * unbounded repeats (`(`, `)`, `|`, `*`, `+`, `?`). E.g. `^S\d{5}$`.
 */
export function isSafeCodePattern(pattern: string): boolean {
  if (pattern.length > 100 || !/^[A-Za-z0-9^$\\{},[\]\-.]*$/.test(pattern)) return false;
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Whether a project code has the programme's format; the whole code must match. */
export function codeMatchesPattern(pattern: string, code: string): boolean {
  if (!isSafeCodePattern(pattern)) return false;
  return new RegExp(`^(?:${pattern})$`).test(code);
}
