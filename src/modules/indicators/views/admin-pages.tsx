import type { PageContext } from "../../../web/context.ts";
import { CheckboxesField, ErrorSummary, type FieldErrors, Notice, PostForm, SubmitButton, TextField } from "../../../web/form.tsx";
import { formatDateTime } from "../../../web/i18n.ts";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import { NotSet, ScrollTable } from "../../../web/table.tsx";
import { AdminNav } from "../../accounts/views/admin-pages.tsx";
import type { IndicatorImportReport } from "../import-service.ts";
import type { Indicator } from "../queries.ts";
import { indicatorTitle } from "../queries.ts";
import type { MessageKey } from "../rows.ts";
import { numberFormat } from "./pages.tsx";

export interface VersionRow {
  id: string;
  name: string;
  current: boolean;
  computedAt: Date | null;
  indicatorIds: string[];
}

export function IndexVersionsPage({
  ctx,
  versions,
  eligible,
  errors = {},
  values = { name: "", indicators: [] as string[], current: "" },
  notice,
}: {
  ctx: PageContext;
  versions: VersionRow[];
  eligible: Indicator[];
  errors?: FieldErrors;
  values?: { name: string; indicators: string[]; current: string };
  notice: "created" | "current" | null;
}) {
  const { t, locale } = ctx;
  const title = indicatorTitle;
  return (
    <Layout ctx={ctx} title={t("indicators.admin.versionsTitle")} hasErrors={Object.keys(errors).length > 0}>
      <AdminNav ctx={ctx} current="indexVersions" />
      <h1>{t("indicators.admin.versionsTitle")}</h1>
      {notice && <Notice>{t(`indicators.admin.notice.${notice}`)}</Notice>}
      <p>{t("indicators.admin.versionsIntro")}</p>
      <ScrollTable label={t("indicators.admin.versionsTitle")}>
        <thead>
          <tr>
            <th scope="col">{t("indicators.admin.name")}</th>
            <th scope="col">{t("indicators.admin.indicatorCount")}</th>
            <th scope="col">{t("indicators.admin.computedAt")}</th>
            <th scope="col">{t("indicators.admin.state")}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">{v.name}</th>
              <td class="num">{v.indicatorIds.length}</td>
              <td>{v.computedAt ? formatDateTime(locale, v.computedAt) : <NotSet t={t} />}</td>
              <td>
                {v.current ? (
                  <strong>{t("indicators.admin.current")}</strong>
                ) : (
                  <PostForm ctx={ctx} action={pathTo("adminIndexVersionCurrent", locale, { id: v.id })} class="inline-form">
                    <button type="submit" class="button button--secondary">
                      {t("indicators.admin.makeCurrent")}
                      <span class="visually-hidden">: {v.name}</span>
                    </button>
                  </PostForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <h2 id="new-version">{t("indicators.admin.newVersion")}</h2>
      <PostForm ctx={ctx} action={pathTo("adminIndexVersions", locale)}>
        <ErrorSummary errors={errors} t={t} order={["name", "indicators"]} />
        <TextField ctx={ctx} name="name" label={t("indicators.admin.name")} value={values.name} error={errors.name} />
        <CheckboxesField
          ctx={ctx}
          name="indicators"
          legend={t("indicators.admin.members")}
          hint={t("indicators.admin.membersHint")}
          options={eligible.map((i) => ({ value: i.id, label: `${title(i, locale)} (${t(`indicators.dimensions.${i.dimension}`)})` }))}
          checked={values.indicators}
          error={errors.indicators}
        />
        <div class="checkbox">
          <input type="checkbox" id="field-current" name="current" value="yes" checked={values.current === "yes"} />
          <label for="field-current">{t("indicators.admin.makeCurrentNow")}</label>
        </div>
        <SubmitButton>{t("indicators.admin.create")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

export interface RunRow {
  id: string;
  createdAt: Date;
  format: string;
  fileName: string;
  saved: boolean;
  insertedCount: number;
  updatedCount: number;
  unchangedCount: number;
  rejectedCount: number;
  anomalyCount: number;
}

export function IndicatorImportPage({
  ctx,
  runs,
  errors = {},
  format,
}: {
  ctx: PageContext;
  runs: RunRow[];
  errors?: FieldErrors;
  format?: string;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("indicators.admin.importTitle")} hasErrors={Object.keys(errors).length > 0}>
      <AdminNav ctx={ctx} current="indicatorImport" />
      <h1>{t("indicators.admin.importTitle")}</h1>
      <p>{t("indicators.admin.importIntro")}</p>
      <p>
        <a href={pathTo("adminIndicatorFetch", locale)}>{t("indicators.fetch.link")}</a>
      </p>
      <PostForm ctx={ctx} action={pathTo("adminIndicatorImport", locale)} enctype="multipart/form-data">
        <ErrorSummary errors={errors} t={t} order={["format", "files"]} />
        <fieldset class={`field fieldset${errors.format ? " field--error" : ""}`}>
          <legend class="field-label">{t("indicators.admin.format")}</legend>
          {errors.format && (
            <p class="field-error" id="field-format-error">
              {errors.format}
            </p>
          )}
          {(["sotkanet", "csv", "hos"] as const).map((f, i) => (
            <div class="checkbox" key={f}>
              <input type="radio" id={i === 0 ? "field-format" : `field-format-${f}`} name="format" value={f} checked={format === f} />
              <label for={i === 0 ? "field-format" : `field-format-${f}`}>{t(`indicators.admin.formats.${f}`)}</label>
            </div>
          ))}
        </fieldset>
        <div class={`field${errors.files ? " field--error" : ""}`}>
          <label class="field-label" for="field-files">
            {t("indicators.admin.files")}
          </label>
          <p class="field-hint" id="field-files-hint">
            {t("indicators.admin.filesHint")}
          </p>
          {errors.files && (
            <p class="field-error" id="field-files-error">
              {errors.files}
            </p>
          )}
          <input
            type="file"
            id="field-files"
            name="files"
            multiple
            accept=".csv,.json,text/csv,application/json"
            aria-describedby={errors.files ? "field-files-hint field-files-error" : "field-files-hint"}
          />
        </div>
        <div class="checkbox">
          <input type="checkbox" id="field-validRows" name="validRows" value="yes" />
          <label for="field-validRows">{t("indicators.admin.validRows")}</label>
        </div>
        <SubmitButton>{t("indicators.admin.importSubmit")}</SubmitButton>
      </PostForm>
      <h2>{t("indicators.admin.runs")}</h2>
      <RunsTable ctx={ctx} runs={runs} />
    </Layout>
  );
}

function RunsTable({ ctx, runs }: { ctx: PageContext; runs: RunRow[] }) {
  const { t, locale } = ctx;
  if (runs.length === 0) return <p>{t("indicators.admin.noRuns")}</p>;
  return (
    <ScrollTable label={t("indicators.admin.runs")}>
      <thead>
        <tr>
          <th scope="col">{t("indicators.admin.when")}</th>
          <th scope="col">{t("indicators.admin.file")}</th>
          <th scope="col">{t("indicators.admin.saved")}</th>
          <th scope="col" class="num">
            {t("indicators.admin.counts.inserted")}
          </th>
          <th scope="col" class="num">
            {t("indicators.admin.counts.updated")}
          </th>
          <th scope="col" class="num">
            {t("indicators.admin.counts.unchanged")}
          </th>
          <th scope="col" class="num">
            {t("indicators.admin.counts.rejected")}
          </th>
          <th scope="col" class="num">
            {t("indicators.admin.counts.anomalies")}
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            <td>
              <a href={pathTo("adminIndicatorImportRun", locale, { id: r.id })}>{formatDateTime(locale, r.createdAt)}</a>
            </td>
            <td>{r.fileName}</td>
            <td>{r.saved ? t("indicators.admin.yes") : t("indicators.admin.no")}</td>
            <td class="num">{r.insertedCount}</td>
            <td class="num">{r.updatedCount}</td>
            <td class="num">{r.unchangedCount}</td>
            <td class="num">{r.rejectedCount}</td>
            <td class="num">{r.anomalyCount}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function ImportRunPage({
  ctx,
  run,
  titles,
}: {
  ctx: PageContext;
  run: RunRow & { report: unknown };
  titles: Map<string, Indicator>;
}) {
  const { t, locale } = ctx;
  const report = run.report as IndicatorImportReport;
  const f = numberFormat(locale, 6);
  const comparison = report.comparison;
  return (
    <Layout ctx={ctx} title={t("indicators.admin.runTitle")}>
      <AdminNav ctx={ctx} current="indicatorImport" />
      <h1>{t("indicators.admin.runTitle")}</h1>
      <p>
        {formatDateTime(locale, run.createdAt)} · {t(`indicators.admin.formats.${run.format as "csv"}`)} · {run.fileName}
      </p>
      <p>
        <strong>{run.saved ? t("indicators.admin.savedText") : t("indicators.admin.notSavedText")}</strong>
      </p>
      <RunsTable ctx={ctx} runs={[run]} />
      <h2>{t("indicators.admin.filesHeading")}</h2>
      <ul>
        {report.files.map((file) => (
          <li key={file.name}>
            {file.name}: {t("indicators.admin.fileRows", { count: file.rows })}
            {file.problem && <strong class="report-error"> — {t(`indicators.fileProblems.${file.problem.key as "empty"}`)}</strong>}
          </li>
        ))}
      </ul>
      {comparison && comparison.compared > 0 && (
        <section aria-labelledby="comparison">
          <h2 id="comparison">{t("indicators.admin.comparisonHeading")}</h2>
          <p>
            {t("indicators.admin.comparisonText", {
              compared: comparison.compared,
              reproduced: comparison.reproduced,
              anomalies: comparison.anomalies.length,
              tolerance: "0.000001",
            })}
          </p>
          {comparison.anomalies.length > 0 && (
            <ScrollTable label={t("indicators.admin.anomalies")}>
              <thead>
                <tr>
                  <th scope="col">{t("indicators.admin.row")}</th>
                  <th scope="col">{t("indicators.level")}</th>
                  <th scope="col">{t("indicators.areaLabel")}</th>
                  <th scope="col">{t("indicators.year")}</th>
                  <th scope="col">{t("indicators.indicator")}</th>
                  <th scope="col" class="num">
                    {t("indicators.admin.published")}
                  </th>
                  <th scope="col" class="num">
                    {t("indicators.admin.computed")}
                  </th>
                  <th scope="col" class="num">
                    {t("indicators.admin.difference")}
                  </th>
                  <th scope="col">{t("indicators.admin.diagnosis")}</th>
                </tr>
              </thead>
              <tbody>
                {comparison.anomalies.map((a) => {
                  const i = titles.get(a.indicatorId);
                  return (
                    <tr key={`${a.level}-${a.regionCode}-${a.year}-${a.indicatorId}`} class="anomaly">
                      <td class="num">{a.row}</td>
                      <td>{t(`indicators.levels.${a.level as "kunta"}`)}</td>
                      <td>
                        <a href={pathTo("indicatorArea", locale, { level: a.level, code: a.regionCode })}>{a.regionCode}</a>
                      </td>
                      <td>{a.year}</td>
                      <td>{i ? indicatorTitle(i, locale) : a.indicatorId}</td>
                      <td class="num">{f(a.published)}</td>
                      <td class="num">{a.computed === null ? <NotSet t={t} /> : f(a.computed)}</td>
                      <td class="num">{a.computed === null ? <NotSet t={t} /> : f(a.computed - a.published)}</td>
                      <td>
                        {a.totalFollowsPublishedDimensions === true && t("indicators.admin.diagnosisInherited")}
                        {a.missing && a.missing.length > 0 && (
                          <>
                            {t("indicators.admin.diagnosisMissing", {
                              names: a.missing
                                .map((id) => {
                                  const m = titles.get(id);
                                  return m ? indicatorTitle(m, locale) : id;
                                })
                                .join("; "),
                            })}
                            {typeof a.impliedMissingValue === "number" &&
                              ` ${t("indicators.admin.diagnosisImplied", { value: f(a.impliedMissingValue) })}`}
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </ScrollTable>
          )}
        </section>
      )}
      <h2>{t("indicators.admin.messagesHeading")}</h2>
      {report.messageCount === 0 ? (
        <p>{t("indicators.admin.noMessages")}</p>
      ) : (
        <>
          {report.messageCount > report.messages.length && (
            <p>{t("indicators.admin.messagesCut", { shown: report.messages.length, count: report.messageCount })}</p>
          )}
          <ScrollTable label={t("indicators.admin.messagesHeading")}>
            <thead>
              <tr>
                <th scope="col">{t("indicators.admin.file")}</th>
                <th scope="col">{t("indicators.admin.row")}</th>
                <th scope="col">{t("indicators.admin.message")}</th>
              </tr>
            </thead>
            <tbody>
              {report.messages.map((m) => (
                <tr key={`${m.file}-${m.row}-${m.key}`}>
                  <td>{m.file}</td>
                  <td class="num">{m.row}</td>
                  <td>{t(`indicators.messages.${m.key as MessageKey}`, { value: "", expected: "", level: "", ...m.params })}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
    </Layout>
  );
}
