import type { PageContext } from "../../../web/context.ts";
import { ErrorSummary, type FieldErrors, Notice, PostForm, SubmitButton, TextField } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import { ScrollTable } from "../../../web/table.tsx";
import { AdminNav } from "../../accounts/views/admin-pages.tsx";
import type { Instrument } from "../instrument.ts";

/** Survey administration: k of the privacy rule, and the instrument versions with a form to load one. */
export function SurveyAdminPage({
  ctx,
  k,
  instruments,
  errors = {},
  kValue,
  notice,
}: {
  ctx: PageContext;
  k: number;
  instruments: { id: string; key: string; version: number; definition: Instrument; answers: number }[];
  errors?: FieldErrors;
  kValue?: string;
  notice?: "kSaved" | "loaded" | null;
}) {
  const { t, locale } = ctx;
  const status = (s: "official" | "working") => t(s === "official" ? "survey.admin.official" : "survey.admin.working");
  return (
    <Layout ctx={ctx} title={t("survey.admin.title")} hasErrors={Object.keys(errors).length > 0}>
      <AdminNav ctx={ctx} current="survey" />
      <ErrorSummary errors={errors} t={t} />
      {notice && <Notice>{t(`survey.admin.${notice}`)}</Notice>}
      <h1>{t("survey.admin.title")}</h1>
      <h2>{t("survey.admin.kHeading")}</h2>
      <PostForm ctx={ctx} action={pathTo("adminSurvey", locale)}>
        <input type="hidden" name="action" value="setK" />
        <TextField
          ctx={ctx}
          name="k"
          inputMode="numeric"
          width="short"
          label={t("survey.admin.k")}
          hint={t("survey.admin.kHint")}
          value={kValue ?? String(k)}
          {...(errors.k ? { error: errors.k } : {})}
        />
        <SubmitButton>{t("survey.admin.saveK")}</SubmitButton>
      </PostForm>
      <h2>{t("survey.admin.instrumentsHeading")}</h2>
      <ScrollTable label={t("survey.admin.instrumentsHeading")}>
        <thead>
          <tr>
            <th scope="col">{t("survey.admin.instrument")}</th>
            <th scope="col">{t("survey.admin.version")}</th>
            <th scope="col">{t("survey.admin.languages")}</th>
            <th scope="col">{t("survey.admin.state")}</th>
          </tr>
        </thead>
        <tbody>
          {instruments.map((i) => (
            <tr key={i.id}>
              <th scope="row">{i.definition.name[locale]}</th>
              <td>{i.version}</td>
              <td>
                fi: {status(i.definition.languages.fi.status)}, sv: {status(i.definition.languages.sv.status)}, en:{" "}
                {status(i.definition.languages.en.status)}
              </td>
              <td>{i.answers > 0 ? t("survey.admin.locked", { count: i.answers }) : t("survey.admin.unlocked")}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <h3>{t("survey.admin.loadHeading")}</h3>
      <p>{t("survey.admin.loadIntro")}</p>
      <PostForm ctx={ctx} action={pathTo("adminSurvey", locale)}>
        <input type="hidden" name="action" value="loadInstrument" />
        <div class={`field${errors.definition ? " field--error" : ""}`}>
          <label class="field-label" for="field-definition">
            {t("survey.admin.definition")}
          </label>
          {errors.definition && (
            <p id="field-definition-error" class="field-error">
              {errors.definition}
            </p>
          )}
          <textarea
            id="field-definition"
            name="definition"
            class="input textarea"
            rows={8}
            aria-describedby={errors.definition ? "field-definition-error" : undefined}
          />
        </div>
        <SubmitButton>{t("survey.admin.load")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}
