import type { PageContext } from "../../../web/context.ts";
import { ErrorSummary, type FieldErrors, PostForm, SubmitButton } from "../../../web/form.tsx";
import type { T } from "../../../web/i18n.ts";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import { ScrollTable } from "../../../web/table.tsx";
import { ORGANISATION_COLUMNS, PEOPLE_COLUMNS } from "../import-rows.ts";
import type { DirectoryImportReport, DirectoryRowReport } from "../import-service.ts";
import { IMPORT_KINDS, type ImportKind } from "../schema.ts";

const message = (t: T, e: DirectoryRowReport["errors"][number]) =>
  (t as unknown as (key: string, params: Record<string, string>) => string)(e.key, e.params ?? {});

export function DirectoryImportPage({
  ctx,
  errors,
  values,
}: {
  ctx: PageContext;
  errors?: FieldErrors;
  values: { kind?: string; skipRejected?: boolean };
}) {
  const { t, locale } = ctx;
  const hasErrors = Boolean(errors && Object.keys(errors).length);
  return (
    <Layout ctx={ctx} title={t("directory.import.title")} hasErrors={hasErrors}>
      {errors && <ErrorSummary errors={errors} t={t} order={["kind", "file"]} />}
      <h1>{t("directory.import.title")}</h1>
      <p>{t("directory.import.intro")}</p>
      <PostForm ctx={ctx} action={pathTo("directoryImport", locale)} enctype="multipart/form-data">
        <fieldset class={`field fieldset${errors?.kind ? " field--error" : ""}`}>
          <legend class="field-label">{t("directory.import.kind")}</legend>
          {errors?.kind && (
            <p class="field-error" id="field-kind-error">
              {errors.kind}
            </p>
          )}
          {IMPORT_KINDS.map((k, i) => (
            <div class="checkbox" key={k}>
              <input type="radio" id={i === 0 ? "field-kind" : `field-kind-${k}`} name="kind" value={k} checked={values.kind === k} />
              <label for={i === 0 ? "field-kind" : `field-kind-${k}`}>{t(`directory.import.kinds.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <div class={`field${errors?.file ? " field--error" : ""}`}>
          <label class="field-label" for="field-file">
            {t("directory.import.file")}
          </label>
          {errors?.file && (
            <p class="field-error" id="field-file-error">
              {errors.file}
            </p>
          )}
          <input id="field-file" name="file" type="file" class="input input--file" accept=".csv,.txt,text/csv,text/plain" />
        </div>
        <div class="checkbox">
          <input type="checkbox" id="field-skipRejected" name="skipRejected" value="yes" checked={Boolean(values.skipRejected)} />
          <label for="field-skipRejected">{t("import.upload.skipRejected")}</label>
        </div>
        <SubmitButton>{t("directory.import.submit")}</SubmitButton>
      </PostForm>
      <h2>{t("directory.import.columns")}</h2>
      {(["organisations", "people"] as const).map((k) => {
        const cols = k === "organisations" ? ORGANISATION_COLUMNS : PEOPLE_COLUMNS;
        return (
          <p key={k}>
            <strong>{t(`directory.import.kinds.${k}`)}:</strong> {t("directory.import.required")} <code>{cols.required.join(", ")}</code>;{" "}
            {t("directory.import.optional")} <code>{cols.optional.join(", ")}</code>
          </p>
        );
      })}
      <p class="hint-text">{t("directory.import.valuesHint")}</p>
    </Layout>
  );
}

export function DirectoryImportRunPage({
  ctx,
  run,
}: {
  ctx: PageContext;
  run: { fileName: string; saved: boolean; kind: ImportKind; report: DirectoryImportReport };
}) {
  const { t, locale } = ctx;
  const count = (o: string) => run.report.rows.filter((r) => r.outcome === o).length;
  return (
    <Layout ctx={ctx} title={t("directory.import.reportTitle")}>
      <p class="breadcrumb">
        <a href={pathTo("directoryImport", locale)}>{t("directory.import.title")}</a>
      </p>
      <h1>{t("directory.import.reportTitle")}</h1>
      <p>
        {run.fileName} · {t(`directory.import.kinds.${run.kind}`)}
      </p>
      <p role="status" class={run.saved ? "notice" : "error-summary"}>
        {run.saved ? t("directory.import.saved") : t("directory.import.notSaved")}{" "}
        {t("directory.import.counts", {
          created: count("created"),
          updated: count("updated"),
          unchanged: count("unchanged"),
          rejected: count("rejected"),
        })}
      </p>
      <ScrollTable label={t("directory.import.reportTitle")}>
        <thead>
          <tr>
            <th scope="col">{t("directory.import.row")}</th>
            <th scope="col">{t("directory.import.record")}</th>
            <th scope="col">{t("directory.import.outcome")}</th>
            <th scope="col">{t("directory.import.reasons")}</th>
          </tr>
        </thead>
        <tbody>
          {run.report.rows.map((r) => (
            <tr key={r.row}>
              <td>{r.row}</td>
              <td>{r.label ?? "–"}</td>
              <td>{t(`directory.import.outcomes.${r.outcome}`)}</td>
              <td>
                {r.errors.length === 0 ? (
                  "–"
                ) : (
                  <ul>
                    {r.errors.map((e) => (
                      <li key={`${e.column}-${e.key}`}>
                        <code>{e.column}</code>: {message(t, e)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </Layout>
  );
}
