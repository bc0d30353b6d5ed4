import { asc } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Locale } from "../../web/locales.ts";
import { actionAreas, funders, programmeFunders, programmes, specificObjectives, targetGroups } from "../programmes/schema.ts";
import { localName } from "../regions/queries.ts";
import { maakunnat, municipalities } from "../regions/schema.ts";

export interface Choice {
  value: string;
  label: string;
}

/** A programme with the choices that belong to it (objectives, action areas, funders). */
export interface ProgrammeChoices extends Choice {
  objectives: Choice[];
  actionAreas: Choice[];
  funders: Choice[];
}

export interface ProjectFormOptions {
  programmes: ProgrammeChoices[];
  targetGroups: Choice[];
  maakunnat: Choice[];
  /** Resolves a typed municipality name (Finnish or Swedish, any case) or code to its code. */
  findMunicipality: (name: string) => string | undefined;
  /** A municipality's name in the page's language. */
  municipalityName: (code: string) => string;
}

const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label, "fi");

/** Everything the project form offers to choose from, in one language. */
export async function loadProjectFormOptions(db: Executor, locale: Locale): Promise<ProjectFormOptions> {
  const [progs, objectives, areas, funderRows, links, groups, mk, mu] = await Promise.all([
    db.select().from(programmes).orderBy(asc(programmes.periodStart)),
    db.select().from(specificObjectives).orderBy(asc(specificObjectives.code)),
    db.select().from(actionAreas).orderBy(asc(actionAreas.sortOrder)),
    db.select().from(funders),
    db.select().from(programmeFunders),
    db.select().from(targetGroups).orderBy(asc(targetGroups.sortOrder)),
    db.select({ code: maakunnat.code, nameFi: maakunnat.nameFi, nameSv: maakunnat.nameSv, nameEn: maakunnat.nameEn }).from(maakunnat),
    db
      .select({ code: municipalities.code, nameFi: municipalities.nameFi, nameSv: municipalities.nameSv, nameEn: municipalities.nameEn })
      .from(municipalities),
  ]);
  const funderById = new Map(funderRows.map((f) => [f.id, f]));
  const byKey = new Map<string, string>();
  const names = new Map<string, string>();
  for (const m of mu) {
    for (const key of [m.code, m.nameFi, m.nameSv, m.nameEn]) byKey.set(key.toLocaleLowerCase("fi"), m.code);
    names.set(m.code, localName(m, locale));
  }
  return {
    programmes: progs.map((p) => ({
      value: p.id,
      label: localName(p, locale),
      objectives: objectives
        .filter((o) => o.programmeId === p.id)
        .map((o) => ({ value: o.id, label: `${o.code} ${localName(o, locale)}` })),
      actionAreas: areas.filter((a) => a.programmeId === p.id).map((a) => ({ value: a.id, label: localName(a, locale) })),
      funders: links
        .filter((l) => l.programmeId === p.id)
        .flatMap((l) => {
          const f = funderById.get(l.funderId);
          return f ? [{ value: f.id, label: localName(f, locale) }] : [];
        })
        .sort(byLabel),
    })),
    targetGroups: groups.map((g) => ({ value: g.id, label: localName(g, locale) })),
    maakunnat: mk.map((m) => ({ value: m.code, label: localName(m, locale) })).sort(byLabel),
    findMunicipality: (name) => byKey.get(name.trim().toLocaleLowerCase("fi")),
    municipalityName: (code) => names.get(code) ?? code,
  };
}
