import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { areas, maakunnat, municipalities, wellbeingCounties } from "./schema.ts";
import { STRUCTURE_2014_2020 } from "./seed.ts";

export interface AreaSummary {
  id: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
}

/** The coordination areas of 2014–2020 (the areas coordinators are bound to). */
export async function listCoordinationAreas(db: Executor): Promise<AreaSummary[]> {
  return db
    .select({ id: areas.id, nameFi: areas.nameFi, nameSv: areas.nameSv, nameEn: areas.nameEn })
    .from(areas)
    .where(eq(areas.structureId, STRUCTURE_2014_2020))
    .orderBy(asc(areas.sortOrder));
}

/** The name of an area in the page's language. */
export function localName(row: { nameFi: string; nameSv: string; nameEn: string }, locale: "fi" | "sv" | "en"): string {
  return locale === "sv" ? row.nameSv : locale === "en" ? row.nameEn : row.nameFi;
}

export async function coordinationAreaName(db: Executor, areaId: string | null, locale: "fi" | "sv" | "en"): Promise<string | null> {
  if (!areaId) return null;
  const area = (await listCoordinationAreas(db)).find((a) => a.id === areaId);
  return area ? localName(area, locale) : areaId;
}

/** Every municipality with the regions it belongs to (for other modules' regional views). */
export async function listMunicipalityKeys(db: Executor) {
  return db
    .select({
      code: municipalities.code,
      nameFi: municipalities.nameFi,
      nameSv: municipalities.nameSv,
      nameEn: municipalities.nameEn,
      maakuntaCode: municipalities.maakuntaCode,
      seutukuntaCode: municipalities.seutukuntaCode,
      seutukuntaNameFi: municipalities.seutukuntaNameFi,
      wellbeingCountyCode: municipalities.wellbeingCountyCode,
      wellbeingCountyNameFi: wellbeingCounties.nameFi,
    })
    .from(municipalities)
    .innerJoin(wellbeingCounties, eq(wellbeingCounties.code, municipalities.wellbeingCountyCode))
    .orderBy(asc(municipalities.code));
}

/** The maakunnat with their names and simplified boundaries (GeoJSON geometry, WGS84). */
export async function listMaakunnat(db: Executor) {
  return db
    .select({
      code: maakunnat.code,
      nameFi: maakunnat.nameFi,
      nameSv: maakunnat.nameSv,
      nameEn: maakunnat.nameEn,
      boundary: maakunnat.boundary,
    })
    .from(maakunnat)
    .orderBy(asc(maakunnat.code));
}
