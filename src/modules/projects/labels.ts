import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Locale } from "../../web/locales.ts";
import { actionAreas, funders, programmes, specificObjectives, targetGroups } from "../programmes/schema.ts";
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

type LabelRow = { kind: keyof Labels; key: string; code: string | null; name: string };

const NAME_COLUMN: Record<Locale, SQL> = { fi: sql.raw("name_fi"), sv: sql.raw("name_sv"), en: sql.raw("name_en") };

/** Every label in one statement: this runs on every search and project page. */
export async function loadLabels(db: Executor, locale: Locale): Promise<Labels> {
  const name = NAME_COLUMN[locale];
  const result = await db.execute(sql`
    select 'area' as kind, id as key, null as code, ${name} as name from ${areas}
    union all select 'maakunta', code, null, ${name} from ${maakunnat}
    union all select 'municipality', code, null, ${name} from ${municipalities}
    union all select 'actionArea', id, null, ${name} from ${actionAreas}
    union all select 'funder', id, null, ${name} from ${funders}
    union all select 'targetGroup', id, null, ${name} from ${targetGroups}
    union all select 'programme', id, null, ${name} from ${programmes}
    union all select 'objective', id, code, ${name} from ${specificObjectives}`);
  const labels: Labels = {
    area: new Map(),
    maakunta: new Map(),
    municipality: new Map(),
    actionArea: new Map(),
    funder: new Map(),
    targetGroup: new Map(),
    programme: new Map(),
    objective: new Map(),
  };
  for (const r of (result as unknown as { rows: LabelRow[] }).rows) {
    labels[r.kind].set(r.key, r.kind === "objective" ? `${r.code} ${r.name}` : r.name);
  }
  return labels;
}

const cached = new WeakMap<Executor, { version: string; byLocale: Map<Locale, Promise<Labels>> }>();

/**
 * The labels at a registry version (search.ts gives it; every change of a label raises it): loaded
 * once per version and language, so the search page and the API need no label query of their own.
 */
export function labelsAt(db: Executor, version: string, locale: Locale): Promise<Labels> {
  let entry = cached.get(db);
  if (entry?.version !== version) {
    entry = { version, byLocale: new Map() };
    cached.set(db, entry);
  }
  const byLocale = entry.byLocale;
  let labels = byLocale.get(locale);
  if (!labels) {
    labels = loadLabels(db, locale);
    byLocale.set(locale, labels);
    // A failed load is not kept: the next request tries again.
    labels.catch(() => byLocale.delete(locale));
  }
  return labels;
}
