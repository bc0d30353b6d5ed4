import { BarChart, LineChart } from "../../../web/chart.tsx";
import type { PageContext } from "../../../web/context.ts";
import { ErrorSummary, type FieldErrors, type FormValues, SelectField, TextField } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { INTL_LOCALE } from "../../../web/locales.ts";
import { pathTo } from "../../../web/paths.ts";
import { NotSet, ScrollTable } from "../../../web/table.tsx";
import { ORGANISATION_TYPES } from "../../organisations/schema.ts";
import { DIMENSIONS, type Dimension, type PortfolioCounts, type PortfolioFilters, shareRows, type TrendRow } from "../portfolio.ts";
import type { Choice, PortfolioOptions } from "../portfolio-queries.ts";

export interface PortfolioResult {
  day: string;
  filters: PortfolioFilters;
  counts: PortfolioCounts;
  trend: TrendRow[];
  hasDemo: boolean;
}

const FIELD_ORDER = ["date", "programme", "area"];

export function PortfolioPage({
  ctx,
  options,
  values,
  errors,
  result,
}: {
  ctx: PageContext;
  options: PortfolioOptions;
  /** What the user typed (shown back in the form). */
  values: FormValues;
  errors: FieldErrors;
  /** Null when the query had errors. */
  result: PortfolioResult | null;
}) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title={t("portfolio.title")} hasErrors={hasErrors}>
      <h1>{t("portfolio.title")}</h1>
      <p>{t("portfolio.intro")}</p>
      <form method="get" action={pathTo("portfolio", locale)} noValidate>
        <ErrorSummary errors={errors} t={t} order={FIELD_ORDER} />
        <div class="portfolio-fields">
          <TextField
            ctx={ctx}
            name="date"
            label={t("portfolio.date")}
            hint={t("portfolio.dateHint")}
            value={values.date ?? ""}
            error={errors.date}
            width="short"
          />
          <SelectField
            ctx={ctx}
            name="programme"
            label={t("portfolio.programme")}
            options={options.programmes.map((p) => ({ value: p.id, label: p.label }))}
            emptyLabel={t("portfolio.allProgrammes")}
            value={values.programme ?? ""}
            error={errors.programme}
          />
          <SelectField
            ctx={ctx}
            name="area"
            label={t("portfolio.area")}
            options={options.areas.map((a) => ({ value: a.id, label: a.label, group: a.structure }))}
            emptyLabel={t("portfolio.allAreas")}
            value={values.area ?? ""}
            error={errors.area}
          />
        </div>
        <button type="submit" class="button">
          {t("portfolio.submit")}
        </button>
      </form>
      {result && <Statistics ctx={ctx} options={options} result={result} />}
    </Layout>
  );
}

