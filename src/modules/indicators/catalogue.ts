// Sokra's starting indicator data, read from data/indicators (see PROVENANCE.md there).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { AGE_FOCUSES, DIRECTIONS, INDICATOR_DIMENSIONS, INDICATOR_KINDS, SOURCES } from "./schema.ts";

export const INDICATOR_DATA_DIR = resolve(import.meta.dirname, "../../../data/indicators");

export const catalogueEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/),
  source: z.enum(SOURCES),
  sourceId: z.string().min(1),
  titleFi: z.string().min(1),
  titleSv: z.string().min(1),
  titleEn: z.string().min(1),
  descriptionFi: z.string().nullable().optional(),
  kind: z.enum(INDICATOR_KINDS),
  dimension: z.enum(INDICATOR_DIMENSIONS),
  unit: z.string().min(1),
  direction: z.enum(DIRECTIONS),
  ageFocus: z.enum(AGE_FOCUSES),
  survey: z.boolean(),
  licence: z.string().min(1),
  attribution: z.string().min(1),
});
export type CatalogueIndicator = z.infer<typeof catalogueEntrySchema>;

export function readCatalogue(): CatalogueIndicator[] {
  const json = JSON.parse(readFileSync(resolve(INDICATOR_DATA_DIR, "indicators.json"), "utf8")) as { indicators: unknown };
  return z.array(catalogueEntrySchema).parse(json.indicators);
}

/** The shipped Diak data set (time series 2011–2019, all four levels). */
export const HOS_FILES = [
  "hos/hos-v20211104-timeseries-hva-seutukunta-maakunta.csv",
  "hos/hos-v20211104-timeseries-kunta-2011-2015.csv",
  "hos/hos-v20211104-timeseries-kunta-2016-2019.csv",
] as const;

export const POPULATION_FILE = "population-municipality-2000-2022.csv";
export const POPULATION_INDICATOR = "sotkanet-127";

export function readDataFile(name: string): Uint8Array {
  return readFileSync(resolve(INDICATOR_DATA_DIR, name));
}

const historicalRow = z.object({
  level: z.enum(["kunta"]),
  code: z.string().regex(/^\d{3}$/),
  name_fi: z.string().min(1),
  name_sv: z.string().min(1),
  name_en: z.string().min(1),
  maakunta_code: z.string().regex(/^\d{2}$/),
  wellbeing_county_code: z.string().regex(/^\d{1,2}$/),
  note: z.string(),
});

/** Municipalities that no longer exist but appear in the data (e.g. Pertunmaa). */
export function readHistoricalRegions() {
  const rows = parse(readFileSync(resolve(INDICATOR_DATA_DIR, "historical-regions.csv"), "utf8"), {
    columns: true,
    skip_empty_lines: true,
  });
  return z.array(historicalRow).parse(rows);
}
