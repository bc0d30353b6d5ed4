/**
 * Pure counting rules of the portfolio statistics: which projects were running or had ended on a
 * day, broken down by coordination area, action area, lead organisation type and target group, and
 * the trends by year. No I/O. portfolio-queries.ts computes the same numbers in SQL for speed; a
 * test checks that both agree on the demo programme.
 *
 * Rules (also stated on the page):
 * - The status on a day comes from the dated status history (rules.statusOn): the latest change
 *   on or before the day. Several changes on one day: the one furthest along the lifecycle wins.
 * - "Running" is the status running; "ended" is ended or embedded (embedding comes after the end).
 * - A project in several coordination areas (a national one is in all of them) or with several
 *   target groups counts once in each of its areas or groups, so the shares of those breakdowns
 *   can sum to more than 100 %. Totals count each project once.
 * - A project without an action area, a lead organisation (type) or target groups counts under
 *   "not set" (value null).
 */
import type { OrganisationType } from "../organisations/schema.ts";
import { STATUSES, type Status, statusOn } from "./rules.ts";

export const PHASES = ["running", "ended"] as const;
export type Phase = (typeof PHASES)[number];

/** The phase a status belongs to in the statistics, or null when the project had not started. */
export function phaseOf(status: Status | null): Phase | null {
  if (status === "running") return "running";
  if (status === "ended" || status === "embedded") return "ended";
  return null;
}

export const DIMENSIONS = ["area", "actionArea", "orgType", "targetGroup"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface PhaseCounts {
  running: number;
  ended: number;
}

/** Counts of one value of a dimension; value null = not set. */
export interface CountRow extends PhaseCounts {
  value: string | null;
}

export interface PortfolioCounts {
  total: PhaseCounts;
  area: CountRow[];
  actionArea: CountRow[];
  orgType: CountRow[];
  targetGroup: CountRow[];
}

export interface PortfolioFilters {
  programme: string | null;
  area: string | null;
}

export interface PortfolioProject {
  programmeId: string;
  actionAreaId: string | null;
  leadType: OrganisationType | null;
  areaIds: readonly string[];
  targetGroupIds: readonly string[];
  history: readonly { status: Status; changedOn: string }[];
}

/** The projects a filter keeps: of the programme, and in the area (national projects are in every area). */
export function matchesFilters(p: PortfolioProject, f: PortfolioFilters): boolean {
  return (f.programme === null || p.programmeId === f.programme) && (f.area === null || p.areaIds.includes(f.area));
}

/** Canonical order of count rows: by value (code-point order), not set last. Lets two computations be compared. */
export function canonicalRows(rows: readonly CountRow[]): CountRow[] {
  return [...rows].sort((a, b) => (a.value === b.value ? 0 : a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : 1));
}

/** History in lifecycle order: by day, and on one day by how far along the lifecycle a status is. */
export function orderedHistory<T extends { status: Status; changedOn: string }>(history: readonly T[]): T[] {
  return [...history].sort((a, b) =>
    a.changedOn === b.changedOn ? STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) : a.changedOn < b.changedOn ? -1 : 1,
  );
}

/** The status on a day, with same-day changes resolved by the lifecycle (see the module comment). */
export function statusOnDay(history: readonly { status: Status; changedOn: string }[], day: string): Status | null {
  return statusOn(orderedHistory(history), day);
}

/** Running and ended projects on a day, in total and by each dimension. */
export function countAsOf(projects: readonly PortfolioProject[], day: string, filters: PortfolioFilters): PortfolioCounts {
  const total: PhaseCounts = { running: 0, ended: 0 };
  const maps = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string | null, CountRow>()])) as Record<
    Dimension,
    Map<string | null, CountRow>
  >;
  const add = (d: Dimension, value: string | null, phase: Phase) => {
    const row = maps[d].get(value) ?? { value, running: 0, ended: 0 };
    row[phase]++;
    maps[d].set(value, row);
  };
  for (const p of projects) {
    if (!matchesFilters(p, filters)) continue;
    const phase = phaseOf(statusOnDay(p.history, day));
    if (!phase) continue;
    total[phase]++;
    // With an area filter, the area breakdown shows that area only (not the other areas of national projects).
    const areas = filters.area === null ? p.areaIds : [filters.area];
    for (const a of areas.length ? new Set(areas) : [null]) add("area", a, phase);
    add("actionArea", p.actionAreaId, phase);
    add("orgType", p.leadType, phase);
    for (const g of p.targetGroupIds.length ? new Set(p.targetGroupIds) : [null]) add("targetGroup", g, phase);
  }
  return {
    total,
    area: canonicalRows([...maps.area.values()]),
    actionArea: canonicalRows([...maps.actionArea.values()]),
    orgType: canonicalRows([...maps.orgType.values()]),
    targetGroup: canonicalRows([...maps.targetGroup.values()]),
  };
}

