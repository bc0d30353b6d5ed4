import type { PageContext } from "../../../web/context.ts";
import {
  CheckboxesField,
  ErrorSummary,
  type FieldErrors,
  type Option,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import { ORGANISATION_TYPES } from "../../organisations/schema.ts";
import { projectRoleRowCount } from "../manage-inputs.ts";
import { PROJECT_ROLES, VISIBILITIES } from "../schema.ts";

export type ManageValues = Record<string, string | string[]>;
const one = (values: ManageValues, k: string) => {
  const v = values[k];
  return typeof v === "string" ? v : "";
};

export function OrganisationForm({
  ctx,
  id,
  values,
  errors,
  municipalities,
}: {
  ctx: PageContext;
  /** Null for a new organisation. */
  id: string | null;
  values: ManageValues;
  errors: FieldErrors;
  municipalities: Option[];
}) {
  const { t, locale } = ctx;
  const title = id ? t("directory.manage.editOrganisation") : t("directory.manage.newOrganisation");
  const hasErrors = Object.keys(errors).length > 0;
  const v = (k: string) => one(values, k);
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors}>
      <p class="breadcrumb">
        {id ? (
          <a href={pathTo("organisation", locale, { id })}>{v("nameFi") || t("directory.organisations")}</a>
        ) : (
          <a href={pathTo("directory", locale)}>{t("directory.title")}</a>
        )}
      </p>
      <ErrorSummary errors={errors} t={t} order={["nameFi", "nameSv", "businessId", "type", "homeMunicipalityCode", "website"]} />
      <h1>{title}</h1>
      <PostForm ctx={ctx} action={id ? pathTo("organisationEdit", locale, { id }) : pathTo("organisationNew", locale)}>
        <TextField ctx={ctx} name="nameFi" label={t("directory.manage.nameFi")} value={v("nameFi")} error={errors.nameFi} required />
        <TextField ctx={ctx} name="nameSv" label={t("directory.manage.nameSv")} value={v("nameSv")} error={errors.nameSv} />
        <TextField
          ctx={ctx}
          name="businessId"
          label={t("projects.businessId")}
          hint={t("directory.manage.businessIdHint")}
          value={v("businessId")}
          error={errors.businessId}
          width="short"
        />
        <SelectField
          ctx={ctx}
          name="type"
          label={t("directory.fields.type")}
          options={ORGANISATION_TYPES.map((o) => ({ value: o, label: t(`organisationTypes.${o}`) }))}
          value={v("type")}
          error={errors.type}
          emptyLabel={t("directory.manage.choose")}
        />
        <SelectField
          ctx={ctx}
          name="homeMunicipalityCode"
          label={t("directory.fields.homeMunicipality")}
          options={municipalities}
          value={v("homeMunicipalityCode")}
          error={errors.homeMunicipalityCode}
          emptyLabel={t("directory.manage.noMunicipality")}
        />
        <TextField
          ctx={ctx}
          name="website"
          type="url"
          label={t("directory.manage.website")}
          hint={t("directory.manage.websiteHint")}
          value={v("website")}
          error={errors.website}
          autocomplete="url"
        />
        <SubmitButton>{t("directory.manage.save")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}

export function PersonForm({
  ctx,
  id,
  values,
  errors,
  areas,
  canLinkAccount,
}: {
  ctx: PageContext;
  id: string | null;
  values: ManageValues;
  errors: FieldErrors;
  /** The area roles the editor may assign, as checkbox options (`areaId:role`). */
  areas: Option[];
  canLinkAccount: boolean;
}) {
  const { t, locale } = ctx;
  const title = id ? t("directory.manage.editPerson") : t("directory.manage.newPerson");
  const hasErrors = Object.keys(errors).length > 0;
  const v = (k: string) => one(values, k);
  const rows = projectRoleRowCount(values);
  const checkedAreas = Array.isArray(values.areaRoles) ? values.areaRoles : values.areaRoles ? [values.areaRoles] : [];
  const order = [
    "name",
    "title",
    "organisationBusinessId",
    "email",
    "phone",
    "visibility",
    "consentOn",
    "accountEmail",
    ...Array.from({ length: rows }, (_, r) => [`projectCode_${r}`, `projectRole_${r}`]).flat(),
    "areaRoles",
  ];
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors}>
      <p class="breadcrumb">
        {id ? (
          <a href={pathTo("person", locale, { id })}>{v("name") || t("directory.people")}</a>
        ) : (
          <a href={pathTo("directory", locale)}>{t("directory.title")}</a>
        )}
      </p>
      <ErrorSummary errors={errors} t={t} order={order} />
      <h1>{title}</h1>
      <PostForm ctx={ctx} action={id ? pathTo("personEdit", locale, { id }) : pathTo("personNew", locale)}>
        <TextField ctx={ctx} name="name" label={t("directory.fields.name")} value={v("name")} error={errors.name} required />
        <TextField ctx={ctx} name="title" label={t("directory.fields.title")} value={v("title")} error={errors.title} />
        <TextField
          ctx={ctx}
          name="organisationBusinessId"
          label={t("directory.fields.organisationBusinessId")}
          hint={t("directory.own.businessIdHint")}
          value={v("organisationBusinessId")}
          error={errors.organisationBusinessId}
          width="short"
        />
        <TextField ctx={ctx} name="email" type="email" label={t("directory.fields.email")} value={v("email")} error={errors.email} />
        <TextField
          ctx={ctx}
          name="phone"
          type="tel"
          label={t("directory.fields.phone")}
          hint={t("directory.own.phoneHint")}
          value={v("phone")}
          error={errors.phone}
          width="medium"
        />
        <SelectField
          ctx={ctx}
          name="visibility"
          label={t("directory.manage.visibility")}
          hint={t("directory.manage.visibilityHint")}
          options={VISIBILITIES.map((o) => ({ value: o, label: t(`directory.visibility.${o}`) }))}
          value={v("visibility")}
          error={errors.visibility}
          emptyLabel={t("directory.own.chooseVisibility")}
        />
        <TextField
          ctx={ctx}
          name="consentOn"
          type="date"
          label={t("directory.manage.consentOn")}
          hint={t("directory.manage.consentOnHint")}
          value={v("consentOn")}
          error={errors.consentOn}
          width="short"
        />
        {canLinkAccount && (
          <TextField
            ctx={ctx}
            name="accountEmail"
            type="email"
            label={t("directory.manage.accountEmail")}
            hint={t("directory.manage.accountEmailHint")}
            value={v("accountEmail")}
            error={errors.accountEmail}
          />
        )}
        <fieldset class="form-section">
          <legend>{t("directory.person.roles")}</legend>
          <p class="field-hint">{t("directory.manage.projectRolesHint")}</p>
          {Array.from({ length: rows }, (_, row) => (
            <fieldset class="co-row" key={row}>
              <legend>{t("directory.manage.projectRole", { n: row + 1 })}</legend>
              <div class="field-row">
                <TextField
                  ctx={ctx}
                  name={`projectCode_${row}`}
                  label={t("directory.manage.projectCode")}
                  value={v(`projectCode_${row}`)}
                  error={errors[`projectCode_${row}`]}
                  width="short"
                />
                <SelectField
                  ctx={ctx}
                  name={`projectRole_${row}`}
                  label={t("directory.manage.role")}
                  options={PROJECT_ROLES.map((o) => ({ value: o, label: t(`directory.projectRoles.${o}`) }))}
                  value={v(`projectRole_${row}`)}
                  error={errors[`projectRole_${row}`]}
                  emptyLabel={t("directory.manage.choose")}
                />
              </div>
            </fieldset>
          ))}
        </fieldset>
        {areas.length > 0 && (
          <CheckboxesField
            ctx={ctx}
            name="areaRoles"
            legend={t("directory.manage.areaRoles")}
            hint={t("directory.manage.areaRolesHint")}
            options={areas}
            checked={checkedAreas}
            error={errors.areaRoles}
          />
        )}
        <SubmitButton>{t("directory.manage.save")}</SubmitButton>
      </PostForm>
    </Layout>
  );
}
