import type { PageContext } from "../../../web/context.ts";
import { ErrorSummary, type FieldErrors, PostForm, SubmitButton } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import { ScrollTable } from "../../../web/table.tsx";
import type { RowReport } from "../import.ts";

/** Importing answers from a CSV file, and the row-by-row report of a refused file (nothing was imported). */
export function SurveyImportPage({
  ctx,
  code,
  projectName,
  columns,
  errors = {},
  reports = [],
  total = 0,
}: {
  ctx: PageContext;
  code: string;
  projectName: string;
  columns: string[];
  errors?: FieldErrors;
  reports?: RowReport[];
  total?: number;
}) {
  const { t, locale } = ctx;
  const title = t("survey.import.title", { name: projectName });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} t={t} />
      <p class="breadcrumb">
        <a href={pathTo("projectSurvey", locale, { code })}>{t("survey.cards.back")}</a>
      </p>
      <h1>{title}</h1>
      <p>{t("survey.import.intro")}</p>
      <p>{t("survey.import.layout")}</p>
      <pre class="survey-link">{`${columns.join(",")}\n${code},ACDE7KMX,pre,4,3,,5,4,4,3,4,5,4`}</pre>
      {reports.length > 0 && (
        <>
          <h2>{t("survey.import.reportHeading")}</h2>
          <p>{t("survey.import.reportIntro", { rejected: reports.length, total })}</p>
          <ScrollTable label={t("survey.import.reportHeading")}>
            <thead>
              <tr>
                <th scope="col">{t("survey.import.row")}</th>
                <th scope="col">{t("survey.import.problems")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.slice(0, 500).map((r) => (
                <tr key={r.row}>
                  <th scope="row">{r.row}</th>
                  <td>
                    <ul>
                      {r.problems.map((p, i) => (
                        <li key={i}>{t(`survey.import.problem.${p.problem}`, { column: p.column ?? "" })}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
      <PostForm ctx={ctx} action={pathTo("projectSurveyImport", locale, { code })} enctype="multipart/form-data">
        <div class={`field${errors.file ? " field--error" : ""}`}>
          <label class="field-label" for="field-file">
            {t("survey.import.file")}
          </label>
          {errors.file && (
            <p id="field-file-error" class="field-error">
              {errors.file}
            </p>
          )}
          <input
            id="field-file"
            name="file"
            type="file"
            class="input input--file"
            accept=".csv,text/csv"
            aria-describedby={errors.file ? "field-file-error" : undefined}
          />
        </div>
        <SubmitButton>{t("survey.import.submit")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}