export interface TrendRow {
  year: number;
  /** Projects whose status on 31 December was running. */
  runningAtYearEnd: number;
  /** Projects that became running during the year (from a status that was not running). */
  started: number;
  /** Projects that became ended or embedded during the year (from a status that was neither). */
  ended: number;
}

const yearOf = (day: string) => Number(day.slice(0, 4));

/**
 * Running at year end, started and ended per year, from the first year anything started or ended
 * up to `lastYear` (the current year: nothing later is shown), without the empty years at either end.
 * A project that starts (or ends) twice in one year counts once in that year.
 */
export function trendByYear(projects: readonly PortfolioProject[], filters: PortfolioFilters, lastYear: number): TrendRow[] {
  const started = new Map<number, number>();
  const ended = new Map<number, number>();
  const running = new Map<number, number>();
  const bump = (m: Map<number, number>, y: number) => m.set(y, (m.get(y) ?? 0) + 1);
  for (const p of projects) {
    if (!matchesFilters(p, filters)) continue;
    const history = orderedHistory(p.history);
    const startYears = new Set<number>();
    const endYears = new Set<number>();
    let previous: Phase | null = null;
    for (const [i, h] of history.entries()) {
      const phase = phaseOf(h.status);
      if (phase !== previous && phase !== null) (phase === "running" ? startYears : endYears).add(yearOf(h.changedOn));
      previous = phase;
      // A running spell [changedOn, next change) covers the year ends from its own year to the year before the next change.
      if (h.status === "running") {
        const next = history[i + 1];
        const to = next ? yearOf(next.changedOn) - 1 : lastYear;
        for (let y = yearOf(h.changedOn); y <= Math.min(to, lastYear); y++) bump(running, y);
      }
    }
    for (const y of startYears) bump(started, y);
    for (const y of endYears) bump(ended, y);
  }
  return assembleTrend({ started, ended, running }, lastYear);
}

/**
 * Trend rows from counts per year (shared by the pure rule and the SQL): from the first year with a
 * start or an end up to `lastYear`, without the empty years at the end.
 */
export function assembleTrend(
  counts: { started: ReadonlyMap<number, number>; ended: ReadonlyMap<number, number>; running: ReadonlyMap<number, number> },
  lastYear: number,
): TrendRow[] {
  const first = Math.min(...counts.started.keys(), ...counts.ended.keys());
  const rows: TrendRow[] = [];
  for (let y = first; y <= lastYear; y++) {
    rows.push({
      year: y,
      runningAtYearEnd: counts.running.get(y) ?? 0,
      started: counts.started.get(y) ?? 0,
      ended: counts.ended.get(y) ?? 0,
    });
  }
  while (rows.length && isEmptyYear(rows[rows.length - 1] as TrendRow)) rows.pop();
  return rows;
}

const isEmptyYear = (r: TrendRow) => r.runningAtYearEnd === 0 && r.started === 0 && r.ended === 0;

/** A row of a breakdown as shown on the page: counts with their shares of the total of each phase. */
export interface ShareRow extends CountRow {
  /** running / total running, or null when nothing was running. */
  runningShare: number | null;
  endedShare: number | null;
}

/**
 * The rows of one breakdown in display order with shares. `referenceOrder` lists the known values
 * in their reference order (e.g. the areas' own order). With `byCount`, rows go by running count,
 * then ended count, descending; ties keep the reference order. Values outside the reference order
 * come after the known ones, and "not set" always comes last.
 */
export function shareRows(rows: readonly CountRow[], total: PhaseCounts, referenceOrder: readonly string[], byCount: boolean): ShareRow[] {
  const rank = (v: string | null) => {
    if (v === null) return Number.MAX_SAFE_INTEGER;
    const i = referenceOrder.indexOf(v);
    return i === -1 ? referenceOrder.length : i;
  };
  const sorted = [...rows].sort((a, b) => {
    if ((a.value === null) !== (b.value === null)) return a.value === null ? 1 : -1;
    if (byCount && a.running !== b.running) return b.running - a.running;
    if (byCount && a.ended !== b.ended) return b.ended - a.ended;
    return rank(a.value) - rank(b.value) || String(a.value).localeCompare(String(b.value));
  });
  const share = (n: number, of: number) => (of > 0 ? n / of : null);
  return sorted.map((r) => ({ ...r, runningShare: share(r.running, total.running), endedShare: share(r.ended, total.ended) }));
}
