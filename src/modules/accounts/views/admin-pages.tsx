import { can } from "../../../policy.ts";
import type { PageContext } from "../../../web/context.ts";
import {
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  Notice,
  type Option,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from "../../../web/form.tsx";
import { formatDateTime } from "../../../web/i18n.ts";
import { Layout } from "../../../web/layout.tsx";
import { LOCALES } from "../../../web/locales.ts";
import { pathTo } from "../../../web/paths.ts";
import { NotSet, ScrollTable } from "../../../web/table.tsx";
import { ROLES, type Role } from "../roles.ts";

/** An account whose holder erased their data has no name left: say so (a link needs a text). */
function shownName(t: PageContext["t"], name: string): string {
  return name === "" ? t("admin.users.erased") : name;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  areaId: string | null;
  areaName: string | null;
  status: "active" | "disabled";
  lastLoginAt: Date | null;
}

/** The administration pages the user may open (a national coordinator sees only the project import). */
export function AdminNav({
  ctx,
  current,
}: {
  ctx: PageContext;
  current: "users" | "programmes" | "outbox" | "import" | "survey" | "indexVersions" | "indicatorImport";
}) {
  const { t, locale } = ctx;
  const items = [
    { key: "users", href: pathTo("adminUsers", locale), label: t("admin.nav.users"), action: "users.list" },
    { key: "programmes", href: pathTo("adminProgrammes", locale), label: t("admin.nav.programmes"), action: "programmes.manage" },
    { key: "outbox", href: pathTo("adminOutbox", locale), label: t("admin.nav.outbox"), action: "outbox.read" },
    { key: "import", href: pathTo("projectImport", locale), label: t("import.nav"), action: "projects.import" },
    { key: "survey", href: pathTo("adminSurvey", locale), label: t("survey.admin.nav"), action: "surveys.instruments" },
    {
      key: "indexVersions",
      href: pathTo("adminIndexVersions", locale),
      label: t("indicators.admin.versionsNav"),
      action: "indicators.versions",
    },
    {
      key: "indicatorImport",
      href: pathTo("adminIndicatorImport", locale),
      label: t("indicators.admin.importNav"),
      action: "indicators.import",
    },
  ] as const;
  return (
    <nav class="sub-nav" aria-label={t("admin.nav.label")}>
      <ul>
        {items
          .filter((i) => can(ctx.user, i.action))
          .map((i) => (
            <li key={i.key}>
              <a href={i.href} aria-current={i.key === current ? "page" : undefined}>
                {i.label}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  areaName: string | null;
  expiresAt: Date;
}

export function UsersPage({
  ctx,
  users,
  invitations,
  notice,
}: {
  ctx: PageContext;
  users: UserRow[];
  invitations: InvitationRow[];
  notice?: "invited" | "updated" | "revoked";
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("admin.users.title")}>
      <AdminNav ctx={ctx} current="users" />
      {notice && <Notice>{t(`admin.users.${notice}`)}</Notice>}
      <h1>{t("admin.users.title")}</h1>
      <p>
        <a class="button" href={pathTo("adminInvite", locale)}>
          {t("admin.users.inviteLink")}
        </a>
      </p>
      <ScrollTable label={t("admin.users.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("fields.name")}</th>
            <th scope="col">{t("fields.email")}</th>
            <th scope="col">{t("fields.role")}</th>
            <th scope="col">{t("fields.area")}</th>
            <th scope="col">{t("fields.status")}</th>
            <th scope="col">{t("admin.users.lastLogin")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <a href={pathTo("adminUser", locale, { id: u.id })}>{shownName(t, u.name)}</a>
              </th>
              <td>{u.email}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td>{u.areaName ?? <NotSet t={t} />}</td>
              <td>{t(`admin.status.${u.status}`)}</td>
              <td>{u.lastLoginAt ? formatDateTime(locale, u.lastLoginAt) : <NotSet t={t} />}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <h2>{t("admin.invitations.title")}</h2>
      {invitations.length === 0 ? (
        <p>{t("admin.invitations.none")}</p>
      ) : (
        <ScrollTable label={t("admin.invitations.title")}>
          <thead>
            <tr>
              <th scope="col">{t("fields.email")}</th>
              <th scope="col">{t("fields.role")}</th>
              <th scope="col">{t("fields.area")}</th>
              <th scope="col">{t("admin.invitations.expires")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("admin.invitations.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.email}</th>
                <td>{t(`roles.${i.role}`)}</td>
                <td>{i.areaName ?? <NotSet t={t} />}</td>
                <td>{formatDateTime(locale, i.expiresAt)}</td>
                <td>
                  <PostForm ctx={ctx} action={pathTo("adminRevokeInvitation", locale, { id: i.id })} class="inline-form">
                    <button type="submit" class="link-button">
                      {t("admin.invitations.revoke")}
                      <span class="visually-hidden"> {i.email}</span>
                    </button>
                  </PostForm>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </Layout>
  );
}

/** The coordination area of an area-bound role. */
function AreaField({
  ctx,
  areas,
  value,
  error,
}: {
  ctx: PageContext;
  areas: Option[];
  value: string | undefined;
  error: string | undefined;
}) {
  return (
    <SelectField
      ctx={ctx}
      name="areaId"
      label={ctx.t("fields.area")}
      hint={ctx.t("admin.invite.areaHint")}
      options={areas}
      value={value}
      error={error}
      emptyLabel={ctx.t("admin.invite.noArea")}
    />
  );
}

function roleOptions(ctx: PageContext): Option[] {
  return ROLES.map((r) => ({ value: r, label: ctx.t(`roles.${r}`) }));
}

export function InvitePage({
  ctx,
  areas,
  errors = {},
  values = {},
}: {
  ctx: PageContext;
  areas: Option[];
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("admin.invite.title")} hasErrors={Object.keys(errors).length > 0}>
      <AdminNav ctx={ctx} current="users" />
      <ErrorSummary errors={errors} t={t} order={["email", "role", "areaId", "locale"]} />
      <h1>{t("admin.invite.title")}</h1>
      <p>{t("admin.invite.intro")}</p>
      <PostForm ctx={ctx} action={pathTo("adminInvite", locale)}>
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          autocomplete="off"
          label={t("fields.email")}
          value={values.email}
          error={errors.email}
        />
        <SelectField
          ctx={ctx}
          name="role"
          label={t("fields.role")}
          options={roleOptions(ctx)}
          value={values.role}
          error={errors.role}
          emptyLabel={t("admin.invite.chooseRole")}
        />
        <AreaField ctx={ctx} areas={areas} value={values.areaId} error={errors.areaId} />
        <SelectField
          ctx={ctx}
          name="locale"
          label={t("fields.mailLanguage")}
          options={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          value={values.locale ?? locale}
          error={errors.locale}
        />
        <SubmitButton>{t("admin.invite.submit")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

export function EditUserPage({
  ctx,
  user,
  areas,
  errors = {},
  values,
}: {
  ctx: PageContext;
  user: UserRow;
  areas: Option[];
  errors?: FieldErrors;
  values: FormValues;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("admin.edit.title", { name: shownName(t, user.name) })} hasErrors={Object.keys(errors).length > 0}>
      <AdminNav ctx={ctx} current="users" />
      <ErrorSummary errors={errors} t={t} order={["role", "areaId", "status"]} />
      <h1>{t("admin.edit.title", { name: shownName(t, user.name) })}</h1>
      <p>{user.email}</p>
      <PostForm ctx={ctx} action={pathTo("adminUser", locale, { id: user.id })}>
        <SelectField ctx={ctx} name="role" label={t("fields.role")} options={roleOptions(ctx)} value={values.role} error={errors.role} />
        <AreaField ctx={ctx} areas={areas} value={values.areaId} error={errors.areaId} />
        <SelectField
          ctx={ctx}
          name="status"
          label={t("fields.status")}
          options={[
            { value: "active", label: t("admin.status.active") },
            { value: "disabled", label: t("admin.status.disabled") },
          ]}
          value={values.status}
          error={errors.status}
        />
        <SubmitButton>{t("admin.edit.submit")}</SubmitButton>
      </PostForm>
      <p>
        <a href={pathTo("adminUsers", locale)}>{t("admin.edit.back")}</a>
      </p>
    </Layout>
  );
}
