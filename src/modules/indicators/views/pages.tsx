import { LineChart } from "../../../web/chart.tsx";
import type { PageContext } from "../../../web/context.ts";
import { ErrorSummary, type FieldErrors, TextField } from "../../../web/form.tsx";
import type { T } from "../../../web/i18n.ts";
import { Layout } from "../../../web/layout.tsx";
import { INTL_LOCALE, type Locale } from "../../../web/locales.ts";
import { pathTo } from "../../../web/paths.ts";
import { NotSet, ScrollTable } from "../../../web/table.tsx";
import { classRange, coverage, MAP_CLASSES } from "../map-scale.ts";
import {
  type AreaIndicatorRow,
  type IndexTableRow,
  type Indicator,
  indicatorTitle,
  type NeedRow,
  type Region,
  regionName,
} from "../queries.ts";
import { GENDERS, type Gender, type IndexComponent, type Level } from "../schema.ts";
import { Choropleth, type MapArea } from "./choropleth.tsx";

export const COMPONENTS: readonly Exclude<IndexComponent, "gini">[] = ["total", "human", "social", "economic"];
export const INDEX_LEVELS: readonly Level[] = ["maakunta", "hyvinvointialue", "seutukunta", "kunta"];

export function numberFormat(locale: Locale, digits = 1) {
  const f = new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (n: number | null | undefined) => (n === null || n === undefined ? "–" : f.format(n));
}

function Cell({ t, value, format }: { t: T; value: number | null | undefined; format: (n: number) => string }) {
  return <td class="num">{value === null || value === undefined ? <NotSet t={t} /> : format(value)}</td>;
}

