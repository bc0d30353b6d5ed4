import type { PageContext } from "../../../web/context.ts";
import {
  CheckboxesField,
  ErrorSummary,
  type FieldErrors,
  PostForm,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { ORGANISATION_TYPES } from "../../organisations/schema.ts";
import { coField, coRowCount, type ProjectFormValues } from "../form.ts";
import type { ProjectFormOptions } from "../form-options.ts";
import { SCOPES, STATUSES } from "../rules.ts";
import { CO_ORGANISATION_ROLES } from "../schema.ts";

/** Form fields in page order, so that the error summary lists them as the user meets them. */
export const FIELD_ORDER = [
  "form",
  "code",
  "programmeId",
  "objectiveId",
  "actionAreaId",
  "scope",
  "funderId",
  "status",
  "statusChangedOn",
  "nameFi",
  "summaryFi",
  "nameSv",
  "summarySv",
  "nameEn",
  "summaryEn",
  "maakuntaCodes",
  "municipalities",
  "leadName",
  "leadType",
  "leadBusinessId",
  "plannedStart",
  "plannedEnd",
  "actualStart",
  "actualEnd",
  "budgetTotal",
  "publicFunding",
  "targetGroupIds",
  "participantsPlannedWomen",
  "participantsPlannedMen",
  "participantsPlannedOther",
  "participantsActualWomen",
  "participantsActualMen",
  "participantsActualOther",
  "website",
  "contactName",
  "contactEmail",
  "contactPhone",
];

export interface ProjectFormProps {
  ctx: PageContext;
  mode: "new" | "edit";
  /** The project's name (edit), for the heading. */
  projectName?: string;
  action: string;
  cancelHref: string;
  values: ProjectFormValues;
  errors: FieldErrors;
  options: ProjectFormOptions;
  /** Project members keep the code their coordinator gave; they cannot change it. */
  codeLocked: boolean;
}

export function ProjectFormPage(props: ProjectFormProps) {
  const { ctx, values, errors, options } = props;
  const { t } = ctx;
  const v = (name: string): string => {
    const x = values[name];
    return typeof x === "string" ? x : "";
  };
  const list = (name: string): string[] => {
    const x = values[name];
    return Array.isArray(x) ? x : typeof x === "string" && x ? [x] : [];
  };
  const text = (name: string, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField ctx={ctx} name={name} label={label} value={v(name)} error={errors[name]} {...extra} />
  );
  const grouped = (pick: (p: ProjectFormOptions["programmes"][number]) => { value: string; label: string }[]) =>
    options.programmes.flatMap((p) =>
      pick(p).map((o) => ({ value: o.value, label: options.programmes.length > 1 ? `${o.label} (${p.label})` : o.label })),
    );
  const typeOptions = ORGANISATION_TYPES.map((o) => ({ value: o, label: t(`organisationTypes.${o}`) }));
  const coRows = coRowCount(values);
  const title = props.mode === "new" ? t("projectForm.newTitle") : t("projectForm.editTitle", { name: props.projectName ?? "" });
  const count = (name: string, label: string) => text(name, label, { width: "short", inputMode: "numeric" });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} t={t} order={FIELD_ORDER} />
      <h1>{title}</h1>
      <p>{t("projectForm.intro")}</p>
      {errors.form && (
        <p id="field-form" class="field-error">
          {errors.form}
        </p>
      )}
      <PostForm ctx={ctx} action={props.action}>
        <fieldset class="form-section">
          <legend>{t("projectForm.sections.basics")}</legend>
          {props.codeLocked ? (
            <p>
              <strong>{t("projects.fields.code")}:</strong> {v("code")}
            </p>
          ) : (
            text("code", t("projects.fields.code"), { hint: t("projectForm.hints.code"), width: "short", required: true })
          )}
          <SelectField
            ctx={ctx}
            name="programmeId"
            label={t("projects.fields.programme")}
            options={options.programmes}
            value={v("programmeId")}
            error={errors.programmeId}
          />
          <SelectField
            ctx={ctx}
            name="objectiveId"
            label={t("projects.fields.objective")}
            options={grouped((p) => p.objectives)}
            value={v("objectiveId")}
            error={errors.objectiveId}
            emptyLabel={t("projectForm.notChosen")}
          />
          <SelectField
            ctx={ctx}
            name="actionAreaId"
            label={t("projects.fields.actionArea")}
            options={grouped((p) => p.actionAreas)}
            value={v("actionAreaId")}
            error={errors.actionAreaId}
            emptyLabel={t("projectForm.notChosen")}
          />
          <SelectField
            ctx={ctx}
            name="scope"
            label={t("projects.fields.scope")}
            hint={t("projectForm.hints.scope")}
            options={SCOPES.map((s) => ({ value: s, label: t(`projects.scope.${s}`) }))}
            value={v("scope") || "regional"}
            error={errors.scope}
          />
          <SelectField
            ctx={ctx}
            name="funderId"
            label={t("projects.fields.funder")}
            hint={t("projectForm.hints.funder")}
            options={grouped((p) => p.funders)}
            value={v("funderId")}
            error={errors.funderId}
            emptyLabel={t("projectForm.notChosen")}
          />
          <div class="field-row">
            <SelectField
              ctx={ctx}
              name="status"
              label={t("projects.fields.status")}
              options={STATUSES.map((s) => ({ value: s, label: t(`projects.status.${s}`) }))}
              value={v("status") || "planning"}
              error={errors.status}
            />
            {text("statusChangedOn", t("projectForm.statusChangedOn"), {
              type: "date",
              hint: t("projectForm.hints.statusChangedOn"),
              width: "medium",
            })}
          </div>
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("projectForm.sections.names")}</legend>
          {text("nameFi", t("projectForm.nameFi"), { required: true })}
          <TextAreaField
            ctx={ctx}
            name="summaryFi"
            label={t("projectForm.summaryFi")}
            hint={t("projectForm.hints.summary")}
            value={v("summaryFi")}
            error={errors.summaryFi}
            rows={6}
          />
          {text("nameSv", t("projectForm.nameSv"), { hint: t("projectForm.hints.optional") })}
          <TextAreaField
            ctx={ctx}
            name="summarySv"
            label={t("projectForm.summarySv")}
            value={v("summarySv")}
            error={errors.summarySv}
            lang="sv"
          />
          {text("nameEn", t("projectForm.nameEn"), { hint: t("projectForm.hints.optional") })}
          <TextAreaField
            ctx={ctx}
            name="summaryEn"
            label={t("projectForm.summaryEn")}
            value={v("summaryEn")}
            error={errors.summaryEn}
            lang="en"
          />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("projectForm.sections.served")}</legend>
          <p class="field-hint">{t("projectForm.hints.areasDerived")}</p>
          <CheckboxesField
            ctx={ctx}
            name="maakuntaCodes"
            legend={t("projectForm.maakunnat")}
            hint={t("projectForm.hints.maakunnat")}
            options={options.maakunnat}
            checked={list("maakuntaCodes")}
            error={errors.maakuntaCodes}
          />
          <TextAreaField
            ctx={ctx}
            name="municipalities"
            label={t("projectForm.municipalities")}
            hint={t("projectForm.hints.municipalities")}
            value={v("municipalities")}
            error={errors.municipalities}
            rows={2}
          />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("projectForm.sections.organisations")}</legend>
          <fieldset class="co-row">
            <legend>{t("projects.fields.lead")}</legend>
            {text("leadName", t("projectForm.orgName"), { autocomplete: "organization" })}
            <SelectField
              ctx={ctx}
              name="leadType"
              label={t("projectForm.orgType")}
              options={typeOptions}
              value={v("leadType")}
              error={errors.leadType}
              emptyLabel={t("projectForm.choose")}
            />
            {text("leadBusinessId", t("projects.businessId"), { hint: t("projectForm.hints.businessId"), width: "medium" })}
          </fieldset>
          <p class="field-hint">{t("projectForm.hints.coImplementers")}</p>
          {Array.from({ length: coRows }, (_, row) => (
            <fieldset class="co-row" key={row}>
              <legend>{t("projectForm.coImplementer", { n: row + 1 })}</legend>
              {text(coField("name", row), t("projectForm.orgName"))}
              <SelectField
                ctx={ctx}
                name={coField("type", row)}
                label={t("projectForm.orgType")}
                options={typeOptions}
                value={v(coField("type", row))}
                error={errors[coField("type", row)]}
                emptyLabel={t("projectForm.choose")}
              />
              {text(coField("businessId", row), t("projects.businessId"), { hint: t("projectForm.hints.businessId"), width: "medium" })}
              <SelectField
                ctx={ctx}
                name={coField("role", row)}
                label={t("projectForm.coRole")}
                options={CO_ORGANISATION_ROLES.map((r) => ({ value: r, label: t(`directory.orgRoles.${r}`) }))}
                value={v(coField("role", row)) || "co_implementer"}
                error={errors[coField("role", row)]}
              />
            </fieldset>
          ))}
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("projectForm.sections.timeAndMoney")}</legend>
          <div class="field-row">
            {text("plannedStart", t("projectForm.plannedStart"), { type: "date" })}
            {text("plannedEnd", t("projectForm.plannedEnd"), { type: "date" })}
          </div>
          <div class="field-row">
            {text("actualStart", t("projectForm.actualStart"), { type: "date" })}
            {text("actualEnd", t("projectForm.actualEnd"), { type: "date" })}
          </div>
          <div class="field-row">
            {text("budgetTotal", t("projectForm.budgetTotal"), { hint: t("projectForm.hints.euros"), inputMode: "numeric" })}
            {text("publicFunding", t("projectForm.publicFunding"), { hint: t("projectForm.hints.euros"), inputMode: "numeric" })}
          </div>
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("projectForm.sections.people")}</legend>
          <CheckboxesField
            ctx={ctx}
            name="targetGroupIds"
            legend={t("projects.fields.targetGroups")}
            options={options.targetGroups}
            checked={list("targetGroupIds")}
            error={errors.targetGroupIds}
          />
          <fieldset class="co-row">
            <legend>{t("projects.fields.participantsPlanned")}</legend>
            <div class="field-row">
              {count("participantsPlannedWomen", t("projectForm.women"))}
              {count("participantsPlannedMen", t("projectForm.men"))}
              {count("participantsPlannedOther", t("projectForm.other"))}
            </div>
          </fieldset>
          <fieldset class="co-row">
            <legend>{t("projects.fields.participantsActual")}</legend>
            <div class="field-row">
              {count("participantsActualWomen", t("projectForm.women"))}
              {count("participantsActualMen", t("projectForm.men"))}
              {count("participantsActualOther", t("projectForm.other"))}
            </div>
          </fieldset>
        </fieldset>

        <fieldset class="form-section">
          <legend>{t("projectForm.sections.contact")}</legend>
          {text("website", t("projects.fields.website"), { type: "url", hint: t("projectForm.hints.website") })}
          {text("contactName", t("projectForm.contactName"), { width: "medium" })}
          {text("contactEmail", t("projectForm.contactEmail"), { type: "email", width: "medium" })}
          {text("contactPhone", t("projectForm.contactPhone"), { type: "tel", width: "medium" })}
        </fieldset>

        <div class="actions">
          <SubmitButton>{props.mode === "new" ? t("projectForm.create") : t("projectForm.save")}</SubmitButton>
          <a href={props.cancelHref}>{t("projectForm.cancel")}</a>
        </div>
      </PostForm>
    </Layout>
  );
}
