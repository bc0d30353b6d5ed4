import type { PageContext } from "../../../web/context.ts";
import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  Notice,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { INTL_LOCALE, LOCALES, type Locale } from "../../../web/locales.ts";
import { pathTo } from "../../../web/paths.ts";
import { ScrollTable } from "../../../web/table.tsx";
import { formatPhone } from "../contact.ts";
import { VISIBILITIES } from "../schema.ts";
import type { OwnData } from "../service.ts";

const DATE = Object.fromEntries(
  LOCALES.map((l) => [l, new Intl.DateTimeFormat(INTL_LOCALE[l], { dateStyle: "long", timeZone: "Europe/Helsinki" })]),
) as Record<Locale, Intl.DateTimeFormat>;
const day = (locale: Locale, d: Date | string | null) =>
  d ? DATE[locale].format(typeof d === "string" ? new Date(`${d}T12:00:00Z`) : d) : "–";

export function OwnDataPage({
  ctx,
  data,
  notice,
  eraseError,
}: {
  ctx: PageContext;
  data: OwnData;
  notice: "saved" | "erased" | null;
  eraseError?: string;
}) {
  const { t, locale } = ctx;
  const e = data.directoryEntry;
  return (
    <Layout ctx={ctx} title={t("directory.own.title")} hasErrors={Boolean(eraseError)}>
      {eraseError && <ErrorSummary errors={{ confirm: eraseError }} t={t} />}
      {notice === "saved" && <Notice>{t("directory.own.saved")}</Notice>}
      {notice === "erased" && <Notice>{t("directory.own.erased")}</Notice>}
      <h1>{t("directory.own.title")}</h1>
      <p>{t("directory.own.intro")}</p>
      <p>
        <a class="button button--secondary" href={pathTo("ownDataJson", locale)} download>
          {t("directory.own.download")}
        </a>
      </p>
      <h2>{t("directory.own.account")}</h2>
      <dl class="summary-list">
        <div>
          <dt>{t("directory.fields.name")}</dt>
          <dd>{data.account.name}</dd>
        </div>
        <div>
          <dt>{t("directory.fields.email")}</dt>
          <dd>{data.account.email}</dd>
        </div>
        <div>
          <dt>{t("directory.own.role")}</dt>
          <dd>{t(`roles.${data.account.role}`)}</dd>
        </div>
        <div>
          <dt>{t("directory.own.createdAt")}</dt>
          <dd>{day(locale, data.account.createdAt)}</dd>
        </div>
      </dl>
      <h2>{t("directory.own.entry")}</h2>
      {e ? (
        <dl class="summary-list">
          <div>
            <dt>{t("directory.fields.name")}</dt>
            <dd>{e.name}</dd>
          </div>
          <div>
            <dt>{t("directory.fields.title")}</dt>
            <dd>{e.title ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("directory.fields.organisation")}</dt>
            <dd>{e.organisation ? `${e.organisation} (${e.organisationBusinessId ?? ""})` : "–"}</dd>
          </div>
          <div>
            <dt>{t("directory.fields.email")}</dt>
            <dd>{e.email ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("directory.fields.phone")}</dt>
            <dd>{e.phone ? formatPhone(e.phone) : "–"}</dd>
          </div>
          <div>
            <dt>{t("directory.fields.visibility")}</dt>
            <dd>
              {t(`directory.visibility.${e.visibility}`)} ({t("directory.own.consentOn", { date: day(locale, e.consentOn) })})
            </dd>
          </div>
        </dl>
      ) : (
        <p>{t("directory.own.noEntry")}</p>
      )}
      <p>
        <a class="button button--secondary" href={pathTo("ownDataEdit", locale)}>
          {e ? t("directory.own.edit") : t("directory.own.create")}
        </a>
      </p>
      {data.projectRoles.length > 0 && (
        <>
          <h2>{t("directory.person.roles")}</h2>
          <ul>
            {data.projectRoles.map((r) => (
              <li key={`${r.project?.code}-${r.role}`}>
                {r.project ? `${r.project.code} ${r.project.name}` : "–"} – {t(`directory.projectRoles.${r.role}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {data.projectMemberships.length > 0 && (
        <>
          <h2>{t("directory.own.memberships")}</h2>
          <ul>
            {data.projectMemberships.map((m) => (
              <li key={m.code}>
                <a href={pathTo("project", locale, { code: m.code })}>{m.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t("directory.own.audit")}</h2>
      {data.auditEntriesAsActor.length === 0 ? (
        <p>{t("directory.none")}</p>
      ) : (
        <ScrollTable label={t("directory.own.audit")}>
          <thead>
            <tr>
              <th scope="col">{t("directory.own.when")}</th>
              <th scope="col">{t("directory.own.what")}</th>
            </tr>
          </thead>
          <tbody>
            {data.auditEntriesAsActor.slice(-50).map((a, i) => (
              <tr key={`${a.action}-${i}`}>
                <td>{day(locale, a.at)}</td>
                <td>
                  <code>{a.action}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <section aria-labelledby="erase-title">
        <h2 id="erase-title">{t("directory.own.eraseTitle")}</h2>
        <p>{t("directory.own.eraseIntro")}</p>
        <PostForm ctx={ctx} action={pathTo("ownDataErase", locale)}>
          <div class={`field${eraseError ? " field--error" : ""}`}>
            {eraseError && (
              <p id="field-confirm-error" class="field-error">
                {eraseError}
              </p>
            )}
            <div class="checkbox">
              <input
                type="checkbox"
                id="field-confirm"
                name="confirm"
                value="yes"
                aria-describedby={eraseError ? "field-confirm-error" : undefined}
              />
              <label for="field-confirm">{t("directory.own.eraseConfirm")}</label>
            </div>
          </div>
          <button type="submit" class="button button--warning">
            {t("directory.own.eraseSubmit")}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
}

export function OwnEntryForm({ ctx, values, errors }: { ctx: PageContext; values: FormValues; errors: FieldErrors }) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title={t("directory.own.formTitle")} hasErrors={hasErrors}>
      <p class="breadcrumb">
        <a href={pathTo("ownData", locale)}>{t("directory.own.title")}</a>
      </p>
      <ErrorSummary errors={errors} t={t} order={["name", "title", "organisationBusinessId", "email", "phone", "visibility"]} />
      <h1>{t("directory.own.formTitle")}</h1>
      <PostForm ctx={ctx} action={pathTo("ownDataEdit", locale)}>
        <TextField
          ctx={ctx}
          name="name"
          label={t("directory.fields.name")}
          value={values.name}
          error={errors.name}
          autocomplete="name"
          required
        />
        <TextField
          ctx={ctx}
          name="title"
          label={t("directory.fields.title")}
          value={values.title}
          error={errors.title}
          autocomplete="organization-title"
        />
        <TextField
          ctx={ctx}
          name="organisationBusinessId"
          label={t("directory.fields.organisationBusinessId")}
          hint={t("directory.own.businessIdHint")}
          value={values.organisationBusinessId}
          error={errors.organisationBusinessId}
          width="short"
        />
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          label={t("directory.fields.email")}
          value={values.email}
          error={errors.email}
          autocomplete="email"
        />
        <TextField
          ctx={ctx}
          name="phone"
          type="tel"
          label={t("directory.fields.phone")}
          hint={t("directory.own.phoneHint")}
          value={values.phone}
          error={errors.phone}
          autocomplete="tel"
          width="medium"
        />
        <SelectField
          ctx={ctx}
          name="visibility"
          label={t("directory.fields.visibility")}
          hint={t("directory.own.visibilityHint")}
          options={VISIBILITIES.map((v) => ({ value: v, label: t(`directory.visibility.${v}`) }))}
          value={values.visibility}
          error={errors.visibility}
          emptyLabel={t("directory.own.chooseVisibility")}
        />
        <SubmitButton>{t("directory.own.save")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

/** Shown after erasure: the account is closed and the visitor is no longer signed in. */
export function OwnDataErasedPage({ ctx }: { ctx: PageContext }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("directory.own.erasedTitle")}>
      <Notice>{t("directory.own.erased")}</Notice>
      <h1>{t("directory.own.erasedTitle")}</h1>
      <p>{t("directory.own.erasedBody")}</p>
      <p>
        <a href={pathTo("home", locale)}>{t("directory.own.toHome")}</a>
      </p>
    </Layout>
  );
}
