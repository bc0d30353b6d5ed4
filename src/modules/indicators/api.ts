// GET /api/v1/indicators, /api/v1/indicators/{id}/values and /api/v1/indicators/index: the indicator
// catalogue, its values and Sokra's own deprivation index (current version), read-only and public.
import { and, asc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { API_PREFIX, type ApiContext, type ApiInstance, apiErrorBody, responses } from "../../web/api.ts";
import { currentIndexVersion } from "./index-service.ts";
import { findIndicator, indexTable, indexYears, listIndicators } from "./queries.ts";
import { AGE_FOCUSES, DIRECTIONS, GENDERS, INDICATOR_DIMENSIONS, INDICATOR_KINDS, indicatorValues, LEVELS, SOURCES } from "./schema.ts";

const title = z.object({ fi: z.string(), sv: z.string(), en: z.string() });
export const indicatorSchema = z.object({
  id: z.string().describe("Sokra's stable id of the indicator."),
  source: z.enum(SOURCES),
  sourceId: z.string().describe("The source's own id (a Sotkanet number, a variable name)."),
  title,
  kind: z
    .enum(INDICATOR_KINDS)
    .describe("raw: as the source gives it; relative: already median-relative; published: a composite someone published."),
  dimension: z.enum(INDICATOR_DIMENSIONS),
  unit: z.string(),
  direction: z.enum(DIRECTIONS),
  ageFocus: z.enum(AGE_FOCUSES),
  survey: z.boolean().describe("Survey-based: the index takes the latest value instead of a 3-year mean."),
  levels: z.array(z.enum(LEVELS)),
  firstYear: z.number().int().nullable(),
  lastYear: z.number().int().nullable(),
  licence: z.string(),
  attribution: z.string(),
  links: z.object({ values: z.string() }),
});

const idParams = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,80}$/)
    .meta({ description: "Indicator id.", examples: ["hos-nuorisotyottomyys"] }),
});

const valuesQuery = z.strictObject({
  level: z
    .enum(LEVELS)
    .optional()
    .meta({ description: "Regional level.", examples: ["maakunta"] }),
  region: z
    .string()
    .regex(/^[0-9A-Za-z]{1,6}$/)
    .optional()
    .meta({ description: "Region code on the level (municipality 3 digits, maakunta 2, county unpadded).", examples: ["12"] }),
  year: z.coerce
    .number()
    .int()
    .min(1900)
    .max(2100)
    .optional()
    .meta({ description: "Year.", examples: [2019] }),
  gender: z
    .enum(GENDERS)
    .optional()
    .meta({ description: "Gender (default: every gender).", examples: ["total"] }),
});

const valueRow = z.object({
  level: z.enum(LEVELS),
  region: z.string(),
  year: z.number().int(),
  gender: z.enum(GENDERS),
  value: z.number(),
});

const indexQuery = z.strictObject({
  level: z
    .enum(["kunta", "seutukunta", "maakunta", "hyvinvointialue"])
    .default("maakunta")
    .meta({ description: "Regional level.", examples: ["kunta"] }),
  year: z.coerce
    .number()
    .int()
    .min(1900)
    .max(2100)
    .optional()
    .meta({ description: "Year (default: the newest).", examples: [2019] }),
});

const indexRow = z.object({
  region: z.string(),
  name: z.string(),
  human: z.number().nullable(),
  social: z.number().nullable(),
  economic: z.number().nullable(),
  total: z.number().nullable(),
  gini: z
    .number()
    .nullable()
    .describe("Wellbeing services counties with at least 5 municipalities: Gini coefficient of their municipalities' totals."),
});

const MAX_VALUES = 50_000;

