import type { PageContext } from "../../../web/context.ts";
import { CheckboxesField, ErrorSummary, type FieldErrors, PostForm, SubmitButton, TextField } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import { AdminNav } from "../../accounts/views/admin-pages.tsx";
import type { PinnedIndicator } from "../sotkanet-fetch.ts";

export interface FetchValues {
  indicators: string[];
  yearFrom: string;
  yearTo: string;
  genders: string[];
  validRows: string;
}

/** The administrator's form for fetching the pinned indicators from the live Sotkanet service. */
export function SotkanetFetchPage({
  ctx,
  pinned,
  baseUrl,
  values,
  errors = {},
  problems = [],
}: {
  ctx: PageContext;
  pinned: readonly PinnedIndicator[];
  baseUrl: string;
  values: FetchValues;
  errors?: FieldErrors;
  /** What went wrong on the way (the service, a changed title): nothing was imported. */
  problems?: string[];
}) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(errors).length > 0 || problems.length > 0;
  return (
    <Layout ctx={ctx} title={t("indicators.fetch.title")} hasErrors={hasErrors}>
      <AdminNav ctx={ctx} current="indicatorImport" />
      <h1>{t("indicators.fetch.title")}</h1>
      <p>{t("indicators.fetch.intro", { url: baseUrl })}</p>
      <p>
        <a href={pathTo("adminIndicatorImport", locale)}>{t("indicators.fetch.backToImport")}</a>
      </p>
      {problems.length > 0 && (
        // biome-ignore lint/a11y/noAutofocus: focus moves only in answer to the user's own submit
        <div class="error-summary" role="alert" aria-labelledby="fetch-problems-title" tabIndex={-1} autoFocus>
          <h2 id="fetch-problems-title">{t("indicators.fetch.problemsTitle")}</h2>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <PostForm ctx={ctx} action={pathTo("adminIndicatorFetch", locale)}>
        <ErrorSummary errors={errors} t={t} order={["indicators", "yearFrom", "yearTo", "genders"]} />
        <CheckboxesField
          ctx={ctx}
          name="indicators"
          legend={t("indicators.fetch.indicators")}
          hint={t("indicators.fetch.indicatorsHint")}
          options={pinned.map((p) => ({ value: String(p.sotkanetId), label: `${p.titleFi} (Sotkanet ${p.sotkanetId})` }))}
          checked={values.indicators}
          {...(errors.indicators ? { error: errors.indicators } : {})}
        />
        <TextField
          ctx={ctx}
          name="yearFrom"
          label={t("indicators.fetch.yearFrom")}
          inputMode="numeric"
          width="short"
          value={values.yearFrom}
          {...(errors.yearFrom ? { error: errors.yearFrom } : {})}
        />
        <TextField
          ctx={ctx}
          name="yearTo"
          label={t("indicators.fetch.yearTo")}
          inputMode="numeric"
          width="short"
          value={values.yearTo}
          {...(errors.yearTo ? { error: errors.yearTo } : {})}
        />
        <CheckboxesField
          ctx={ctx}
          name="genders"
          legend={t("indicators.fetch.genders")}
          options={(["total", "male", "female"] as const).map((g) => ({ value: g, label: t(`indicators.genders.${g}`) }))}
          checked={values.genders}
          {...(errors.genders ? { error: errors.genders } : {})}
        />
        <div class="checkbox">
          <input type="checkbox" id="field-validRows" name="validRows" value="yes" checked={values.validRows === "yes"} />
          <label for="field-validRows">{t("indicators.admin.validRows")}</label>
        </div>
        <SubmitButton>{t("indicators.fetch.submit")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}
