import type { PageContext } from "../../../web/context.ts";
import { ErrorSummary, type FieldErrors, Notice, PostForm, SubmitButton, TextField } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import { ScrollTable } from "../../../web/table.tsx";

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  status: "active" | "disabled";
}

export function MembersPage({
  ctx,
  code,
  projectName,
  members,
  errors = {},
  email = "",
  notice,
}: {
  ctx: PageContext;
  code: string;
  projectName: string;
  members: MemberRow[];
  errors?: FieldErrors;
  email?: string;
  notice?: "added" | "removed" | null;
}) {
  const { t, locale } = ctx;
  const title = t("members.title", { name: projectName });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} t={t} />
      {notice && <Notice>{t(`members.${notice}`)}</Notice>}
      <p class="breadcrumb">
        <a href={pathTo("project", locale, { code })}>{projectName}</a>
      </p>
      <h1>{title}</h1>
      <p>{t("members.intro")}</p>
      {members.length === 0 ? (
        <p>{t("members.none")}</p>
      ) : (
        <ScrollTable label={t("members.listLabel")}>
          <thead>
            <tr>
              <th scope="col">{t("fields.name")}</th>
              <th scope="col">{t("fields.email")}</th>
              <th scope="col">{t("members.action")}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.name}
                  {m.status === "disabled" && <span class="tag">{t("members.disabled")}</span>}
                </td>
                <td>{m.email}</td>
                <td>
                  <PostForm ctx={ctx} action={pathTo("projectMemberRemove", locale, { code, userId: m.id })}>
                    <button type="submit" class="button button--secondary">
                      {t("members.remove")}
                      <span class="visually-hidden">: {m.name}</span>
                    </button>
                  </PostForm>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <h2>{t("members.addTitle")}</h2>
      <PostForm ctx={ctx} action={pathTo("projectMembers", locale, { code })}>
        <TextField
          ctx={ctx}
          name="email"
          type="email"
          label={t("fields.email")}
          hint={t("members.addHint")}
          value={email}
          error={errors.email}
          width="medium"
          autocomplete="off"
        />
        <SubmitButton>{t("members.add")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}
