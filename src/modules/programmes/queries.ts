import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Locale } from "../../web/locales.ts";
import { localName } from "../regions/queries.ts";
import { regionalAuthorities, regionalStructures } from "../regions/schema.ts";
import { actionAreas, funders, programmeFunders, programmes, specificObjectives, targetGroups } from "./schema.ts";

/** Every programme with how much it holds, for the administration page. */
export async function listProgrammesOverview(db: Executor, locale: Locale) {
  const [progs, structures, objectiveCounts, areaCounts, funderCounts] = await Promise.all([
    db.select().from(programmes).orderBy(asc(programmes.periodStart), asc(programmes.id)),
    db.select().from(regionalStructures),
    db
      .select({ id: specificObjectives.programmeId, n: sql<number>`count(*)::int` })
      .from(specificObjectives)
      .groupBy(specificObjectives.programmeId),
    db.select({ id: actionAreas.programmeId, n: sql<number>`count(*)::int` }).from(actionAreas).groupBy(actionAreas.programmeId),
    db
      .select({ id: programmeFunders.programmeId, n: sql<number>`count(*)::int` })
      .from(programmeFunders)
      .groupBy(programmeFunders.programmeId),
  ]);
  const count = (rows: { id: string; n: number }[], id: string) => rows.find((r) => r.id === id)?.n ?? 0;
  return progs.map((p) => {
    const structure = structures.find((s) => s.id === p.regionalStructureId);
    return {
      id: p.id,
      name: localName(p, locale),
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      structure: structure ? localName(structure, locale) : p.regionalStructureId,
      projectCodePattern: p.projectCodePattern,
      objectives: count(objectiveCounts, p.id),
      actionAreas: count(areaCounts, p.id),
      funders: count(funderCounts, p.id),
    };
  });
}

export async function listTargetGroups(db: Executor) {
  return db.select().from(targetGroups).orderBy(asc(targetGroups.sortOrder), asc(targetGroups.id));
}

export async function listRegionalStructures(db: Executor, locale: Locale) {
  const rows = await db.select().from(regionalStructures).orderBy(asc(regionalStructures.validFrom));
  return rows.map((r) => ({ value: r.id, label: localName(r, locale) }));
}

/**
 * Who can fund a programme's projects: the ministries already known, and every regional authority
 * (ELY centres to 2025, elinvoimakeskukset from 2026). The value is the funder's id.
 */
export async function listFunderChoices(db: Executor, locale: Locale) {
  const [ministries, authorities] = await Promise.all([
    db.select().from(funders).where(eq(funders.kind, "ministry")).orderBy(asc(funders.nameFi)),
    db.select().from(regionalAuthorities).orderBy(asc(regionalAuthorities.kind), asc(regionalAuthorities.code)),
  ]);
  return [
    ...ministries.map((m) => ({ value: m.id, label: localName(m, locale) })),
    ...authorities.map((a) => ({ value: a.id, label: localName(a, locale) })),
  ];
}
