import type { ComponentChildren } from "preact";
import type { PageContext } from "../../../web/context.ts";
import { Notice } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { perLocale } from "../../../web/locales.ts";
import { pathTo } from "../../../web/paths.ts";
import { ScrollTable } from "../../../web/table.tsx";
import type { AreaContact, PersonEntry } from "../../directory/queries.ts";
import type { ProjectRole } from "../../directory/schema.ts";
import { AreaContacts, PersonCard } from "../../directory/views/contacts.tsx";
import type { Labels } from "../labels.ts";
import type { ProjectDetails } from "../queries.ts";

/** Intl formatters are costly to build (ICU data): one of each per language, shared by every page. */
const DATE_FORMAT = perLocale((tag) => new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: "UTC" }));
const EURO_FORMAT = perLocale((tag) => new Intl.NumberFormat(tag, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }));

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ProjectPage({
  ctx,
  details,
  labels,
  manage = { edit: false, members: false, survey: false },
  saved = false,
  contacts = [],
  people = [],
}: {
  ctx: PageContext;
  details: ProjectDetails;
  labels: Labels;
  /** What the user may do with this project (decided by the policy). */
  manage?: { edit: boolean; members: boolean; survey?: boolean };
  /** Just saved: say so. */
  saved?: boolean;
  /** The coordinators of the project's areas whom the viewer may see (directory module). */
  contacts?: readonly AreaContact[];
  /** The project's people with their roles, as far as the viewer may see them (directory module). */
  people?: readonly (PersonEntry & { role: ProjectRole })[];
}) {
  const { t, locale } = ctx;
  const p = details.project;
  const name = (locale === "sv" && p.nameSv) || (locale === "en" && p.nameEn) || p.nameFi;
  const localSummary = (locale === "sv" && p.summarySv) || (locale === "en" && p.summaryEn) || null;
  const summary = localSummary ?? p.summaryFi;
  // Shown in Finnish when there is no text in the page's language: the passage says so with lang.
  const summaryLang = localSummary ? locale : "fi";
  const nameLang = name === p.nameFi ? "fi" : locale;
  const date = (d: string | null) => (d ? DATE_FORMAT[locale].format(new Date(`${d}T00:00:00Z`)) : null);
  const euros = (n: number | null) => (n === null ? null : EURO_FORMAT[locale].format(n));
  const served =
    p.scope === "national"
      ? t("projects.wholeCountry")
      : [
          ...details.maakuntaCodes.map((c) => labels.maakunta.get(c) ?? c),
          ...details.municipalityCodes.map((c) => labels.municipality.get(c) ?? c),
        ].join(", ");
  const participants = (w: number | null, m: number | null, o: number | null) =>
    w === null && m === null && o === null ? null : t("projects.participantsByGender", { women: w ?? "–", men: m ?? "–", other: o ?? "–" });
  const rows: [string, ComponentChildren][] = [
    [t("projects.fields.code"), p.code],
    [t("projects.fields.programme"), labels.programme.get(p.programmeId) ?? p.programmeId],
    [t("projects.fields.objective"), p.objectiveId ? labels.objective.get(p.objectiveId) : null],
    [t("projects.fields.actionArea"), p.actionAreaId ? labels.actionArea.get(p.actionAreaId) : null],
    [t("projects.fields.scope"), t(`projects.scope.${p.scope}`)],
    [t("projects.fields.funder"), p.funderId ? labels.funder.get(p.funderId) : null],
    [t("projects.fields.served"), served || null],
    [t("projects.fields.areas"), details.areaIds.map((a) => labels.area.get(a) ?? a).join(", ") || null],
    [
      t("projects.fields.lead"),
      details.lead
        ? `${details.lead.nameFi}${details.lead.businessId ? ` (${t("projects.businessId")} ${details.lead.businessId})` : ""}`
        : null,
    ],
    [
      t("projects.fields.coImplementers"),
      details.coImplementers
        .filter((c) => c.role === "co_implementer")
        .map((c) => c.nameFi)
        .join(", ") || null,
    ],
    [
      t("projects.fields.partners"),
      details.coImplementers
        .filter((c) => c.role === "partner")
        .map((c) => c.nameFi)
        .join(", ") || null,
    ],
    [t("projects.fields.planned"), p.plannedStart ? `${date(p.plannedStart)} – ${date(p.plannedEnd) ?? ""}` : null],
    [t("projects.fields.actual"), p.actualStart ? `${date(p.actualStart)} – ${date(p.actualEnd) ?? ""}` : null],
    [t("projects.fields.budgetTotal"), euros(p.budgetTotal)],
    [t("projects.fields.publicFunding"), euros(p.publicFunding)],
    [t("projects.fields.targetGroups"), details.targetGroupIds.map((g) => labels.targetGroup.get(g) ?? g).join(", ") || null],
    [
      t("projects.fields.participantsPlanned"),
      participants(p.participantsPlannedWomen, p.participantsPlannedMen, p.participantsPlannedOther),
    ],
    [t("projects.fields.participantsActual"), participants(p.participantsActualWomen, p.participantsActualMen, p.participantsActualOther)],
    [t("projects.fields.website"), p.website ? <a href={p.website}>{p.website}</a> : null],
    [t("projects.fields.contact"), [p.contactName, p.contactEmail, p.contactPhone].filter(Boolean).join(", ") || null],
    [t("import.project.source"), p.sourceUrl ? <a href={p.sourceUrl}>{p.sourceUrl}</a> : null],
  ];
  return (
    <Layout ctx={ctx} title={name}>
      {saved && <Notice>{t("projectForm.saved")}</Notice>}
      <p class="breadcrumb">
        <a href={pathTo("projects", locale)}>{t("projects.search.title")}</a>
      </p>
      <h1 lang={nameLang === locale ? undefined : nameLang}>{name}</h1>
      <p>
        <span class="tag">{t(`projects.status.${p.status}`)}</span>
        {p.isDemo && <span class="tag tag--demo">{t("projects.demo")}</span>}
      </p>
      {p.isDemo && <p class="hint-text">{t("projects.demoNote")}</p>}
      {(manage.edit || manage.members || manage.survey) && (
        <ul class="inline-actions">
          {manage.edit && (
            <li>
              <a class="button button--secondary" href={pathTo("projectEdit", locale, { code: p.code })}>
                {t("projectForm.editLink")}
              </a>
            </li>
          )}
          {manage.members && (
            <li>
              <a class="button button--secondary" href={pathTo("projectMembers", locale, { code: p.code })}>
                {t("members.link")}
              </a>
            </li>
          )}
          {manage.survey && (
            <li>
              <a class="button button--secondary" href={pathTo("projectSurvey", locale, { code: p.code })}>
                {t("survey.manage.link")}
              </a>
            </li>
          )}
        </ul>
      )}
      {summary ? (
        <>
          <p class="lead" lang={summaryLang === locale ? undefined : summaryLang}>
            {summary}
          </p>
          {summaryLang !== locale && <p class="hint-text">{t("projects.onlyInFinnish")}</p>}
        </>
      ) : (
        // Imported records (EURA) have no public summary; nothing is invented in its place.
        <p class="lead summary-missing">{t("import.project.summaryMissing")}</p>
      )}
      <h2>{t("projects.detailsTitle")}</h2>
      <dl class="summary-list">
        {rows
          .filter(([, v]) => v !== null && v !== undefined && v !== "")
          .map(([label, value]) => (
            <Row key={label} label={label}>
              {value}
            </Row>
          ))}
      </dl>
      {people.length > 0 && (
        <section aria-labelledby="project-people-title">
          <h2 id="project-people-title">{t("directory.projectPeople")}</h2>
          <ul class="person-list">
            {people.map((person) => (
              <li key={`${person.id}-${person.role}`}>
                <PersonCard ctx={ctx} person={person} role={t(`directory.projectRoles.${person.role}`)} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <AreaContacts ctx={ctx} contacts={contacts} areaNames={new Map(details.areaIds.map((a) => [a, labels.area.get(a) ?? a]))} />
      <p>
        <a href={`${pathTo("partners", locale)}?project=${encodeURIComponent(p.code)}`}>{t("directory.partners.fromProject")}</a>
      </p>
      <h2>{t("projects.historyTitle")}</h2>
      <ScrollTable label={t("projects.historyTitle")}>
        <thead>
          <tr>
            <th scope="col">{t("projects.fields.changedOn")}</th>
            <th scope="col">{t("projects.fields.status")}</th>
          </tr>
        </thead>
        <tbody>
          {details.history.map((h) => (
            <tr key={`${h.changedOn}-${h.status}`}>
              <td>{date(h.changedOn)}</td>
              <td>{t(`projects.status.${h.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </Layout>
  );
}