/** The sub-navigation of the indicator pages. */
export function IndicatorNav({ ctx, current }: { ctx: PageContext; current: "map" | "rankings" | "youth" | "need" | null }) {
  const { t, locale } = ctx;
  const items = [
    { key: "map", href: pathTo("indicators", locale), label: t("indicators.nav.map") },
    { key: "rankings", href: pathTo("indicatorRankings", locale), label: t("indicators.nav.rankings") },
    { key: "youth", href: pathTo("indicatorYouth", locale), label: t("indicators.nav.youth") },
    { key: "need", href: pathTo("indicatorNeed", locale), label: t("indicators.nav.need") },
  ] as const;
  return (
    <nav class="sub-nav" aria-label={t("indicators.nav.label")}>
      <ul>
        {items.map((i) => (
          <li key={i.key}>
            <a href={i.href} aria-current={i.key === current ? "page" : undefined}>
              {i.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Sources and licences of what the page shows (CC BY 4.0 needs the attribution in view). */
export function Attribution({ t, attributions, map }: { t: T; attributions: readonly string[]; map?: boolean }) {
  const list = [...new Set(attributions)];
  return (
    <section class="attribution" aria-labelledby="data-sources">
      <h2 id="data-sources">{t("indicators.sources")}</h2>
      <ul>
        {list.map((a) => (
          <li key={a}>{a}</li>
        ))}
        {map && <li>{t("layout.attributionNls")}</li>}
      </ul>
    </section>
  );
}

function ExportLinks({ ctx, base }: { ctx: PageContext; base: string }) {
  const sep = base.includes("?") ? "&" : "?";
  return (
    <p class="export-links">
      <a href={`${base}${sep}format=csv`}>{ctx.t("indicators.exportCsv")}</a> ·{" "}
      <a href={`${base}${sep}format=xlsx`}>{ctx.t("indicators.exportXlsx")}</a>
    </p>
  );
}

function IndexForm({
  ctx,
  page,
  component,
  level,
  year,
  years,
  showLevel,
}: {
  ctx: PageContext;
  page: "indicators" | "indicatorRankings";
  component: IndexComponent;
  level: Level;
  year: number;
  years: number[];
  showLevel: boolean;
}) {
  const { t, locale } = ctx;
  return (
    <form method="get" action={pathTo(page, locale)} class="filter-form">
      <div class="filter-fields">
        {showLevel && (
          <div class="field">
            <label class="field-label" for="f-level">
              {t("indicators.level")}
            </label>
            <select id="f-level" name="level" class="select">
              {INDEX_LEVELS.map((l) => (
                <option key={l} value={l} selected={l === level}>
                  {t(`indicators.levels.${l}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label class="field-label" for="f-component">
            {t("indicators.component")}
          </label>
          <select id="f-component" name="component" class="select">
            {COMPONENTS.map((c) => (
              <option key={c} value={c} selected={c === component}>
                {t(`indicators.components.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field-label" for="f-year">
            {t("indicators.year")}
          </label>
          <select id="f-year" name="year" class="select">
            {years.map((y) => (
              <option key={y} value={String(y)} selected={y === year}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" class="button">
        {t("indicators.show")}
      </button>
    </form>
  );
}

function MapLegend({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const f = numberFormat(ctx.locale, 0);
  return (
    <ul class="map-legend" aria-label={t("indicators.map.legend")}>
      {Array.from({ length: MAP_CLASSES }, (_, k) => {
        const [from, to] = classRange(k);
        const label =
          from === null
            ? t("indicators.map.below", { value: f(to) })
            : to === null
              ? t("indicators.map.atLeast", { value: f(from) })
              : t("indicators.map.between", { from: f(from), to: f(to) });
        return (
          <li key={k}>
            <svg width="20" height="14" aria-hidden="true" focusable="false">
              <rect width="20" height="14" class={`map-area map-class-${k}`} />
            </svg>
            {label}
          </li>
        );
      })}
      <li>
        <svg width="20" height="14" aria-hidden="true" focusable="false">
          <rect width="20" height="14" class="map-area map-class-none" />
        </svg>
        {t("indicators.map.noValue")}
      </li>
    </ul>
  );
}

export interface MapPageData {
  versionName: string | null;
  component: IndexComponent;
  year: number | null;
  years: number[];
  areas: MapArea[];
  rows: IndexTableRow[];
  indicators: Indicator[];
}

export function IndicatorsMapPage({ ctx, data }: { ctx: PageContext; data: MapPageData }) {
  const { t, locale } = ctx;
  const f = numberFormat(locale);
  const component = data.component === "gini" ? "total" : data.component;
  const values = new Map(data.rows.map((r) => [r.code, r[component]]));
  const sorted = [...data.rows].sort((a, b) => (b[component] ?? -Infinity) - (a[component] ?? -Infinity));
  const componentName = t(`indicators.components.${component}`);
  const query = `component=${component}&year=${data.year ?? ""}`;
  const byDimension = (d: string) => data.indicators.filter((i) => i.dimension === d && i.kind !== "published");
  return (
    <Layout ctx={ctx} title={t("indicators.title")}>
      <h1>{t("indicators.title")}</h1>
      <IndicatorNav ctx={ctx} current="map" />
      <p>{t("indicators.intro")}</p>
      {data.versionName && <p class="field-hint">{t("indicators.versionNote", { name: data.versionName })}</p>}
      {data.year === null ? (
        <p>{t("indicators.noIndex")}</p>
      ) : (
        <>
          <IndexForm
            ctx={ctx}
            page="indicators"
            component={component}
            level="maakunta"
            year={data.year}
            years={data.years}
            showLevel={false}
          />
          <h2>{t("indicators.map.heading", { component: componentName, year: data.year })}</h2>
          <p>{t("indicators.map.scale")}</p>
          <div class="map-pair">
            <div class="map-figure">
              <Choropleth
                id="index-map"
                title={t("indicators.map.title", { component: componentName, year: data.year })}
                description={t("indicators.map.description")}
                areas={data.areas}
                values={values}
                format={(n) => (n === null ? t("indicators.map.noValue") : f(n))}
              />
              <MapLegend ctx={ctx} />
            </div>
            <div>
              <ScrollTable label={t("indicators.map.tableLabel", { component: componentName, year: data.year })}>
                <thead>
                  <tr>
                    <th scope="col">{t("indicators.rank")}</th>
                    <th scope="col">{t("indicators.levels.maakunta")}</th>
                    <th scope="col" class="num">
                      {componentName}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((r, i) => (
                    <tr key={r.code}>
                      <td class="num">{i + 1}</td>
                      <th scope="row">
                        <a href={pathTo("indicatorArea", locale, { level: "maakunta", code: r.code })}>{r.name}</a>
                      </th>
                      <Cell t={t} value={r[component]} format={f} />
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
              <ExportLinks ctx={ctx} base={`${pathTo("indicators", locale)}?${query}`} />
            </div>
          </div>
        </>
      )}
      <h2>{t("indicators.list")}</h2>
      {(["human", "social", "economic", "inclusion", "context"] as const).map((d) =>
        byDimension(d).length ? (
          <section key={d}>
            <h3>{t(`indicators.dimensions.${d}`)}</h3>
            <ul>
              {byDimension(d).map((i) => (
                <li key={i.id}>
                  <a href={pathTo("indicatorTrend", locale, { id: i.id })}>{indicatorTitle(i, locale)}</a>
                  {i.ageFocus === "youth" && <> ({t("indicators.youthTag")})</>}
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
      <h2>{t("indicators.method.heading")}</h2>
      <p>{t("indicators.method.text")}</p>
      <Attribution t={t} attributions={data.indicators.map((i) => i.attribution)} map />
    </Layout>
  );
}

export function RankingsPage({
  ctx,
  data,
}: {
  ctx: PageContext;
  data: {
    level: Level;
    component: IndexComponent;
    year: number | null;
    years: number[];
    rows: IndexTableRow[];
    attributions: string[];
    inclusion: InclusionBesideData;
  };
}) {
  const { t, locale } = ctx;
  const f = numberFormat(locale);
  const g = numberFormat(locale, 3);
  const component = data.component === "gini" ? "total" : data.component;
  const sorted = [...data.rows].sort(
    (a, b) => (b[component] ?? -Infinity) - (a[component] ?? -Infinity) || a.name.localeCompare(b.name, locale),
  );
  const hasGini = data.rows.some((r) => r.gini !== null);
  return (
    <Layout ctx={ctx} title={t("indicators.rankings.title")}>
      <h1>{t("indicators.rankings.title")}</h1>
      <IndicatorNav ctx={ctx} current="rankings" />
      <p>{t("indicators.rankings.intro")}</p>
      {data.year === null ? (
        <p>{t("indicators.noIndex")}</p>
      ) : (
        <>
          <IndexForm
            ctx={ctx}
            page="indicatorRankings"
            component={component}
            level={data.level}
            year={data.year}
            years={data.years}
            showLevel
          />
          <h2>
            {t("indicators.rankings.heading", {
              level: t(`indicators.levels.${data.level}`),
              component: t(`indicators.components.${component}`),
              year: data.year,
            })}
          </h2>
          <ScrollTable label={t("indicators.rankings.tableLabel", { level: t(`indicators.levels.${data.level}`), year: data.year })}>
            <thead>
              <tr>
                <th scope="col">{t("indicators.rank")}</th>
                <th scope="col">{t("indicators.areaLabel")}</th>
                {COMPONENTS.map((c) => (
                  <th key={c} scope="col" class="num" aria-sort={c === component ? "descending" : undefined}>
                    {t(`indicators.components.${c}`)}
                  </th>
                ))}
                {hasGini && (
                  <th scope="col" class="num">
                    {t("indicators.components.gini")}
                  </th>
                )}
                {data.inclusion.withData.map((i) => (
                  <th key={i.id} scope="col" class="num inclusion-col">
                    {indicatorTitle(i, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sorted.map((r, i) => (
                <tr key={r.code}>
                  <td class="num">{r[component] === null ? <NotSet t={t} /> : i + 1}</td>
                  <th scope="row">
                    <a href={pathTo("indicatorArea", locale, { level: data.level, code: r.code })}>{r.name}</a>
                  </th>
                  {COMPONENTS.map((c) => (
                    <Cell key={c} t={t} value={r[c]} format={f} />
                  ))}
                  {hasGini && <Cell t={t} value={r.gini} format={g} />}
                  {data.inclusion.withData.map((ind) => (
                    <Cell key={ind.id} t={t} value={data.inclusion.values.get(r.code)?.get(ind.id)} format={f} />
                  ))}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          {hasGini && <p class="field-hint">{t("indicators.giniNote")}</p>}
          <InclusionNote ctx={ctx} indicators={data.inclusion.indicators} withData={data.inclusion.withData} />
          <ExportLinks
            ctx={ctx}
            base={`${pathTo("indicatorRankings", locale)}?level=${data.level}&component=${component}&year=${data.year}`}
          />
        </>
      )}
      <Attribution t={t} attributions={data.attributions} />
    </Layout>
  );
}

export interface AreaPageData {
  region: Region;
  series: { year: number; component: IndexComponent; value: number }[];
  values: AreaIndicatorRow[];
  indicators: Map<string, Indicator>;
  versionName: string | null;
  /** The gender shown, and the genders the area has values for. */
  gender: Gender;
  genders: Gender[];
}

export function AreaPage({ ctx, data }: { ctx: PageContext; data: AreaPageData }) {
  const { t, locale } = ctx;
  const f = numberFormat(locale);
  const name = regionName(data.region, locale);
  const level = t(`indicators.levels.${data.region.level}`);
  const years = [...new Set(data.series.map((s) => s.year))].sort((a, b) => a - b);
  const at = (year: number, c: IndexComponent) => data.series.find((s) => s.year === year && s.component === c)?.value ?? null;
  const totals = years.map((y) => ({ label: String(y), values: [at(y, "total") ?? 0, 100] }));
  const allYears = [...new Set(data.values.map((v) => v.year))].sort((a, b) => a - b);
  const byIndicator = new Map<string, AreaIndicatorRow[]>();
  for (const v of data.values) byIndicator.set(v.indicatorId, [...(byIndicator.get(v.indicatorId) ?? []), v]);
  const order = [...byIndicator.keys()]
    .map((id) => data.indicators.get(id))
    .filter((i): i is Indicator => Boolean(i))
    .sort((a, b) => dimensionOrder(a.dimension) - dimensionOrder(b.dimension) || a.titleFi.localeCompare(b.titleFi, "fi"));
  return (
    <Layout ctx={ctx} title={t("indicators.area.title", { name })}>
      <p class="breadcrumb">
        <a href={pathTo("indicators", locale)}>{t("indicators.title")}</a>
      </p>
      <h1>{t("indicators.area.title", { name })}</h1>
      <p>{t("indicators.area.intro", { level })}</p>
      {years.length > 0 && (
        <section aria-labelledby="area-index">
          <h2 id="area-index">{t("indicators.area.indexHeading")}</h2>
          {data.versionName && <p class="field-hint">{t("indicators.versionNote", { name: data.versionName })}</p>}
          <div class="chart-pair">
            <LineChart
              id="area-total"
              title={t("indicators.area.chartTitle", { name })}
              description={t("indicators.area.chartDescription")}
              series={[name, t("indicators.medianArea")]}
              points={totals}
              format={(n) => f(n)}
            />
            <ScrollTable label={t("indicators.area.indexTable", { name })}>
              <thead>
                <tr>
                  <th scope="col">{t("indicators.year")}</th>
                  {COMPONENTS.map((c) => (
                    <th key={c} scope="col" class="num">
                      {t(`indicators.components.${c}`)}
                    </th>
                  ))}
                  {data.region.level === "hyvinvointialue" && (
                    <th scope="col" class="num">
                      {t("indicators.components.gini")}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {years.map((y) => (
                  <tr key={y}>
                    <th scope="row">{y}</th>
                    {COMPONENTS.map((c) => (
                      <Cell key={c} t={t} value={at(y, c)} format={f} />
                    ))}
                    {data.region.level === "hyvinvointialue" && <Cell t={t} value={at(y, "gini")} format={numberFormat(locale, 3)} />}
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </div>
        </section>
      )}
      <section aria-labelledby="area-indicators">
        <h2 id="area-indicators">{t("indicators.area.indicatorsHeading")}</h2>
        <p>{t("indicators.area.indicatorsIntro")}</p>
        <form
          method="get"
          action={pathTo("indicatorArea", locale, { level: data.region.level, code: data.region.code })}
          class="filter-form"
        >
          <div class="filter-fields">
            <GenderSelect ctx={ctx} id="a-gender" gender={data.gender} genders={data.genders} />
          </div>
          <button type="submit" class="button">
            {t("indicators.show")}
          </button>
        </form>
        {order.length === 0 && data.gender !== "total" ? (
          <NoGenderData ctx={ctx} gender={data.gender} genders={data.genders} />
        ) : order.length === 0 ? (
          <p>{t("indicators.area.noValues")}</p>
        ) : (
          <ScrollTable label={t("indicators.area.indicatorsTable", { name })}>
            <thead>
              <tr>
                <th scope="col">{t("indicators.indicator")}</th>
                <th scope="col">{t("indicators.dimension")}</th>
                {allYears.map((y) => (
                  <th key={y} scope="col" class="num">
                    {y}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {order.map((i) => {
                const rows = byIndicator.get(i.id) ?? [];
                const digits = i.unit === "persons" ? 0 : 1;
                const g = numberFormat(locale, digits);
                return (
                  <tr key={i.id}>
                    <th scope="row">
                      <a href={`${pathTo("indicatorTrend", locale, { id: i.id })}?level=${data.region.level}&area=${data.region.code}`}>
                        {indicatorTitle(i, locale)}
                      </a>
                    </th>
                    <td>{t(`indicators.dimensions.${i.dimension}`)}</td>
                    {allYears.map((y) => {
                      const v = rows.find((r) => r.year === y);
                      return (
                        <td key={y} class="num">
                          {v ? (
                            <>
                              {g(v.value)}
                              <span class="median-note">
                                <span class="visually-hidden">, </span>
                                {t("indicators.area.medianShort", { value: g(v.median) })}
                              </span>
                            </>
                          ) : (
                            <NotSet t={t} />
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </ScrollTable>
        )}
        <ExportLinks
          ctx={ctx}
          base={`${pathTo("indicatorArea", locale, { level: data.region.level, code: data.region.code })}${data.gender === "total" ? "" : `?gender=${data.gender}`}`}
        />
      </section>
      <InclusionSection ctx={ctx} data={data} />
      {order.length > 0 && <Attribution t={t} attributions={order.map((i) => i.attribution)} />}
    </Layout>
  );
}

export interface InclusionBesideData {
  /** Every inclusion indicator of the catalogue. */
  indicators: Indicator[];
  /** Those with values at this level and year (their columns are shown). */
  withData: Indicator[];
  values: Map<string, Map<string, number>>;
}

/** Says which inclusion indicators are beside the index, that they are never in it, and which have no data yet. */
function InclusionNote({ ctx, indicators, withData }: { ctx: PageContext; indicators: Indicator[]; withData: Indicator[] }) {
  const { t, locale } = ctx;
  if (indicators.length === 0) return null;
  const missing = indicators.filter((i) => !withData.includes(i));
  return (
    <section aria-labelledby="inclusion-beside" class="inclusion-note">
      <h3 id="inclusion-beside">{t("indicators.inclusion.heading")}</h3>
      <p>{t("indicators.inclusion.notInIndex")}</p>
      {missing.length > 0 && (
        <>
          <p>{t("indicators.inclusion.noData")}</p>
          <ul>
            {missing.map((i) => (
              <li key={i.id}>
                {indicatorTitle(i, locale)} (<code>{i.id}</code>)
              </li>
            ))}
          </ul>
          <p>{t("indicators.inclusion.howToImport")}</p>
        </>
      )}
    </section>
  );
}

/** The area profile's inclusion indicators: the latest value next to the median, or an honest "no data yet". */
function InclusionSection({ ctx, data }: { ctx: PageContext; data: AreaPageData }) {
  const { t, locale } = ctx;
  const inclusion = [...data.indicators.values()].filter((i) => i.dimension === "inclusion");
  if (inclusion.length === 0) return null;
  const f = numberFormat(locale);
  const latest = (id: string) =>
    data.values.filter((v) => v.indicatorId === id).reduce<AreaIndicatorRow | null>((a, v) => (a && a.year > v.year ? a : v), null);
  const withData = inclusion.filter((i) => latest(i.id) !== null);
  return (
    <section aria-labelledby="area-inclusion">
      <h2 id="area-inclusion">{t("indicators.inclusion.heading")}</h2>
      <p>{t("indicators.inclusion.notInIndex")}</p>
      <ScrollTable label={t("indicators.inclusion.tableLabel", { name: regionName(data.region, locale) })}>
        <thead>
          <tr>
            <th scope="col">{t("indicators.indicator")}</th>
            <th scope="col">{t("indicators.year")}</th>
            <th scope="col" class="num">
              {t("indicators.value")}
            </th>
            <th scope="col" class="num">
              {t("indicators.medianArea")}
            </th>
          </tr>
        </thead>
        <tbody>
          {inclusion.map((i) => {
            const v = latest(i.id);
            return (
              <tr key={i.id}>
                <th scope="row">
                  {indicatorTitle(i, locale)}
                  {!v && (
                    <>
                      {" "}
                      (<code>{i.id}</code>)
                    </>
                  )}
                </th>
                {v ? (
                  <>
                    <td>{v.year}</td>
                    <td class="num">{f(v.value)}</td>
                    <td class="num">{v.median === null ? <NotSet t={t} /> : f(v.median)}</td>
                  </>
                ) : (
                  <td colSpan={3}>{t("indicators.inclusion.noDataYet")}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
      {withData.length < inclusion.length && <p>{t("indicators.inclusion.howToImport")}</p>}
    </section>
  );
}

function dimensionOrder(d: string): number {
  return ["total", "human", "social", "economic", "inclusion", "context"].indexOf(d);
}

export function YouthPage({
  ctx,
  data,
}: {
  ctx: PageContext;
  data: {
    level: Level;
    year: number | null;
    years: number[];
    indicators: Indicator[];
    rows: { code: string; name: string; values: Map<string, number>; mean: number | null }[];
  };
}) {
  const { t, locale } = ctx;
  const f = numberFormat(locale);
  return (
    <Layout ctx={ctx} title={t("indicators.youth.title")}>
      <h1>{t("indicators.youth.title")}</h1>
      <IndicatorNav ctx={ctx} current="youth" />
      <p>{t("indicators.youth.intro")}</p>
      <form method="get" action={pathTo("indicatorYouth", locale)} class="filter-form">
        <div class="filter-fields">
          <div class="field">
            <label class="field-label" for="y-level">
              {t("indicators.level")}
            </label>
            <select id="y-level" name="level" class="select">
              {INDEX_LEVELS.map((l) => (
                <option key={l} value={l} selected={l === data.level}>
                  {t(`indicators.levels.${l}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label class="field-label" for="y-year">
              {t("indicators.year")}
            </label>
            <select id="y-year" name="year" class="select">
              {data.years.map((y) => (
                <option key={y} value={String(y)} selected={y === data.year}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" class="button">
          {t("indicators.show")}
        </button>
      </form>
      {data.year === null ? (
        <p>{t("indicators.noIndex")}</p>
      ) : (
        <>
          <ScrollTable label={t("indicators.youth.tableLabel", { level: t(`indicators.levels.${data.level}`), year: data.year })}>
            <thead>
              <tr>
                <th scope="col">{t("indicators.areaLabel")}</th>
                <th scope="col" class="num" aria-sort="descending">
                  {t("indicators.youth.mean")}
                </th>
                {data.indicators.map((i) => (
                  <th key={i.id} scope="col" class="num">
                    <a href={`${pathTo("indicatorTrend", locale, { id: i.id })}?level=${data.level}`}>{indicatorTitle(i, locale)}</a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <a href={pathTo("indicatorArea", locale, { level: data.level, code: r.code })}>{r.name}</a>
                  </th>
                  <Cell t={t} value={r.mean} format={f} />
                  {data.indicators.map((i) => (
                    <Cell key={i.id} t={t} value={r.values.get(i.id)} format={f} />
                  ))}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <p class="field-hint">{t("indicators.youth.meanNote")}</p>
          <ExportLinks ctx={ctx} base={`${pathTo("indicatorYouth", locale)}?level=${data.level}&year=${data.year}`} />
        </>
      )}
      <Attribution t={t} attributions={data.indicators.map((i) => i.attribution)} />
    </Layout>
  );
}

/** The gender select of a GET form: every gender, those without data marked so. */
function GenderSelect({ ctx, id, gender, genders }: { ctx: PageContext; id: string; gender: Gender; genders: Gender[] }) {
  const { t } = ctx;
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {t("indicators.gender.label")}
      </label>
      <select id={id} name="gender" class="select">
        {GENDERS.map((g) => (
          <option key={g} value={g} selected={g === gender}>
            {genders.includes(g)
              ? t(`indicators.genders.${g}`)
              : t("indicators.gender.noDataOption", { gender: t(`indicators.genders.${g}`) })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The honest state when the chosen gender has no values: which genders do. */
function NoGenderData({ ctx, gender, genders }: { ctx: PageContext; gender: Gender; genders: Gender[] }) {
  const { t } = ctx;
  return (
    <p>
      {t("indicators.gender.noData", { gender: t(`indicators.genders.${gender}`).toLocaleLowerCase(ctx.locale) })}{" "}
      {genders.length > 0 ? t("indicators.gender.available", { genders: genders.map((g) => t(`indicators.genders.${g}`)).join(", ") }) : ""}
    </p>
  );
}

export interface TrendData {
  indicator: Indicator;
  level: Level;
  levels: Level[];
  regions: Region[];
  selected: Region[];
  years: number[];
  /** year → median of the level */
  medians: Map<number, number>;
  /** code → year → value */
  values: Map<string, Map<number, number>>;
  gender: Gender;
  /** The genders the indicator has values for at this level. */
  genders: Gender[];
}

export function TrendPage({ ctx, data }: { ctx: PageContext; data: TrendData }) {
  const { t, locale } = ctx;
  const i = data.indicator;
  const title = indicatorTitle(i, locale);
  const digits = i.unit === "persons" ? 0 : 1;
  const f = numberFormat(locale, digits);
  const series = [t("indicators.medianArea"), ...data.selected.map((r) => regionName(r, locale))];
  const points = data.years.map((y) => ({
    label: String(y),
    values: [data.medians.get(y) ?? 0, ...data.selected.map((r) => data.values.get(r.code)?.get(y) ?? 0)],
  }));
  const areaOptions = data.regions.map((r) => ({ value: r.code, label: regionName(r, locale) }));
  const selectedCodes = data.selected.map((r) => r.code);
  return (
    <Layout ctx={ctx} title={title}>
      <p class="breadcrumb">
        <a href={pathTo("indicators", locale)}>{t("indicators.title")}</a>
      </p>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{t("indicators.dimension")}</dt>
        <dd>{t(`indicators.dimensions.${i.dimension}`)}</dd>
        <dt>{t("indicators.meta.unit")}</dt>
        <dd>{i.unit === "index" ? t("indicators.meta.indexUnit") : i.unit === "persons" ? t("indicators.meta.persons") : i.unit}</dd>
        <dt>{t("indicators.meta.direction")}</dt>
        <dd>{t(`indicators.meta.${i.direction}`)}</dd>
        <dt>{t("indicators.meta.method")}</dt>
        <dd>{t(i.survey ? "indicators.meta.survey" : "indicators.meta.threeYear")}</dd>
        <dt>{t("indicators.meta.levels")}</dt>
        <dd>{data.levels.map((l) => t(`indicators.levels.${l}`)).join(", ")}</dd>
        <dt>{t("indicators.meta.years")}</dt>
        <dd>{i.firstYear && i.lastYear ? `${i.firstYear}–${i.lastYear}` : <NotSet t={t} />}</dd>
        <dt>{t("indicators.meta.source")}</dt>
        <dd>
          {t(`indicators.sourceNames.${i.source}`)} ({i.sourceId}) — {i.licence}
        </dd>
      </dl>
      {i.descriptionFi && (
        <p lang="fi" class="description">
          {i.descriptionFi}
        </p>
      )}
      <form method="get" action={pathTo("indicatorTrend", locale, { id: i.id })} class="filter-form">
        <div class="filter-fields">
          <div class="field">
            <label class="field-label" for="t-level">
              {t("indicators.level")}
            </label>
            <select id="t-level" name="level" class="select">
              {data.levels.map((l) => (
                <option key={l} value={l} selected={l === data.level}>
                  {t(`indicators.levels.${l}`)}
                </option>
              ))}
            </select>
          </div>
          {[0, 1].map((k) => (
            <div class="field" key={k}>
              <label class="field-label" for={`t-area-${k}`}>
                {t("indicators.trend.area", { n: k + 1 })}
              </label>
              <select id={`t-area-${k}`} name="area" class="select">
                <option value="">{t("indicators.trend.noArea")}</option>
                {areaOptions.map((o) => (
                  <option key={o.value} value={o.value} selected={selectedCodes[k] === o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <GenderSelect ctx={ctx} id="t-gender" gender={data.gender} genders={data.genders} />
        </div>
        <button type="submit" class="button">
          {t("indicators.show")}
        </button>
      </form>
      {data.years.length === 0 && data.gender !== "total" && !data.genders.includes(data.gender) ? (
        <NoGenderData ctx={ctx} gender={data.gender} genders={data.genders} />
      ) : data.years.length === 0 ? (
        <p>{t("indicators.area.noValues")}</p>
      ) : (
        <div class="chart-pair">
          <LineChart
            id="trend"
            title={
              data.gender === "total"
                ? t("indicators.trend.chartTitle", { title, level: t(`indicators.levels.${data.level}`) })
                : `${t("indicators.trend.chartTitle", { title, level: t(`indicators.levels.${data.level}`) })} (${t(`indicators.genders.${data.gender}`)})`
            }
            description={t("indicators.trend.chartDescription")}
            series={series}
            points={points}
            format={(n) => f(n)}
          />
          <ScrollTable label={t("indicators.trend.tableLabel", { title })}>
            <thead>
              <tr>
                <th scope="col">{t("indicators.year")}</th>
                {series.map((s) => (
                  <th key={s} scope="col" class="num">
                    {s}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.years.map((y) => (
                <tr key={y}>
                  <th scope="row">{y}</th>
                  <Cell t={t} value={data.medians.get(y)} format={f} />
                  {data.selected.map((r) => (
                    <Cell key={r.code} t={t} value={data.values.get(r.code)?.get(y)} format={f} />
                  ))}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </div>
      )}
      <ExportLinks
        ctx={ctx}
        base={`${pathTo("indicatorTrend", locale, { id: i.id })}?level=${data.level}${selectedCodes.map((c) => `&area=${c}`).join("")}${data.gender === "total" ? "" : `&gender=${data.gender}`}`}
      />
      <Attribution t={t} attributions={[i.attribution]} />
    </Layout>
  );
}

export function NeedPage({
  ctx,
  data,
}: {
  ctx: PageContext;
  data: {
    year: number | null;
    rows: NeedRow[];
    attributions: string[];
    versionName: string | null;
    day: string;
    dateText: string;
    errors: FieldErrors;
  };
}) {
  const { t, locale } = ctx;
  const f = numberFormat(locale);
  const f0 = numberFormat(locale, 0);
  const f2 = numberFormat(locale, 2);
  const demo = data.rows.some((r) => r.demoProjects > 0);
  const popYear = data.rows.find((r) => r.populationYear)?.populationYear;
  return (
    <Layout ctx={ctx} title={t("indicators.need.title")}>
      <h1>{t("indicators.need.title")}</h1>
      <IndicatorNav ctx={ctx} current="need" />
      <p>{t("indicators.need.intro")}</p>
      <p>{t("indicators.need.order")}</p>
      <form method="get" action={pathTo("indicatorNeed", locale)} class="filter-form" noValidate>
        <ErrorSummary errors={data.errors} t={t} order={["date"]} />
        <TextField
          ctx={ctx}
          name="date"
          label={t("indicators.need.date")}
          hint={t("indicators.need.dateHint")}
          value={data.dateText}
          error={data.errors.date}
          width="short"
        />
        <button type="submit" class="button">
          {t("indicators.show")}
        </button>
      </form>
      {data.year === null ? (
        <p>{t("indicators.noIndex")}</p>
      ) : (
        <>
          <ScrollTable label={t("indicators.need.tableLabel", { year: data.year })}>
            <thead>
              <tr>
                <th scope="col">{t("indicators.levels.maakunta")}</th>
                <th scope="col" class="num">
                  {t("indicators.need.index", { year: data.year })}
                </th>
                <th scope="col" class="num">
                  {t("indicators.need.projects", {
                    date: new Intl.DateTimeFormat(INTL_LOCALE[locale]).format(new Date(`${data.day}T12:00:00Z`)),
                  })}
                </th>
                <th scope="col" class="num">
                  {t("indicators.need.population", { year: popYear ?? "" })}
                </th>
                <th scope="col" class="num">
                  {t("indicators.need.perTenThousand")}
                </th>
                <th scope="col" class="num" aria-sort="ascending">
                  {t("indicators.need.coverage")}
                </th>
                <th scope="col">{t("indicators.need.actionAreas")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <a href={pathTo("indicatorArea", locale, { level: "maakunta", code: r.code })}>{r.name}</a>
                  </th>
                  <Cell t={t} value={r.total} format={f} />
                  <td class="num">{f0(r.projects)}</td>
                  <Cell t={t} value={r.population} format={f0} />
                  <Cell t={t} value={r.perTenThousand} format={f2} />
                  <Cell t={t} value={coverage(r.perTenThousand, r.total)} format={f2} />
                  <td>{r.actionAreas.length ? r.actionAreas.join(", ") : <NotSet t={t} />}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          {demo && <p class="field-hint">{t("indicators.need.demo")}</p>}
          <ExportLinks ctx={ctx} base={`${pathTo("indicatorNeed", locale)}?date=${data.day}`} />
        </>
      )}
      {data.versionName && <p class="field-hint">{t("indicators.versionNote", { name: data.versionName })}</p>}
      <Attribution t={t} attributions={data.attributions} />
    </Layout>
  );
}
