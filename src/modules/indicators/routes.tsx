import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.ts";
import { HttpError } from "../../web/http-error.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { sendPage } from "../../web/render.ts";
import { listMaakunnat } from "../regions/queries.ts";
import { sendTable } from "./export.ts";
import { currentIndexVersion } from "./index-service.ts";
import { areaParams, areaQuery, indexQuery, indicatorFieldErrors, needQuery, trendParams, trendQuery } from "./inputs.ts";
import { sortByCoverage } from "./map-scale.ts";
import { mean, medianValue } from "./method.ts";
import {
  areaGenders,
  areaIndicatorValues,
  findIndicator,
  findRegion,
  inclusionValues,
  indexSeries,
  indexTable,
  indexYears,
  indicatorGenders,
  indicatorLevels,
  indicatorSeries,
  indicatorTitle,
  listIndicators,
  needAndProjects,
  regionName,
  regionsOfLevel,
  youthTable,
  youthYears,
} from "./queries.ts";
import type { Level } from "./schema.ts";
import { AreaPage, COMPONENTS, IndicatorsMapPage, NeedPage, RankingsPage, TrendPage, YouthPage } from "./views/pages.tsx";

const pick = <T,>(years: number[], wanted: number | undefined): T | number | null =>
  wanted !== undefined && years.includes(wanted) ? wanted : (years[0] ?? null);

