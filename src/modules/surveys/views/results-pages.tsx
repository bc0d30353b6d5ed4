import type { ComponentChildren } from "preact";
import type { PageContext } from "../../../web/context.ts";
import type { T } from "../../../web/i18n.ts";
import { Layout } from "../../../web/layout.tsx";
import { INTL_LOCALE, type Locale } from "../../../web/locales.ts";
import { pathTo } from "../../../web/paths.ts";
import { ScrollTable } from "../../../web/table.tsx";
import type { Instrument, SurveyLanguage } from "../instrument.ts";
import type { GroupResults, ItemDistribution, Visibility } from "../results.ts";
import { roundName } from "./manage-pages.tsx";

function formatters(ctx: PageContext) {
  const intl = INTL_LOCALE[ctx.locale];
  const n = new Intl.NumberFormat(intl);
  const d2 = new Intl.NumberFormat(intl, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const d3 = new Intl.NumberFormat(intl, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const signed = new Intl.NumberFormat(intl, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
  const pct = new Intl.NumberFormat(intl, { style: "percent", maximumFractionDigits: 0 });
  const p = (x: number) => (x < 0.001 ? `< ${d3.format(0.001)}` : d3.format(x));
  return {
    n: (x: number) => n.format(x),
    d2: (x: number) => d2.format(x),
    signed: (x: number) => signed.format(x),
    pct: (x: number) => pct.format(x),
    p,
  };
}

/** When a roll-up's figures were computed, and whether newer answers are still being counted. */
export interface AsOf {
  at: Date;
  stale: boolean;
}

/** "Figures as of 25.11.2026 at 19.42" (Finnish time, the page's way), with a note when newer answers are being counted. */
export function asOfText(t: T, locale: Locale, asOf: AsOf): string {
  const intl = INTL_LOCALE[locale];
  const date = new Intl.DateTimeFormat(intl, { timeZone: "Europe/Helsinki", day: "numeric", month: "numeric", year: "numeric" }).format(
    asOf.at,
  );
  const time = new Intl.DateTimeFormat(intl, { timeZone: "Europe/Helsinki", hour: "2-digit", minute: "2-digit" }).format(asOf.at);
  return t(asOf.stale ? "survey.results.asOfStale" : "survey.results.asOf", { date, time });
}

/** A hidden figure: says why, never a number. */
function Hidden({ ctx, k }: { ctx: PageContext; k: number }) {
  return <span class="suppressed">{ctx.t("survey.results.hidden", { k })}</span>;
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

/** The figures of one group (a project, or pooled), each hidden when it would come from fewer than k respondents. */
export function Figures({ ctx, results, vis }: { ctx: PageContext; results: GroupResults; vis: Visibility }) {
  const { t } = ctx;
  const f = formatters(ctx);
  const a = results.pooled.analysis;
  const show = (ok: boolean, value: string | null) =>
    ok && value !== null ? value : ok ? t("survey.results.undefined") : <Hidden ctx={ctx} k={vis.k} />;
  const num = (x: number | null, fmt: (v: number) => string) => (x === null ? null : fmt(x));
  const significant = a.p !== null && a.p < 0.05;
  return (
    <>
      <ScrollTable label={t("survey.results.figuresLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("survey.results.figure")}</th>
            <th scope="col">{t("survey.results.value")}</th>
          </tr>
        </thead>
        <tbody>
          <Row label={t("survey.results.preResponses")}>{show(vis.preCount, f.n(a.nPreResponses))}</Row>
          <Row label={t("survey.results.postResponses")}>{show(vis.postCount, f.n(a.nPostResponses))}</Row>
          <Row label={t("survey.results.pairedN")}>{show(vis.paired, f.n(a.n))}</Row>
          <Row label={t("survey.results.meanPre")}>{show(vis.paired, num(a.meanPre, f.d2))}</Row>
          <Row label={t("survey.results.meanPost")}>{show(vis.paired, num(a.meanPost, f.d2))}</Row>
          <Row label={t("survey.results.meanChange")}>
            {show(
              vis.paired,
              a.meanChange === null
                ? null
                : a.ciLow !== null && a.ciHigh !== null
                  ? t("survey.results.changeWithCi", { change: f.signed(a.meanChange), low: f.signed(a.ciLow), high: f.signed(a.ciHigh) })
                  : f.signed(a.meanChange),
            )}
          </Row>
          <Row label={t("survey.results.tTest")}>
            {show(vis.paired, a.t === null || a.p === null ? null : t("survey.results.tValue", { t: f.d2(a.t), df: a.df, p: f.p(a.p) }))}
          </Row>
          <Row label={t("survey.results.wilcoxon")}>
            {show(
              vis.paired,
              a.wilcoxon.V === null || a.wilcoxon.p === null
                ? null
                : t("survey.results.wilcoxonValue", { v: f.n(a.wilcoxon.V), p: f.p(a.wilcoxon.p) }),
            )}
          </Row>
          <Row label={t("survey.results.dz")}>{show(vis.paired, num(a.dz, f.d2))}</Row>
          <Row label={t("survey.results.rose")}>{show(vis.direction[0], a.n ? `${f.n(a.rose)} (${f.pct(a.rose / a.n)})` : null)}</Row>
          <Row label={t("survey.results.stayed")}>{show(vis.direction[1], a.n ? `${f.n(a.stayed)} (${f.pct(a.stayed / a.n)})` : null)}</Row>
          <Row label={t("survey.results.fell")}>{show(vis.direction[2], a.n ? `${f.n(a.fell)} (${f.pct(a.fell / a.n)})` : null)}</Row>
          <Row label={t("survey.results.alpha")}>
            {show(vis.alpha, a.alpha === null ? null : t("survey.results.alphaValue", { alpha: f.d2(a.alpha), n: f.n(a.alphaN) }))}
          </Row>
        </tbody>
      </ScrollTable>
      <h2>{t("survey.results.whatItMeans")}</h2>
      {!vis.paired ? (
        <p>{t("survey.results.tooFew", { k: vis.k })}</p>
      ) : a.p === null ? (
        <p>{t("survey.results.noTest")}</p>
      ) : (
        <>
          <p>
            {t(
              a.meanChange !== null && a.meanChange > 0
                ? "survey.results.meanRose"
                : a.meanChange !== null && a.meanChange < 0
                  ? "survey.results.meanFell"
                  : "survey.results.meanSame",
              {
                change: f.d2(Math.abs(a.meanChange ?? 0)),
              },
            )}{" "}
            {significant ? t("survey.results.significant") : t("survey.results.notSignificant")}
          </p>
          {a.ciLow !== null && a.ciHigh !== null && (
            <p>{t("survey.results.ciExplained", { low: f.signed(a.ciLow), high: f.signed(a.ciHigh) })}</p>
          )}
          {a.dz !== null && <p>{t("survey.results.dzExplained")}</p>}
        </>
      )}
      <p class="field-hint">{t("survey.results.method")}</p>
    </>
  );
}

const STEP_CLASSES = [
  "stack-0",
  "stack-1",
  "stack-2",
  "stack-3",
  "stack-4",
  "stack-5",
  "stack-6",
  "stack-7",
  "stack-8",
  "stack-9",
  "stack-10",
];

/** Answer distribution of each item as a stacked bar (server-side SVG), with the numbers in a table beneath. */
function Distribution({
  ctx,
  instrument,
  round,
  dists,
  vis,
}: {
  ctx: PageContext;
  instrument: Instrument;
  round: "pre" | "post";
  dists: ItemDistribution[];
  vis: Visibility;
}) {
  const { t } = ctx;
  const f = formatters(ctx);
  const lang: SurveyLanguage = ctx.locale;
  const labels = [...instrument.scale.labels[lang], t("survey.results.unanswered")];
  const id = `dist-${round}`;
  const title = t(round === "pre" ? "survey.results.distributionPre" : "survey.results.distributionPost");
  const rows = dists.filter((d) => d.round === round);
  if (rows.length === 0 || (rows[0]?.n ?? 0) < vis.k) {
    return (
      <>
        <h3>{title}</h3>
        <p>{t("survey.results.tooFewRound", { k: vis.k })}</p>
      </>
    );
  }
  // The label sits above its bar, so that a long word ("Påstående 12") never runs under the bar on a phone.
  const ROW = 46;
  const BAR = 22;
  const TOP = 20;
  return (
    <>
      <h3>{title}</h3>
      <ul class="chart-legend">
        {labels.map((l, i) => (
          <li key={l}>
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" class={i === labels.length - 1 ? "stack-none" : STEP_CLASSES[i]} />
            </svg>{" "}
            {l}
          </li>
        ))}
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" class="stack-hidden" />
          </svg>{" "}
          {t("survey.results.hiddenSegment")}
        </li>
      </ul>
      <svg class="chart-svg" width="100%" height={rows.length * ROW + 4} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t("survey.results.distributionDesc")}</desc>
        {rows.map((d, r) => {
          const shown = vis.distribution.get(`${round}:${d.itemIndex}`) ?? [];
          const cells = [...d.counts, d.unanswered];
          let x = 0;
          let hiddenSum = 0;
          const segments = cells.map((c, i) => {
            if (!shown[i]) {
              hiddenSum += c;
              return null;
            }
            const w = (c / d.n) * 100;
            const seg = (
              <rect
                key={i}
                x={`${x}%`}
                y={r * ROW + TOP}
                width={`${w}%`}
                height={BAR}
                class={i === cells.length - 1 ? "stack-none" : STEP_CLASSES[i]}
              />
            );
            x += w;
            return seg;
          });
          const hw = (hiddenSum / d.n) * 100;
          return (
            <g key={d.itemIndex}>
              <text class="chart-label" x="0" y={r * ROW + 15}>
                {t("survey.results.itemShort", { n: d.itemIndex + 1 })}
              </text>
              {segments}
              {hiddenSum > 0 && <rect x={`${x}%`} y={r * ROW + TOP} width={`${hw}%`} height={BAR} class="stack-hidden" />}
            </g>
          );
        })}
      </svg>
      <ScrollTable label={title}>
        <thead>
          <tr>
            <th scope="col">{t("survey.results.statement")}</th>
            {labels.map((l) => (
              <th scope="col" class="numeric" key={l}>
                {l}
              </th>
            ))}
            <th scope="col" class="numeric">
              {t("survey.results.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => {
            const shown = vis.distribution.get(`${round}:${d.itemIndex}`) ?? [];
            return (
              <tr key={d.itemIndex}>
                <th scope="row" lang={lang}>
                  {d.itemIndex + 1}. {instrument.items[d.itemIndex]?.text[lang]}
                </th>
                {[...d.counts, d.unanswered].map((c, i) => (
                  <td class="numeric" key={i}>
                    {shown[i] ? f.n(c) : <Hidden ctx={ctx} k={vis.k} />}
                  </td>
                ))}
                <td class="numeric">{f.n(d.n)}</td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
    </>
  );
}

export function ResultsBody({ ctx, results, vis }: { ctx: PageContext; results: GroupResults; vis: Visibility }) {
  const { t } = ctx;
  return (
    <>
      <Figures ctx={ctx} results={results} vis={vis} />
      {results.instrument && (
        <>
          <h2>{t("survey.results.distributionHeading")}</h2>
          <Distribution ctx={ctx} instrument={results.instrument} round="pre" dists={results.pooled.distributions} vis={vis} />
          <Distribution ctx={ctx} instrument={results.instrument} round="post" dists={results.pooled.distributions} vis={vis} />
        </>
      )}
    </>
  );
}

/**
 * Which follow-up the start round is compared with, said in words; when the projects have later
 * follow-ups, a small GET form chooses another (works without JavaScript).
 */
function Comparison({
  ctx,
  action,
  group,
  followUp,
  lastRound,
}: {
  ctx: PageContext;
  action: string;
  group?: string;
  followUp: number;
  lastRound: number;
}) {
  const { t } = ctx;
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const choices = Array.from({ length: Math.max(0, lastRound - 1) }, (_, i) => i + 2);
  return (
    <>
      <p class="survey-comparison">{t("survey.results.comparedWith", { round: lower(roundName(t, followUp)) })}</p>
      {choices.length > 1 && (
        <form method="get" action={action} class="filter-form" noValidate>
          {group && <input type="hidden" name="group" value={group} />}
          <div class="field">
            <label class="field-label" for="field-followUp">
              {t("survey.results.compareLabel")}
            </label>
            <select id="field-followUp" name="followUp" class="select">
              {choices.map((n) => (
                <option key={n} value={String(n)} selected={n === followUp}>
                  {roundName(t, n)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button">
            {t("survey.results.compareShow")}
          </button>
        </form>
      )}
    </>
  );
}

/** The query string of a view's links: the group and, when not the first, the follow-up compared. */
function viewQuery(group: string | undefined, followUp: number): string {
  const qs = new URLSearchParams();
  if (group) qs.set("group", group);
  if (followUp !== 2) qs.set("followUp", String(followUp));
  const s = qs.toString();
  return s ? `?${s}` : "";
}

function Downloads({ ctx, csv, xlsx }: { ctx: PageContext; csv: string; xlsx: string }) {
  return (
    <ul class="inline-actions">
      <li>
        <a href={csv} download>
          {ctx.t("survey.export.csv")}
        </a>
      </li>
      <li>
        <a href={xlsx} download>
          {ctx.t("survey.export.xlsx")}
        </a>
      </li>
    </ul>
  );
}

export function ProjectResultsPage({
  ctx,
  code,
  projectName,
  results,
  vis,
  lastRound,
}: {
  ctx: PageContext;
  code: string;
  projectName: string;
  results: GroupResults;
  vis: Visibility;
  /** The project's highest round sequence (which follow-ups can be compared). */
  lastRound: number;
}) {
  const { t, locale } = ctx;
  const title = t("survey.results.title", { name: projectName });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="breadcrumb">
        <a href={pathTo("projectSurvey", locale, { code })}>{t("survey.cards.back")}</a>
      </p>
      <h1>{title}</h1>
      <p>{t("survey.results.intro", { k: vis.k })}</p>
      <Comparison ctx={ctx} action={pathTo("projectSurveyResults", locale, { code })} followUp={results.followUp} lastRound={lastRound} />
      <Downloads
        ctx={ctx}
        csv={`${pathTo("projectSurveyResultsCsv", locale, { code })}${viewQuery(undefined, results.followUp)}`}
        xlsx={`${pathTo("projectSurveyResultsXlsx", locale, { code })}${viewQuery(undefined, results.followUp)}`}
      />
      <ResultsBody ctx={ctx} results={results} vis={vis} />
    </Layout>
  );
}

export interface RollupChoice {
  value: string;
  label: string;
}

export function RollupPage({
  ctx,
  choices,
  selected,
  groupName,
  projects,
  results,
  vis,
  lastRound = 0,
  asOf,
}: {
  ctx: PageContext;
  choices: { programme: RollupChoice[]; area: RollupChoice[]; actionArea: RollupChoice[] };
  selected: string;
  groupName: string | null;
  projects: { id: string; code: string; name: string }[];
  results: GroupResults | null;
  vis: Visibility | null;
  /** The highest round sequence among the group's projects. */
  lastRound?: number;
  asOf?: AsOf;
}) {
  const { t, locale } = ctx;
  const f = formatters(ctx);
  const title = groupName ? t("survey.rollup.titleOf", { name: groupName }) : t("survey.rollup.title");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t("survey.rollup.intro")}</p>
      <form method="get" action={pathTo("surveyRollup", locale)} class="filter-form" noValidate>
        <div class="field">
          <label class="field-label" for="field-group">
            {t("survey.rollup.group")}
          </label>
          <select id="field-group" name="group" class="select">
            <optgroup label={t("survey.rollup.programmes")}>
              {choices.programme.map((c) => (
                <option key={c.value} value={`programme:${c.value}`} selected={selected === `programme:${c.value}`}>
                  {c.label}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("survey.rollup.areas")}>
              {choices.area.map((c) => (
                <option key={c.value} value={`area:${c.value}`} selected={selected === `area:${c.value}`}>
                  {c.label}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("survey.rollup.actionAreas")}>
              {choices.actionArea.map((c) => (
                <option key={c.value} value={`actionArea:${c.value}`} selected={selected === `actionArea:${c.value}`}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <button type="submit" class="button">
          {t("survey.rollup.show")}
        </button>
      </form>
      {results && vis && (
        <>
          <h2>{t("survey.rollup.pooled")}</h2>
          {asOf && (
            <p class={asOf.stale ? "notice" : undefined} role={asOf.stale ? "status" : undefined}>
              {asOfText(t, locale, asOf)}
            </p>
          )}
          <Comparison
            ctx={ctx}
            action={pathTo("surveyRollup", locale)}
            group={selected}
            followUp={results.followUp}
            lastRound={lastRound}
          />
          <Downloads
            ctx={ctx}
            csv={`${pathTo("surveyRollupCsv", locale)}${viewQuery(selected, results.followUp)}`}
            xlsx={`${pathTo("surveyRollupXlsx", locale)}${viewQuery(selected, results.followUp)}`}
          />
          <ResultsBody ctx={ctx} results={results} vis={vis} />
          <h2>{t("survey.rollup.byProject")}</h2>
          {results.perProject.length === 0 ? (
            <p>{t("survey.rollup.noAnswers")}</p>
          ) : (
            <ScrollTable label={t("survey.rollup.byProject")}>
              <thead>
                <tr>
                  <th scope="col">{t("survey.rollup.project")}</th>
                  <th scope="col" class="numeric">
                    {t("survey.results.pairedN")}
                  </th>
                  <th scope="col" class="numeric">
                    {t("survey.results.meanPre")}
                  </th>
                  <th scope="col" class="numeric">
                    {t("survey.results.meanPost")}
                  </th>
                  <th scope="col" class="numeric">
                    {t("survey.results.meanChangeShort")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {results.perProject.map((p) => {
                  const info = projects.find((x) => x.id === p.projectId);
                  const ok = vis.projects.get(p.projectId) === true && p.analysis.n >= vis.k;
                  const cell = (v: number | null, fmt: (x: number) => string) =>
                    ok ? v === null ? t("survey.results.undefined") : fmt(v) : <Hidden ctx={ctx} k={vis.k} />;
                  return (
                    <tr key={p.projectId}>
                      <th scope="row">{info ? <a href={pathTo("project", locale, { code: info.code })}>{info.name}</a> : p.projectId}</th>
                      <td class="numeric">{ok ? f.n(p.analysis.n) : <Hidden ctx={ctx} k={vis.k} />}</td>
                      <td class="numeric">{cell(p.analysis.meanPre, f.d2)}</td>
                      <td class="numeric">{cell(p.analysis.meanPost, f.d2)}</td>
                      <td class="numeric">{cell(p.analysis.meanChange, f.signed)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </ScrollTable>
          )}
        </>
      )}
    </Layout>
  );
}

/** The researcher's item-level dataset: choose a group, download a CSV. */
export function DatasetPage({
  ctx,
  choices,
}: {
  ctx: PageContext;
  choices: { programme: RollupChoice[]; area: RollupChoice[]; actionArea: RollupChoice[] };
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("survey.dataset.title")}>
      <h1>{t("survey.dataset.title")}</h1>
      <p>{t("survey.dataset.intro")}</p>
      <form method="get" action={pathTo("surveyDatasetCsv", locale)} noValidate>
        <div class="field">
          <label class="field-label" for="field-group">
            {t("survey.rollup.group")}
          </label>
          <select id="field-group" name="group" class="select">
            {(["programme", "area", "actionArea"] as const).map((kind) => (
              <optgroup
                key={kind}
                label={t(
                  kind === "programme" ? "survey.rollup.programmes" : kind === "area" ? "survey.rollup.areas" : "survey.rollup.actionAreas",
                )}
              >
                {choices[kind].map((c) => (
                  <option key={c.value} value={`${kind}:${c.value}`}>
                    {c.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t("survey.dataset.download")}
        </button>
      </form>
    </Layout>
  );
}
