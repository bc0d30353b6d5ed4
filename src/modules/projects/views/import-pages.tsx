import type { PageContext } from "../../../web/context.ts";
import { ErrorSummary, type FieldErrors, Notice, PostForm, SubmitButton } from "../../../web/form.tsx";
import { formatDateTime, type T } from "../../../web/i18n.ts";
import { Layout } from "../../../web/layout.tsx";
import { INTL_LOCALE } from "../../../web/locales.ts";
import { pathTo } from "../../../web/paths.ts";
import { NotSet, ScrollTable } from "../../../web/table.tsx";
import { AdminNav } from "../../accounts/views/admin-pages.tsx";
import type { Delimiter } from "../import-csv.ts";
import { type CellMessage, OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from "../import-mapping.ts";
import { IMPORT_LIMITS, type ImportRun, type listImportRuns, type RowReport } from "../import-service.ts";

type RunSummary = Awaited<ReturnType<typeof listImportRuns>>[number];

/** A message of the report in the reader's language; keys come from the stored report. */
function messageText(t: T, m: CellMessage): string {
  const translate = t as unknown as (key: string, params: Record<string, string | number>) => string;
  return translate(m.key, m.params ?? {});
}

function CellMessageText({ t, m, warning }: { t: T; m: CellMessage; warning?: boolean }) {
  return (
    <>
      {warning && <strong>{t("import.report.warning")} </strong>}
      {m.column && (
        <>
          <code>{m.column}</code>:{" "}
        </>
      )}
      {messageText(t, m)}
      {m.value !== undefined && <> ({t("import.report.value", { value: `”${m.value}”` })})</>}
    </>
  );
}

/** The upload form, the columns the file may have, and the user's earlier imports. */
export function ImportPage({
  ctx,
  runs,
  errors,
  skipRejected,
}: {
  ctx: PageContext;
  runs: RunSummary[];
  errors?: FieldErrors;
  skipRejected?: boolean;
}) {
  const { t, locale } = ctx;
  const hasErrors = Boolean(errors && Object.keys(errors).length);
  const hintId = "field-file-hint";
  const errorId = "field-file-error";
  return (
    <Layout ctx={ctx} title={t("import.upload.title")} hasErrors={hasErrors}>
      <AdminNav ctx={ctx} current="import" />
      <h1>{t("import.upload.title")}</h1>
      {errors && <ErrorSummary errors={errors} t={t} />}
      <p>{t("import.upload.intro")}</p>
      <PostForm ctx={ctx} action={pathTo("projectImport", locale)} enctype="multipart/form-data">
        <div class={`field${errors?.file ? " field--error" : ""}`}>
          <label class="field-label" for="field-file">
            {t("import.upload.file")}
          </label>
          <p class="field-hint" id={hintId}>
            {t("import.upload.fileHint", {
              megabytes: IMPORT_LIMITS.maxBytes / (1024 * 1024),
              rows: new Intl.NumberFormat(INTL_LOCALE[locale]).format(IMPORT_LIMITS.maxRows),
            })}
          </p>
          {errors?.file && (
            <p class="field-error" id={errorId}>
              <span class="visually-hidden">{t("form.errorPrefix")} </span>
              {errors.file}
            </p>
          )}
          <input
            id="field-file"
            name="file"
            type="file"
            class="input input--file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-describedby={errors?.file ? `${hintId} ${errorId}` : hintId}
            aria-invalid={errors?.file ? "true" : undefined}
          />
        </div>
        <div class="field">
          <div class="checkbox">
            <input
              type="checkbox"
              id="field-skipRejected"
              name="skipRejected"
              value="yes"
              checked={skipRejected}
              aria-describedby="field-skipRejected-hint"
            />
            <label for="field-skipRejected">{t("import.upload.skipRejected")}</label>
          </div>
          <p class="field-hint checkbox-hint" id="field-skipRejected-hint">
            {t("import.upload.skipRejectedHint")}
          </p>
        </div>
        <SubmitButton>{t("import.upload.submit")}</SubmitButton>
      </PostForm>

      <h2>{t("import.upload.previousTitle")}</h2>
      {runs.length === 0 ? (
        <p>{t("import.upload.previousNone")}</p>
      ) : (
        <ScrollTable label={t("import.upload.previousTitle")}>
          <thead>
            <tr>
              <th scope="col">{t("import.upload.when")}</th>
              <th scope="col">{t("import.upload.fileName")}</th>
              <th scope="col">{t("import.upload.result")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={pathTo("projectImportRun", locale, { id: r.id })}>{formatDateTime(locale, r.createdAt)}</a>
                </td>
                <td>{r.fileName}</td>
                <td>
                  {r.saved ? "" : `${t("import.report.notSavedTitle")}: `}
                  {(["created", "updated", "unchanged", "rejected"] as const)
                    .map(
                      (o) =>
                        `${t(`import.counts.${o}`)} ${
                          { created: r.createdCount, updated: r.updatedCount, unchanged: r.unchangedCount, rejected: r.rejectedCount }[o]
                        }`,
                    )
                    .join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}

      <h2>{t("import.upload.columnsTitle")}</h2>
      <p>{t("import.upload.columnsIntro")}</p>
      <ScrollTable label={t("import.upload.columnsTitle")}>
        <thead>
          <tr>
            <th scope="col">{t("import.upload.column")}</th>
            <th scope="col">{t("import.upload.required")}</th>
            <th scope="col">{t("import.upload.meaning")}</th>
          </tr>
        </thead>
        <tbody>
          {[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].map((c) => (
            <tr key={c}>
              <th scope="row">
                <code>{c}</code>
              </th>
              <td>{(REQUIRED_COLUMNS as readonly string[]).includes(c) ? t("import.upload.yes") : t("import.upload.no")}</td>
              <td>{t(`import.columns.${c}`)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </Layout>
  );
}

const DELIMITER_NAMES: Record<Delimiter, "comma" | "semicolon" | "tab"> = { ",": "comma", ";": "semicolon", "\t": "tab" };

function OutcomeTag({ t, row, saved }: { t: T; row: RowReport; saved: boolean }) {
  const key =
    !saved && row.outcome === "created" ? "wouldCreate" : !saved && row.outcome === "updated" ? "wouldUpdate" : (row.outcome as "created");
  return <span class={`tag tag--${row.outcome}`}>{t(`import.outcome.${key}`)}</span>;
}

/** The stored report of one import, row by row. */
export function ImportRunPage({ ctx, run }: { ctx: PageContext; run: ImportRun }) {
  const { t, locale } = ctx;
  const { report } = run;
  const rejected = report.rows.filter((r) => r.outcome === "rejected");
  const changedLabel = (f: string) => {
    const key = `import.fields.${f}`;
    const label = t(key as "import.fields.nameFi");
    return label === key ? f : label;
  };
  const counts = { created: run.createdCount, updated: run.updatedCount, unchanged: run.unchangedCount, rejected: run.rejectedCount };
  return (
    <Layout ctx={ctx} title={t("import.report.title")}>
      <AdminNav ctx={ctx} current="import" />
      <p class="breadcrumb">
        <a href={pathTo("projectImport", locale)}>{t("import.upload.title")}</a>
      </p>
      <h1>{t("import.report.title")}</h1>
      {run.saved ? (
        <Notice>
          {run.createdCount + run.updatedCount === 0 ? t("import.report.nothingChanged") : t("import.report.saved")}
          {rejected.length > 0 && ` ${t("import.report.skipped", { count: rejected.length })}`}
        </Notice>
      ) : (
        <div class="error-summary" role="alert" aria-labelledby="not-saved-title">
          <h2 id="not-saved-title">{t("import.report.notSavedTitle")}</h2>
          <p>{t("import.report.notSaved", { count: rejected.length })}</p>
          <ul>
            {rejected.map((r) => (
              <li key={r.row}>
                <a href={`#row-${r.row}`}>
                  {t("import.report.rejectedRow", { row: r.row })}
                  {r.code ? ` (${r.code})` : ""}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl class="summary-list">
        <div>
          <dt>{t("import.report.file")}</dt>
          <dd>{run.fileName}</dd>
        </div>
        <div>
          <dt>{t("import.report.when")}</dt>
          <dd>{formatDateTime(locale, run.createdAt)}</dd>
        </div>
        <div>
          <dt>{t("import.report.mode")}</dt>
          <dd>{t(`import.report.modes.${run.mode}`)}</dd>
        </div>
        <div>
          <dt>{t("import.report.read")}</dt>
          <dd>
            {t("import.report.readValue", {
              count: report.rows.length,
              encoding: report.encoding.toUpperCase(),
              delimiter: `${t(`import.report.delimiters.${DELIMITER_NAMES[report.delimiter]}`)}`,
            })}
            {report.ignoredColumns.length > 0 && (
              <>
                <br />
                {t("import.report.ignoredColumns", { columns: report.ignoredColumns.join(", ") })}
              </>
            )}
          </dd>
        </div>
        {(["created", "updated", "unchanged", "rejected"] as const).map((o) => (
          <div key={o}>
            <dt>{t(`import.counts.${o}`)}</dt>
            <dd>{new Intl.NumberFormat(INTL_LOCALE[locale]).format(counts[o])}</dd>
          </div>
        ))}
      </dl>

      <h2>{t("import.report.rowsTitle")}</h2>
      <ScrollTable label={t("import.report.rowsTitle")}>
        <thead>
          <tr>
            <th scope="col">{t("import.report.row")}</th>
            <th scope="col">{t("import.report.code")}</th>
            <th scope="col">{t("import.report.name")}</th>
            <th scope="col">{t("import.report.outcome")}</th>
            <th scope="col">{t("import.report.details")}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.row} id={`row-${r.row}`}>
              <th scope="row">{r.row}</th>
              <td>
                {r.code && run.saved && r.outcome !== "rejected" ? (
                  <a href={pathTo("project", locale, { code: r.code })}>{r.code}</a>
                ) : (
                  (r.code ?? <NotSet t={t} />)
                )}
              </td>
              <td lang="fi">{r.name ?? <NotSet t={t} />}</td>
              <td>
                <OutcomeTag t={t} row={r} saved={run.saved} />
              </td>
              <td>
                {r.errors.length + r.warnings.length === 0 && r.changedFields.length === 0 ? (
                  <NotSet t={t} />
                ) : (
                  <ul class="report-messages">
                    {r.errors.map((m, i) => (
                      <li key={`e-${i}`} class="report-error">
                        <CellMessageText t={t} m={m} />
                      </li>
                    ))}
                    {r.changedFields.length > 0 && (
                      <li>{t("import.report.changed", { fields: r.changedFields.map(changedLabel).join(", ") })}</li>
                    )}
                    {r.warnings.map((m, i) => (
                      <li key={`w-${i}`}>
                        <CellMessageText t={t} m={m} warning />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p class="after-table">
        <a class="button" href={pathTo("projectImport", locale)}>
          {t("import.report.again")}
        </a>
      </p>
    </Layout>
  );
}
