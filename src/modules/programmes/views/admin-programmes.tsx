import type { PageContext } from "../../../web/context.ts";
import {
  CheckboxesField,
  ErrorSummary,
  type FieldErrors,
  Notice,
  type Option,
  PostForm,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { INTL_LOCALE } from "../../../web/locales.ts";
import { pathTo } from "../../../web/paths.ts";
import { NotSet, ScrollTable } from "../../../web/table.tsx";
import { AdminNav } from "../../accounts/views/admin-pages.tsx";
import type { listProgrammesOverview, listTargetGroups } from "../queries.ts";

type Values = Record<string, string | string[]>;

const date = (locale: PageContext["locale"], d: string) =>
  new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`));

export function ProgrammesPage({
  ctx,
  programmes,
  targetGroups,
  notice,
  errors = {},
  values = {},
}: {
  ctx: PageContext;
  programmes: Awaited<ReturnType<typeof listProgrammesOverview>>;
  targetGroups: Awaited<ReturnType<typeof listTargetGroups>>;
  notice?: "programmeAdded" | "targetGroupAdded" | null;
  errors?: FieldErrors;
  values?: Values;
}) {
  const { t, locale } = ctx;
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  return (
    <Layout ctx={ctx} title={t("programmesAdmin.title")} hasErrors={Object.keys(errors).length > 0}>
      <AdminNav ctx={ctx} current="programmes" />
      <ErrorSummary errors={errors} t={t} order={["nameFi", "nameSv", "nameEn"]} />
      {notice && <Notice>{t(`programmesAdmin.${notice}`)}</Notice>}
      <h1>{t("programmesAdmin.title")}</h1>
      <p>{t("programmesAdmin.intro")}</p>
      <p>
        <a class="button" href={pathTo("adminProgrammeNew", locale)}>
          {t("programmesAdmin.addProgramme")}
        </a>
      </p>
      <ScrollTable label={t("programmesAdmin.programmes")}>
        <thead>
          <tr>
            <th scope="col">{t("programmesAdmin.name")}</th>
            <th scope="col">{t("programmesAdmin.period")}</th>
            <th scope="col">{t("programmesAdmin.structure")}</th>
            <th scope="col">{t("programmesAdmin.codePattern")}</th>
            <th scope="col" class="num">
              {t("programmesAdmin.objectives")}
            </th>
            <th scope="col" class="num">
              {t("programmesAdmin.actionAreas")}
            </th>
            <th scope="col" class="num">
              {t("programmesAdmin.funders")}
            </th>
          </tr>
        </thead>
        <tbody>
          {programmes.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                {p.name} <span class="hint-text">({p.id})</span>
              </th>
              <td>
                {date(locale, p.periodStart)} – {date(locale, p.periodEnd)}
              </td>
              <td>{p.structure}</td>
              <td>{p.projectCodePattern ? <code>{p.projectCodePattern}</code> : <NotSet t={t} />}</td>
              <td class="num">{p.objectives}</td>
              <td class="num">{p.actionAreas}</td>
              <td class="num">{p.funders}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>

      <h2 id="target-groups">{t("programmesAdmin.targetGroups")}</h2>
      <p>{t("programmesAdmin.targetGroupsIntro")}</p>
      <ScrollTable label={t("programmesAdmin.targetGroups")}>
        <thead>
          <tr>
            <th scope="col">{t("languages.fi")}</th>
            <th scope="col">{t("languages.sv")}</th>
            <th scope="col">{t("languages.en")}</th>
          </tr>
        </thead>
        <tbody>
          {targetGroups.map((g) => (
            <tr key={g.id}>
              <td lang="fi">{g.nameFi}</td>
              <td lang="sv">{g.nameSv}</td>
              <td lang="en">{g.nameEn}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <h3>{t("programmesAdmin.addTargetGroup")}</h3>
      <PostForm ctx={ctx} action={pathTo("adminTargetGroups", locale)}>
        <TextField ctx={ctx} name="nameFi" label={t("programmesAdmin.nameFi")} value={v("nameFi")} error={errors.nameFi} width="medium" />
        <TextField ctx={ctx} name="nameSv" label={t("programmesAdmin.nameSv")} value={v("nameSv")} error={errors.nameSv} width="medium" />
        <TextField ctx={ctx} name="nameEn" label={t("programmesAdmin.nameEn")} value={v("nameEn")} error={errors.nameEn} width="medium" />
        <SubmitButton>{t("programmesAdmin.addTargetGroup")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

export const PROGRAMME_FIELD_ORDER = [
  "id",
  "nameFi",
  "nameSv",
  "nameEn",
  "periodStart",
  "periodEnd",
  "regionalStructure",
  "projectCodePattern",
  "objectives",
  "actionAreas",
  "funders",
];

export function NewProgrammePage({
  ctx,
  structures,
  funders,
  errors = {},
  values = {},
}: {
  ctx: PageContext;
  structures: Option[];
  funders: Option[];
  errors?: FieldErrors;
  values?: Values;
}) {
  const { t, locale } = ctx;
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const checked = Array.isArray(values.funders) ? values.funders : v("funders") ? [v("funders")] : [];
  const text = (name: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      ctx={ctx}
      name={name}
      label={t(`programmesAdmin.${name}` as "programmesAdmin.id")}
      value={v(name)}
      error={errors[name]}
      {...extra}
    />
  );
  return (
    <Layout ctx={ctx} title={t("programmesAdmin.addProgramme")} hasErrors={Object.keys(errors).length > 0}>
      <AdminNav ctx={ctx} current="programmes" />
      <ErrorSummary errors={errors} t={t} order={PROGRAMME_FIELD_ORDER} />
      <p class="breadcrumb">
        <a href={pathTo("adminProgrammes", locale)}>{t("programmesAdmin.title")}</a>
      </p>
      <h1>{t("programmesAdmin.addProgramme")}</h1>
      <p>{t("programmesAdmin.addIntro")}</p>
      <PostForm ctx={ctx} action={pathTo("adminProgrammeNew", locale)}>
        {text("id", { hint: t("programmesAdmin.hints.id"), width: "medium" })}
        {text("nameFi")}
        {text("nameSv")}
        {text("nameEn")}
        <div class="field-row">
          {text("periodStart", { type: "date" })}
          {text("periodEnd", { type: "date" })}
        </div>
        <SelectField
          ctx={ctx}
          name="regionalStructure"
          label={t("programmesAdmin.regionalStructure")}
          hint={t("programmesAdmin.hints.regionalStructure")}
          options={structures}
          value={v("regionalStructure")}
          error={errors.regionalStructure}
        />
        {text("projectCodePattern", { hint: t("programmesAdmin.hints.projectCodePattern"), width: "medium" })}
        <TextAreaField
          ctx={ctx}
          name="objectives"
          label={t("programmesAdmin.objectivesField")}
          hint={t("programmesAdmin.hints.objectives")}
          value={v("objectives")}
          error={errors.objectives}
          rows={4}
        />
        <TextAreaField
          ctx={ctx}
          name="actionAreas"
          label={t("programmesAdmin.actionAreasField")}
          hint={t("programmesAdmin.hints.actionAreas")}
          value={v("actionAreas")}
          error={errors.actionAreas}
          rows={5}
        />
        <CheckboxesField
          ctx={ctx}
          name="funders"
          legend={t("programmesAdmin.fundersField")}
          hint={t("programmesAdmin.hints.funders")}
          options={funders}
          checked={checked}
          error={errors.funders}
        />
        <div class="actions">
          <SubmitButton>{t("programmesAdmin.save")}</SubmitButton>
          <a href={pathTo("adminProgrammes", locale)}>{t("projectForm.cancel")}</a>
        </div>
      </PostForm>
    </Layout>
  );
}
