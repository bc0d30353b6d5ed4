import type { Executor } from "../../db/client.ts";
import type { Locale } from "../../web/locales.ts";
import { actionAreas, funders, programmes, specificObjectives, targetGroups } from "../programmes/schema.ts";
import { localName } from "../regions/queries.ts";
import { areas, maakunnat, municipalities } from "../regions/schema.ts";

/** Names of the registry's reference rows in one language, for facets and project pages. */
export interface Labels {
  area: Map<string, string>;
  maakunta: Map<string, string>;
  municipality: Map<string, string>;
  actionArea: Map<string, string>;
  funder: Map<string, string>;
  targetGroup: Map<string, string>;
  programme: Map<string, string>;
  objective: Map<string, string>;
}

type Named = { nameFi: string; nameSv: string; nameEn: string };

function toMap<T extends Named>(rows: T[], key: (r: T) => string, locale: Locale): Map<string, string> {
  return new Map(rows.map((r) => [key(r), localName(r, locale)]));
}

export async function loadLabels(db: Executor, locale: Locale): Promise<Labels> {
  const [a, mk, mu, aa, f, tg, p, o] = await Promise.all([
    db.select().from(areas),
    db.select().from(maakunnat),
    db.select().from(municipalities),
    db.select().from(actionAreas),
    db.select().from(funders),
    db.select().from(targetGroups),
    db.select().from(programmes),
    db.select().from(specificObjectives),
  ]);
  return {
    area: toMap(a, (r) => r.id, locale),
    maakunta: toMap(mk, (r) => r.code, locale),
    municipality: toMap(mu, (r) => r.code, locale),
    actionArea: toMap(aa, (r) => r.id, locale),
    funder: toMap(f, (r) => r.id, locale),
    targetGroup: toMap(tg, (r) => r.id, locale),
    programme: toMap(p, (r) => r.id, locale),
    objective: new Map(o.map((r) => [r.id, `${r.code} ${localName(r, locale)}`])),
  };
}