export async function indicatorApiRoutes(api: ApiInstance, { db, baseUrl, rateLimit }: ApiContext & { db: Db }) {
  const present = (i: Awaited<ReturnType<typeof listIndicators>>[number]) => ({
    id: i.id,
    source: i.source,
    sourceId: i.sourceId,
    title: { fi: i.titleFi, sv: i.titleSv, en: i.titleEn },
    kind: i.kind,
    dimension: i.dimension,
    unit: i.unit,
    direction: i.direction,
    ageFocus: i.ageFocus,
    survey: i.survey,
    levels: i.levels,
    firstYear: i.firstYear,
    lastYear: i.lastYear,
    licence: i.licence,
    attribution: i.attribution,
    links: { values: `${baseUrl}${API_PREFIX}/indicators/${i.id}/values` },
  });

  api.get(
    "/indicators",
    {
      schema: {
        operationId: "listIndicators",
        tags: ["indicators"],
        summary: "The indicator catalogue",
        description: "Every indicator with its source, dimension, unit, direction, levels, years, licence and attribution.",
        response: responses("The indicators.", z.object({ items: z.array(indicatorSchema) })),
      },
      config: { rateLimit },
    },
    async () => ({ items: (await listIndicators(db)).map(present) }),
  );

  api.get(
    "/indicators/index",
    {
      schema: {
        operationId: "getDeprivationIndex",
        tags: ["indicators"],
        summary: "The deprivation index of one level and year",
        description:
          "Sokra's own deprivation index (the current index version): the three dimensions and the total for every area, median area = 100.",
        querystring: indexQuery,
        response: responses(
          "The index.",
          z.object({
            version: z.string(),
            level: z.string(),
            year: z.number().int(),
            years: z.array(z.number().int()),
            items: z.array(indexRow),
          }),
          { notFound: true },
        ),
      },
      config: { rateLimit },
    },
    async (req, reply) => {
      const version = await currentIndexVersion(db);
      const years = version ? await indexYears(db, version.id, req.query.level) : [];
      const year = req.query.year ?? years[0];
      if (!version || year === undefined || !years.includes(year)) {
        return reply
          .status(404)
          .header("cache-control", "no-store")
          .send(apiErrorBody(404, { message: "No index for this level and year." }));
      }
      const rows = await indexTable(db, version.id, req.query.level, year, "fi");
      return {
        version: version.name,
        level: req.query.level,
        year,
        years,
        items: rows.map((r) => ({
          region: r.code,
          name: r.name,
          human: r.human,
          social: r.social,
          economic: r.economic,
          total: r.total,
          gini: r.gini,
        })),
      };
    },
  );

  api.get(
    "/indicators/:id/values",
    {
      schema: {
        operationId: "listIndicatorValues",
        tags: ["indicators"],
        summary: "Values of one indicator",
        description: `The stored values of an indicator by level, region, year and gender (at most ${MAX_VALUES} rows: narrow with the filters).`,
        params: idParams,
        querystring: valuesQuery,
        response: responses("The values.", z.object({ indicator: indicatorSchema, items: z.array(valueRow), truncated: z.boolean() }), {
          notFound: true,
        }),
      },
      config: { rateLimit },
    },
    async (req, reply) => {
      const indicator = await findIndicator(db, req.params.id);
      if (!indicator) {
        return reply
          .status(404)
          .header("cache-control", "no-store")
          .send(apiErrorBody(404, { message: `No indicator ${req.params.id}.` }));
      }
      const where: SQL[] = [eq(indicatorValues.indicatorId, indicator.id)];
      if (req.query.level) where.push(eq(indicatorValues.level, req.query.level));
      if (req.query.region) where.push(eq(indicatorValues.regionCode, req.query.region));
      if (req.query.year) where.push(eq(indicatorValues.year, req.query.year));
      if (req.query.gender) where.push(eq(indicatorValues.gender, req.query.gender));
      const rows = await db
        .select({
          level: indicatorValues.level,
          region: indicatorValues.regionCode,
          year: indicatorValues.year,
          gender: indicatorValues.gender,
          value: indicatorValues.value,
        })
        .from(indicatorValues)
        .where(and(...where))
        .orderBy(asc(indicatorValues.level), asc(indicatorValues.regionCode), asc(indicatorValues.year))
        .limit(MAX_VALUES + 1);
      return { indicator: present(indicator), items: rows.slice(0, MAX_VALUES), truncated: rows.length > MAX_VALUES };
    },
  );
}
