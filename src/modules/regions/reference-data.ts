import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";

/** Reads and validates the reference files in data/regions (see data/regions/PROVENANCE.md). */

const dataDir = resolve(import.meta.dirname, "../../../data/regions");

const code2 = z.string().regex(/^\d{2}$/);

const regionsJson = z.object({
  maakunnat: z.array(
    z.object({
      code: code2,
      name_fi: z.string(),
      name_sv: z.string(),
      name_en: z.string(),
      nuts3_code_2026: z.string().nullable().optional(),
    }),
  ),
  ely_centres_2010_2025: z.array(
    z.object({
      code: z.number().int(),
      name_fi: z.string(),
      name_sv: z.string(),
      name_en: z.string(),
      maakunta_codes: z.array(code2),
    }),
  ),
  elinvoimakeskukset_2026: z.array(
    z.object({
      code: z.number().int(),
      name_fi: z.string(),
      name_sv: z.string(),
      name_en: z.string(),
      maakunta_codes: z.array(code2),
    }),
  ),
  sokra_areas_2014_2020: z.array(
    z.object({
      id: z.string(),
      name_fi: z.string(),
      name_en: z.string(),
      maakunta_codes: z.array(code2),
    }),
  ),
  esf_funding_areas_from_2026: z.array(z.object({ name_fi: z.string(), maakunta_codes: z.array(code2) })),
});
export type RegionsJson = z.infer<typeof regionsJson>;

const municipalityRow = z.object({
  municipality_code: z.string().regex(/^\d{3}$/),
  name_fi: z.string().min(1),
  name_sv: z.string().min(1),
  name_en: z.string().min(1),
  maakunta_code: code2,
  seutukunta_code: z.string().regex(/^\d{3}$/),
  seutukunta_name_fi: z.string().min(1),
  hyvinvointialue_code: z.string().regex(/^\d{1,2}$/),
  hyvinvointialue_name_fi: z.string().min(1),
  language_status_code: z.coerce.number().int().min(0).max(3),
  ely_code_2025: z.coerce.number().int(),
  evk_code_2026: z.coerce.number().int(),
});
export type MunicipalityRow = z.infer<typeof municipalityRow>;

export function readRegionsJson(): RegionsJson {
  return regionsJson.parse(JSON.parse(readFileSync(resolve(dataDir, "regions.json"), "utf8")));
}

const boundaries = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      properties: z.object({ code: code2 }).loose(),
      geometry: z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.unknown()) }),
    }),
  ),
});

/** Maakunta code → simplified boundary geometry (maakunnat-2023.geojson). */
export function readMaakuntaBoundaries(): Map<string, { type: "Polygon" | "MultiPolygon"; coordinates: unknown[] }> {
  const parsed = boundaries.parse(JSON.parse(readFileSync(resolve(dataDir, "maakunnat-2023.geojson"), "utf8")));
  return new Map(parsed.features.map((f) => [f.properties.code, f.geometry]));
}

export function readMunicipalities(): MunicipalityRow[] {
  const rows: unknown[] = parse(readFileSync(resolve(dataDir, "municipalities.csv"), "utf8"), {
    columns: true,
    skip_empty_lines: true,
  });
  return rows.map((row) => municipalityRow.parse(row));
}

/** Swedish names of the 2014–2020 coordination areas: Sokra's own translations (not in the source). */
export const AREA_NAMES_SV_2014_2020: Record<string, string> = {
  south: "Södra Finland",
  central_west: "Mellersta och Västra Finland",
  east: "Östra Finland",
  north: "Norra Finland",
};