/** The public indicator pages: map, rankings, area profile, youth view, trends, need and projects. No login needed. */
export async function indicatorRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const attributionsOf = async () => (await listIndicators(db)).map((i) => i.attribution);

  registerPage(app, "indicators", {
    get: async (req, reply) => {
      const ctx = pageContext(req, reply);
      const { t, locale } = ctx;
      const q = indexQuery.parse(req.query ?? {});
      const version = await currentIndexVersion(db);
      const years = version ? await indexYears(db, version.id, "maakunta") : [];
      const year = pick<number>(years, q.year) as number | null;
      const rows = version && year !== null ? await indexTable(db, version.id, "maakunta", year, locale) : [];
      const component = q.component === "gini" ? "total" : q.component;
      const indicators = await listIndicators(db);
      if (q.format && year !== null) {
        return sendTable(
          reply,
          q.format,
          `${t("indicators.levels.maakunta")}-${year}`,
          [t("indicators.code"), t("indicators.levels.maakunta"), ...COMPONENTS.map((c) => t(`indicators.components.${c}`))],
          rows.map((r) => [r.code, r.name, ...COMPONENTS.map((c) => r[c])]),
          indicators.map((i) => i.attribution).find((a) => a.includes("Diak")) ?? "",
        );
      }
      const areas = (await listMaakunnat(db)).map((m) => ({ code: m.code, name: regionName(m, locale), boundary: m.boundary }));
      return sendPage(
        reply,
        <IndicatorsMapPage ctx={ctx} data={{ versionName: version?.name ?? null, component, year, years, areas, rows, indicators }} />,
      );
    },
  });

  registerPage(app, "indicatorRankings", {
    get: async (req, reply) => {
      const ctx = pageContext(req, reply);
      const { t, locale } = ctx;
      const q = indexQuery.parse(req.query ?? {});
      const level: Level = q.level === "koko_maa" ? "maakunta" : q.level;
      const version = await currentIndexVersion(db);
      const years = version ? await indexYears(db, version.id, level) : [];
      const year = pick<number>(years, q.year) as number | null;
      const rows = version && year !== null ? await indexTable(db, version.id, level, year, locale) : [];
      const attributions = await attributionsOf();
      // Inclusion beside the index (never in it): the columns of those with values this year.
      const inclusionAll = (await listIndicators(db)).filter((i) => i.dimension === "inclusion");
      const inclusion = year !== null ? await inclusionValues(db, level, year) : new Map<string, Map<string, number>>();
      const withData = inclusionAll.filter((i) => [...inclusion.values()].some((m) => m.has(i.id)));
      if (q.format && year !== null) {
        return sendTable(
          reply,
          q.format,
          `${t(`indicators.levels.${level}`)}-${year}`,
          [
            t("indicators.code"),
            t("indicators.areaLabel"),
            ...COMPONENTS.map((c) => t(`indicators.components.${c}`)),
            t("indicators.components.gini"),
            ...withData.map((i) => indicatorTitle(i, locale)),
          ],
          rows.map((r) => [
            r.code,
            r.name,
            ...COMPONENTS.map((c) => r[c]),
            r.gini,
            ...withData.map((i) => inclusion.get(r.code)?.get(i.id) ?? null),
          ]),
          attributions.find((a) => a.includes("Diak")) ?? "",
        );
      }
      return sendPage(
        reply,
        <RankingsPage
          ctx={ctx}
          data={{
            level,
            component: q.component,
            year,
            years,
            rows,
            attributions: attributions.filter((a) => a.includes("Diak")),
            inclusion: { indicators: inclusionAll, withData, values: inclusion },
          }}
        />,
      );
    },
  });

  registerPage(app, "indicatorArea", {
    get: async (req, reply) => {
      const ctx = pageContext(req, reply);
      const { t, locale } = ctx;
      const params = areaParams.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      const region = await findRegion(db, params.data.level, params.data.code);
      if (!region) throw new HttpError(404);
      const q = areaQuery.parse(req.query ?? {});
      const version = await currentIndexVersion(db);
      const series = version ? await indexSeries(db, version.id, region.level, region.code) : [];
      const values = await areaIndicatorValues(db, region.level, region.code, q.gender);
      const genders = await areaGenders(db, region.level, region.code);
      const indicators = new Map((await listIndicators(db)).map((i) => [i.id, i]));
      if (q.format) {
        return sendTable(
          reply,
          q.format,
          `${regionName(region, locale)}`,
          [t("indicators.indicator"), t("indicators.year"), t("indicators.value"), t("indicators.medianArea"), t("indicators.areaCount")],
          values.map((v) => [
            indicatorTitle(
              indicators.get(v.indicatorId) ?? { titleFi: v.indicatorId, titleSv: v.indicatorId, titleEn: v.indicatorId },
              locale,
            ),
            v.year,
            v.value,
            v.median,
            v.areas,
          ]),
          [...new Set(values.map((v) => indicators.get(v.indicatorId)?.attribution ?? ""))].join(" "),
        );
      }
      return sendPage(
        reply,
        <AreaPage ctx={ctx} data={{ region, series, values, indicators, versionName: version?.name ?? null, gender: q.gender, genders }} />,
      );
    },
  });

  registerPage(app, "indicatorYouth", {
    get: async (req, reply) => {
      const ctx = pageContext(req, reply);
      const { t, locale } = ctx;
      const q = indexQuery.parse(req.query ?? {});
      const level: Level = q.level === "koko_maa" ? "maakunta" : q.level;
      const years = await youthYears(db, level);
      const year = pick<number>(years, q.year) as number | null;
      const indicators = (await listIndicators(db)).filter((i) => i.ageFocus === "youth" && i.levels.includes(level));
      const regions = new Map((await regionsOfLevel(db, level)).map((r) => [r.code, r]));
      const values = year !== null ? await youthTable(db, level, year) : [];
      const byArea = new Map<string, Map<string, number>>();
      for (const v of values) {
        const m = byArea.get(v.regionCode) ?? new Map<string, number>();
        m.set(v.indicatorId, v.value);
        byArea.set(v.regionCode, m);
      }
      const rows = [...byArea]
        .map(([code, vals]) => {
          const region = regions.get(code);
          // The mean is comparable only for median-relative indicators (index 100 = median area).
          const relative = indicators.filter((i) => i.kind === "relative").map((i) => vals.get(i.id));
          return { code, name: region ? regionName(region, locale) : code, values: vals, mean: mean(relative) };
        })
        .sort((a, b) => (b.mean ?? -Infinity) - (a.mean ?? -Infinity) || a.name.localeCompare(b.name, locale));
      if (q.format && year !== null) {
        return sendTable(
          reply,
          q.format,
          `${t("indicators.youth.title")}-${year}`,
          [
            t("indicators.code"),
            t("indicators.areaLabel"),
            t("indicators.youth.mean"),
            ...indicators.map((i) => indicatorTitle(i, locale)),
          ],
          rows.map((r) => [r.code, r.name, r.mean, ...indicators.map((i) => r.values.get(i.id) ?? null)]),
          indicators[0]?.attribution ?? "",
        );
      }
      return sendPage(reply, <YouthPage ctx={ctx} data={{ level, year, years, indicators, rows }} />);
    },
  });

  registerPage(app, "indicatorTrend", {
    get: async (req, reply) => {
      const ctx = pageContext(req, reply);
      const { t, locale } = ctx;
      const params = trendParams.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      const indicator = await findIndicator(db, params.data.id);
      if (!indicator) throw new HttpError(404);
      const q = trendQuery.parse(req.query ?? {});
      const levels = indicatorLevels(indicator);
      const level: Level = q.level && levels.includes(q.level) ? q.level : (levels[0] ?? "maakunta");
      const values = await indicatorSeries(db, indicator.id, level, q.gender);
      const genders = await indicatorGenders(db, indicator.id, level);
      const regions = await regionsOfLevel(db, level);
      const byCode = new Map(regions.map((r) => [r.code, r]));
      const byArea = new Map<string, Map<number, number>>();
      const byYear = new Map<number, number[]>();
      for (const v of values) {
        const m = byArea.get(v.regionCode) ?? new Map<number, number>();
        m.set(v.year, v.value);
        byArea.set(v.regionCode, m);
        byYear.set(v.year, [...(byYear.get(v.year) ?? []), v.value]);
      }
      const years = [...byYear.keys()].sort((a, b) => a - b);
      const medians = new Map(years.map((y) => [y, medianValue(byYear.get(y) ?? []) as number]));
      const withValues = regions.filter((r) => byArea.has(r.code));
      let selected = q.area.map((c) => byCode.get(c)).filter((r): r is NonNullable<typeof r> => Boolean(r && byArea.has(r.code)));
      if (q.area.length === 0 && years.length) {
        // By default the areas with the highest and the lowest value of the latest year.
        const last = years[years.length - 1] as number;
        const ranked = withValues
          .filter((r) => byArea.get(r.code)?.has(last))
          .sort((a, b) => (byArea.get(b.code)?.get(last) ?? 0) - (byArea.get(a.code)?.get(last) ?? 0));
        selected = [ranked[0], ranked[ranked.length - 1]].filter((r): r is NonNullable<typeof r> => Boolean(r));
        if (selected.length === 2 && selected[0]?.code === selected[1]?.code) selected = selected.slice(0, 1);
      }
      if (q.format) {
        return sendTable(
          reply,
          q.format,
          indicator.id,
          [t("indicators.code"), t("indicators.areaLabel"), ...years.map(String)],
          [
            ["", t("indicators.medianArea"), ...years.map((y) => medians.get(y) ?? null)],
            ...withValues.map((r) => [r.code, regionName(r, locale), ...years.map((y) => byArea.get(r.code)?.get(y) ?? null)]),
          ],
          indicator.attribution,
        );
      }
      return sendPage(
        reply,
        <TrendPage
          ctx={ctx}
          data={{ indicator, level, levels, regions: withValues, selected, years, medians, values: byArea, gender: q.gender, genders }}
        />,
      );
    },
  });

  registerPage(app, "indicatorNeed", {
    get: async (req, reply) => {
      const ctx = pageContext(req, reply);
      const { t, locale } = ctx;
      const today = new Date().toISOString().slice(0, 10);
      const parsed = needQuery(today).safeParse(req.query ?? {});
      const dateText = String((req.query as Record<string, unknown> | undefined)?.date ?? "");
      const q = parsed.success ? parsed.data : { date: today, format: undefined };
      const errors = parsed.success ? {} : indicatorFieldErrors(parsed.error, t);
      const version = await currentIndexVersion(db);
      const years = version ? await indexYears(db, version.id, "maakunta") : [];
      const year = years[0] ?? null;
      const rows = version && year !== null ? sortByCoverage(await needAndProjects(db, version.id, year, locale, q.date)) : [];
      const attributions = [...new Set(await attributionsOf())];
      if (q.format && year !== null) {
        return sendTable(
          reply,
          q.format,
          t("indicators.need.title"),
          [
            t("indicators.code"),
            t("indicators.levels.maakunta"),
            t("indicators.need.index", { year }),
            t("indicators.need.projects", { date: q.date }),
            t("indicators.need.population", { year: rows.find((r) => r.populationYear)?.populationYear ?? "" }),
            t("indicators.need.perTenThousand"),
            t("indicators.need.actionAreas"),
          ],
          rows.map((r) => [r.code, r.name, r.total, r.projects, r.population, r.perTenThousand, r.actionAreas.join(", ")]),
          attributions.join(" "),
        );
      }
      return sendPage(
        reply,
        <NeedPage ctx={ctx} data={{ year, rows, attributions, versionName: version?.name ?? null, day: q.date, dateText, errors }} />,
        parsed.success ? 200 : 400,
      );
    },
  });
}