function Statistics({ ctx, options, result }: { ctx: PageContext; options: PortfolioOptions; result: PortfolioResult }) {
  const { t, locale } = ctx;
  const number = new Intl.NumberFormat(INTL_LOCALE[locale]);
  const percent = new Intl.NumberFormat(INTL_LOCALE[locale], { style: "percent", maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${result.day}T00:00:00Z`),
  );
  const { counts, filters } = result;
  const count = (n: number) => t("portfolio.projectCount", { count: n, formatted: number.format(n) });
  const chosen = [
    filters.programme && nameOf(options.programmes, filters.programme),
    filters.area && nameOf(options.areas, filters.area),
  ].filter(Boolean);
  const hasAny = counts.total.running + counts.total.ended > 0;
  return (
    <>
      <h2>{t("portfolio.situationOn", { date: day })}</h2>
      {chosen.length > 0 && <p>{t("portfolio.filteredBy", { filters: chosen.join(", ") })}</p>}
      {result.hasDemo && (
        <p>
          <span class="tag tag--demo">{t("projects.demo")}</span> {t("portfolio.demoNote")}
        </p>
      )}
      {hasAny ? (
        <>
          <dl class="key-figures">
            <div class="key-figure key-figure--running">
              <dt>{t("portfolio.running")}</dt>
              <dd>{count(counts.total.running)}</dd>
            </div>
            <div class="key-figure key-figure--ended">
              <dt>{t("portfolio.ended")}</dt>
              <dd>{count(counts.total.ended)}</dd>
            </div>
          </dl>
          <p class="hint-text">{t("portfolio.rules")}</p>
          {DIMENSIONS.map((d) => (
            <Breakdown key={d} ctx={ctx} dimension={d} options={options} result={result} day={day} number={number} percent={percent} />
          ))}
        </>
      ) : (
        <p>{t("portfolio.none")}</p>
      )}
      <Trend ctx={ctx} trend={result.trend} number={number} />
    </>
  );
}

const nameOf = (choices: readonly Choice[], id: string) => choices.find((c) => c.id === id)?.label ?? id;

function valueLabel(ctx: PageContext, options: PortfolioOptions, d: Dimension, value: string | null): string {
  if (value === null) return ctx.t("portfolio.notSet");
  switch (d) {
    case "orgType":
      return ctx.t(`organisationTypes.${value as "ngo"}`);
    case "area":
      return nameOf(options.areas, value);
    case "actionArea":
      return nameOf(options.actionAreas, value);
    case "targetGroup":
      return nameOf(options.targetGroups, value);
  }
}

function Breakdown({
  ctx,
  dimension,
  options,
  result,
  day,
  number,
  percent,
}: {
  ctx: PageContext;
  dimension: Dimension;
  options: PortfolioOptions;
  result: PortfolioResult;
  day: string;
  number: Intl.NumberFormat;
  percent: Intl.NumberFormat;
}) {
  const { t } = ctx;
  const { counts, filters } = result;
  const reference: Record<Dimension, readonly string[]> = {
    area: options.areas.map((a) => a.id),
    actionArea: options.actionAreas.map((a) => a.id),
    orgType: ORGANISATION_TYPES,
    targetGroup: options.targetGroups.map((g) => g.id),
  };
  // Areas and action areas keep their own order (comparable from one date to another); the longer
  // lists of organisation types and target groups go by size.
  const rows = shareRows(counts[dimension], counts.total, reference[dimension], dimension === "orgType" || dimension === "targetGroup");
  const title = t(`portfolio.by.${dimension}`);
  const id = `chart-${dimension}`;
  const share = (v: number | null) => (v === null ? <NotSet t={t} /> : percent.format(v));
  const note =
    dimension === "area"
      ? t(filters.area ? "portfolio.areaFilteredNote" : "portfolio.areaNote")
      : dimension === "targetGroup"
        ? t("portfolio.targetGroupNote")
        : null;
  return (
    <section class="portfolio-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {note && <p class="hint-text">{note}</p>}
      <div class="chart-pair">
        <BarChart
          id={id}
          title={t(`portfolio.chartTitle.${dimension}`, { date: day })}
          description={t("portfolio.barChartDesc")}
          series={[t("portfolio.running"), t("portfolio.ended")]}
          rows={rows.map((r) => ({ label: valueLabel(ctx, options, dimension, r.value), values: [r.running, r.ended] }))}
          format={(n) => number.format(n)}
        />
        <ScrollTable label={t("portfolio.tableCaption", { title })}>
          <thead>
            <tr>
              <th scope="col">{t(`projects.facets.${dimension}`)}</th>
              <th scope="col" class="num">
                {t("portfolio.running")}
              </th>
              <ShareHeader label={t("portfolio.runningShare")} />
              <th scope="col" class="num">
                {t("portfolio.ended")}
              </th>
              <ShareHeader label={t("portfolio.endedShare")} />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.value ?? ""}>
                <th scope="row">{valueLabel(ctx, options, dimension, r.value)}</th>
                <td class="num">{number.format(r.running)}</td>
                <td class="num">{share(r.runningShare)}</td>
                <td class="num">{number.format(r.ended)}</td>
                <td class="num">{share(r.endedShare)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("portfolio.total")}</th>
              <td class="num">{number.format(counts.total.running)}</td>
              <td class="num">{share(counts.total.running > 0 ? 1 : null)}</td>
              <td class="num">{number.format(counts.total.ended)}</td>
              <td class="num">{share(counts.total.ended > 0 ? 1 : null)}</td>
            </tr>
          </tfoot>
        </ScrollTable>
      </div>
    </section>
  );
}

/** A narrow share column: "%" for the eye, the full heading for a screen reader. */
function ShareHeader({ label }: { label: string }) {
  return (
    <th scope="col" class="num">
      <span aria-hidden="true">%</span>
      <span class="visually-hidden">{label}</span>
    </th>
  );
}

function Trend({ ctx, trend, number }: { ctx: PageContext; trend: TrendRow[]; number: Intl.NumberFormat }) {
  const { t } = ctx;
  const first = trend[0];
  const last = trend[trend.length - 1];
  return (
    <section class="portfolio-section" aria-labelledby="trend-heading">
      <h2 id="trend-heading">{t("portfolio.trend.title")}</h2>
      {first && last ? (
        <>
          <p class="hint-text">{t("portfolio.trend.note")}</p>
          <div class="chart-pair">
            <LineChart
              id="chart-trend"
              title={t("portfolio.trend.chartTitle", { from: first.year, to: last.year })}
              description={t("portfolio.trend.chartDesc")}
              series={[t("portfolio.trend.runningAtYearEnd"), t("portfolio.trend.started"), t("portfolio.trend.ended")]}
              looks={[0, 2, 1]}
              points={trend.map((r) => ({ label: String(r.year), values: [r.runningAtYearEnd, r.started, r.ended] }))}
              format={(n) => number.format(n)}
            />
            <ScrollTable label={t("portfolio.tableCaption", { title: t("portfolio.trend.title") })}>
              <thead>
                <tr>
                  <th scope="col">{t("portfolio.trend.year")}</th>
                  <th scope="col" class="num">
                    {t("portfolio.trend.runningAtYearEnd")}
                  </th>
                  <th scope="col" class="num">
                    {t("portfolio.trend.started")}
                  </th>
                  <th scope="col" class="num">
                    {t("portfolio.trend.ended")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {trend.map((r) => (
                  <tr key={r.year}>
                    <th scope="row">{r.year}</th>
                    <td class="num">{number.format(r.runningAtYearEnd)}</td>
                    <td class="num">{number.format(r.started)}</td>
                    <td class="num">{number.format(r.ended)}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </div>
        </>
      ) : (
        <p>{t("portfolio.trend.none")}</p>
      )}
    </section>
  );
}
