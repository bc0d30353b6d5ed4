import type { PageContext } from "../../../web/context.ts";
import { ErrorSummary, type FieldErrors, type FormValues, Notice, PostForm, SubmitButton, TextField } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import { PASSWORD_MIN } from "../inputs.ts";
import type { Role } from "../roles.ts";

/** The account's e-mail address (login and forgotten password). */
function EmailField({ ctx, value, error }: { ctx: PageContext; value: string | undefined; error: string | undefined }) {
  return <TextField ctx={ctx} name="email" type="email" autocomplete="email" label={ctx.t("fields.email")} value={value} error={error} />;
}

/** A new password and its confirmation (reset and invitation forms). */
function NewPasswordFields({ ctx, errors }: { ctx: PageContext; errors: FieldErrors }) {
  const { t } = ctx;
  return (
    <>
      <TextField
        ctx={ctx}
        name="password"
        type="password"
        autocomplete="new-password"
        label={t("fields.newPassword")}
        hint={t("fields.passwordHint", { min: PASSWORD_MIN })}
        error={errors.password}
      />
      <TextField
        ctx={ctx}
        name="passwordConfirm"
        type="password"
        autocomplete="new-password"
        label={t("fields.passwordConfirm")}
        error={errors.passwordConfirm}
      />
    </>
  );
}

interface FormPageProps {
  ctx: PageContext;
  errors?: FieldErrors;
  values?: FormValues;
}

export function LoginPage({ ctx, errors = {}, values = {}, notice }: FormPageProps & { notice?: "reset" | "loggedOut" }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("login.title")} hasErrors={Object.keys(errors).length > 0}>
      {notice && <Notice>{t(notice === "reset" ? "login.passwordChanged" : "login.loggedOut")}</Notice>}
      <ErrorSummary errors={errors} t={t} order={["email", "password"]} />
      <h1>{t("login.title")}</h1>
      <PostForm ctx={ctx} action={pathTo("login", locale)}>
        {values.next && <input type="hidden" name="next" value={values.next} />}
        <EmailField ctx={ctx} value={values.email} error={errors.email} />
        <TextField
          ctx={ctx}
          name="password"
          type="password"
          autocomplete="current-password"
          label={t("fields.password")}
          error={errors.password}
        />
        <SubmitButton>{t("login.submit")}</SubmitButton>
      </PostForm>
      <p>
        <a href={pathTo("forgotPassword", locale)}>{t("login.forgotLink")}</a>
      </p>
      <p class="hint-text">{t("login.noAccount")}</p>
    </Layout>
  );
}

export function ForgotPasswordPage({ ctx, errors = {}, values = {}, sent }: FormPageProps & { sent?: boolean }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("forgot.title")} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} t={t} />
      <h1>{t("forgot.title")}</h1>
      {sent ? (
        <Notice>{t("forgot.sent")}</Notice>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <PostForm ctx={ctx} action={pathTo("forgotPassword", locale)}>
            <EmailField ctx={ctx} value={values.email} error={errors.email} />
            <SubmitButton>{t("forgot.submit")}</SubmitButton>
          </PostForm>
        </>
      )}
      <p>
        <a href={pathTo("login", locale)}>{t("forgot.backToLogin")}</a>
      </p>
    </Layout>
  );
}

export function ResetPasswordPage({ ctx, errors = {}, token }: FormPageProps & { token: string }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("reset.title")} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} t={t} order={["password", "passwordConfirm"]} />
      <h1>{t("reset.title")}</h1>
      <PostForm ctx={ctx} action={pathTo("resetPassword", locale, { token })}>
        <NewPasswordFields ctx={ctx} errors={errors} />
        <SubmitButton>{t("reset.submit")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

/** An expired, used or unknown one-time link. */
export function LinkInvalidPage({ ctx, kind }: { ctx: PageContext; kind: "reset" | "invitation" | "accountExists" }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t(`linkInvalid.${kind}.title`)}>
      <h1>{t(`linkInvalid.${kind}.title`)}</h1>
      <p>{t(`linkInvalid.${kind}.body`)}</p>
      {kind !== "invitation" && (
        <p>
          <a href={pathTo(kind === "reset" ? "forgotPassword" : "login", locale)}>{t(`linkInvalid.${kind}.action`)}</a>
        </p>
      )}
    </Layout>
  );
}

export function InvitationPage({
  ctx,
  errors = {},
  values = {},
  token,
  invitation,
}: FormPageProps & { token: string; invitation: { email: string; role: Role; areaName: string | null } }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("invitation.title")} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} t={t} order={["name", "password", "passwordConfirm"]} />
      <h1>{t("invitation.title")}</h1>
      <p>{t("invitation.intro", { email: invitation.email, role: t(`roles.${invitation.role}`) })}</p>
      {invitation.areaName && <p>{t("invitation.area", { area: invitation.areaName })}</p>}
      <PostForm ctx={ctx} action={pathTo("invitation", locale, { token })}>
        <TextField
          ctx={ctx}
          name="name"
          autocomplete="name"
          label={t("fields.name")}
          hint={t("fields.nameHint")}
          value={values.name}
          error={errors.name}
        />
        <NewPasswordFields ctx={ctx} errors={errors} />
        <SubmitButton>{t("invitation.submit")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

export interface OwnProject {
  code: string;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
}

export function AccountPage({
  ctx,
  areaName,
  welcome,
  projects = [],
}: {
  ctx: PageContext;
  areaName: string | null;
  welcome: boolean;
  /** Projects the user is bound to as a member. */
  projects?: OwnProject[];
}) {
  const { t } = ctx;
  const user = ctx.user;
  if (!user) return null;
  return (
    <Layout ctx={ctx} title={t("account.title")}>
      {welcome && <Notice>{t("account.welcome", { name: user.name })}</Notice>}
      <h1>{t("account.title")}</h1>
      <dl class="summary-list">
        <div>
          <dt>{t("fields.name")}</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>{t("fields.email")}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t("fields.role")}</dt>
          <dd>{t(`roles.${user.role}`)}</dd>
        </div>
        {areaName && (
          <div>
            <dt>{t("fields.area")}</dt>
            <dd>{areaName}</dd>
          </div>
        )}
      </dl>
      {ctx.user?.role === "project_member" && (
        <>
          <h2>{t("account.projectsTitle")}</h2>
          {projects.length === 0 ? (
            <p>{t("account.noProjects")}</p>
          ) : (
            <ul>
              {projects.map((p) => {
                const local = (ctx.locale === "sv" && p.nameSv) || (ctx.locale === "en" && p.nameEn) || null;
                return (
                  <li key={p.code}>
                    <a href={pathTo("project", ctx.locale, { code: p.code })} lang={local ? undefined : "fi"}>
                      {local ?? p.nameFi}
                    </a>{" "}
                    ({p.code})
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </Layout>
  );
}
