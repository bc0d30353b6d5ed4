import { can } from "../../../policy.ts";
import type { PageContext } from "../../../web/context.ts";
import { Notice } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { INTL_LOCALE, LOCALES, type Locale } from "../../../web/locales.ts";
import { pathTo } from "../../../web/paths.ts";
import { ScrollTable } from "../../../web/table.tsx";
import type { OrganisationType } from "../../organisations/schema.ts";
import type { ProjectListing } from "../../projects/queries.ts";
import type { AreaContact, DirectoryResults, PersonEntry } from "../queries.ts";
import type { AreaRole, ProjectRole } from "../schema.ts";
import { AreaContacts, PersonCard } from "./contacts.tsx";

const YEAR = Object.fromEntries(
  LOCALES.map((l) => [l, new Intl.DateTimeFormat(INTL_LOCALE[l], { year: "numeric", timeZone: "UTC" })]),
) as Record<Locale, Intl.DateTimeFormat>;
const year = (locale: Locale, d: string | null) => (d ? YEAR[locale].format(new Date(`${d}T00:00:00Z`)) : "–");

export const projectName = (p: { nameFi: string; nameSv: string | null; nameEn: string | null }, locale: Locale) =>
  (locale === "sv" && p.nameSv) || (locale === "en" && p.nameEn) || p.nameFi;

/** A project's name in the page's language, with lang="fi" when only the Finnish name exists. */
export function ProjectLink({
  ctx,
  project,
}: {
  ctx: PageContext;
  project: { code: string; nameFi: string; nameSv: string | null; nameEn: string | null };
}) {
  const name = projectName(project, ctx.locale);
  return (
    <a
      href={pathTo("project", ctx.locale, { code: project.code })}
      lang={name === project.nameFi && ctx.locale !== "fi" ? "fi" : undefined}
    >
      {name}
    </a>
  );
}

export function DirectoryPage({ ctx, q, results }: { ctx: PageContext; q: string; results: DirectoryResults | null }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("directory.title")}>
      <h1>{t("directory.title")}</h1>
      <p>{t("directory.intro")}</p>
      <p>
        <a href={pathTo("partners", locale)}>{t("directory.partners.link")}</a>
        {" · "}
        <a href={pathTo("network", locale)}>{t("directory.network.link")}</a>
        {" · "}
        <a href={pathTo("planning", locale)}>{t("directory.planning.link")}</a>
        {ctx.user && (
          <>
            {" · "}
            <a href={pathTo("ownData", locale)}>{t("directory.own.link")}</a>
          </>
        )}
        {can(ctx.user, "directory.manage") && (
          <>
            {" · "}
            <a href={pathTo("organisationNew", locale)}>{t("directory.manage.addOrganisation")}</a>
            {" · "}
            <a href={pathTo("personNew", locale)}>{t("directory.manage.addPerson")}</a>
          </>
        )}
        {can(ctx.user, "directory.import") && (
          <>
            {" · "}
            <a href={pathTo("directoryImport", locale)}>{t("directory.import.link")}</a>
          </>
        )}
      </p>
      <form method="get" action={pathTo("directory", locale)} class="search-form">
        <div class="field">
          <label class="field-label" for="field-q">
            {t("directory.search.label")}
          </label>
          <p class="field-hint" id="field-q-hint">
            {t("directory.search.hint")}
          </p>
          <input id="field-q" name="q" type="search" class="input input--medium" value={q} aria-describedby="field-q-hint" />
        </div>
        <button type="submit" class="button">
          {t("directory.search.submit")}
        </button>
      </form>
      {results && (
        <>
          <p role="status">{t("directory.search.found", { organisations: results.organisations.length, people: results.people.length })}</p>
          <h2>{t("directory.organisations")}</h2>
          {results.organisations.length === 0 ? (
            <p>{t("directory.search.noOrganisations")}</p>
          ) : (
            <ul class="results">
              {results.organisations.map((o) => (
                <li key={o.id} class="result">
                  <a href={pathTo("organisation", locale, { id: o.id })}>{(locale === "sv" && o.nameSv) || o.nameFi}</a>
                  <p class="result-meta">
                    {[t(`organisationTypes.${o.type as OrganisationType}`), o.municipality, o.businessId].filter(Boolean).join(" · ")}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <h2>{t("directory.people")}</h2>
          {results.people.length === 0 ? (
            <p>{t("directory.search.noPeople")}</p>
          ) : (
            <ul class="person-list">
              {results.people.map((p) => (
                <li key={p.id}>
                  <PersonCard ctx={ctx} person={p} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Layout>
  );
}

export function OrganisationPage({
  ctx,
  organisation,
  projects,
  people,
  areaNames,
  maakuntaNames,
  editPath,
  saved,
}: {
  ctx: PageContext;
  organisation: {
    nameFi: string;
    nameSv: string | null;
    businessId: string | null;
    type: OrganisationType;
    website: string | null;
    homeMunicipality: string | null;
  };
  projects: (ProjectListing & { role: "lead" | "co_implementer" | "partner" })[];
  people: PersonEntry[];
  areaNames: ReadonlyMap<string, string>;
  maakuntaNames: ReadonlyMap<string, string>;
  /** The edit form's path when the viewer may edit, else null. */
  editPath: string | null;
  saved: boolean;
}) {
  const { t, locale } = ctx;
  const name = (locale === "sv" && organisation.nameSv) || organisation.nameFi;
  const regions = [...new Set(projects.flatMap((p) => p.maakuntaCodes))].map((c) => maakuntaNames.get(c) ?? c).sort();
  const areasWorked = [...new Set(projects.flatMap((p) => p.areaIds))].map((a) => areaNames.get(a) ?? a).sort();
  return (
    <Layout ctx={ctx} title={name}>
      <p class="breadcrumb">
        <a href={pathTo("directory", locale)}>{t("directory.title")}</a>
      </p>
      {saved && <Notice>{t("directory.manage.saved")}</Notice>}
      <h1 lang={name === organisation.nameFi && locale !== "fi" ? "fi" : undefined}>{name}</h1>
      {editPath && (
        <p>
          <a class="button button--secondary" href={editPath}>
            {t("directory.manage.edit")}
          </a>
        </p>
      )}
      <dl class="summary-list">
        <div>
          <dt>{t("directory.fields.type")}</dt>
          <dd>{t(`organisationTypes.${organisation.type}`)}</dd>
        </div>
        {organisation.businessId && (
          <div>
            <dt>{t("projects.businessId")}</dt>
            <dd>{organisation.businessId}</dd>
          </div>
        )}
        {organisation.homeMunicipality && (
          <div>
            <dt>{t("directory.fields.homeMunicipality")}</dt>
            <dd>{organisation.homeMunicipality}</dd>
          </div>
        )}
        {organisation.website && (
          <div>
            <dt>{t("projects.fields.website")}</dt>
            <dd>
              <a href={organisation.website}>{organisation.website}</a>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("directory.fields.regions")}</dt>
          <dd>{regions.join(", ") || t("directory.none")}</dd>
        </div>
        <div>
          <dt>{t("projects.fields.areas")}</dt>
          <dd>{areasWorked.join(", ") || t("directory.none")}</dd>
        </div>
      </dl>
      <h2>{t("directory.organisation.projects")}</h2>
      {projects.length === 0 ? (
        <p>{t("directory.organisation.noProjects")}</p>
      ) : (
        <ScrollTable label={t("directory.organisation.projects")}>
          <thead>
            <tr>
              <th scope="col">{t("directory.fields.project")}</th>
              <th scope="col">{t("directory.fields.orgRole")}</th>
              <th scope="col">{t("directory.fields.years")}</th>
              <th scope="col">{t("projects.fields.status")}</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={`${p.id}-${p.role}`}>
                <td>
                  <ProjectLink ctx={ctx} project={p} />
                </td>
                <td>{t(`directory.orgRoles.${p.role}`)}</td>
                <td>
                  {year(locale, p.plannedStart)}–{year(locale, p.plannedEnd)}
                </td>
                <td>{t(`projects.status.${p.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <h2>{t("directory.people")}</h2>
      {people.length === 0 ? (
        <p>{t("directory.organisation.noPeople")}</p>
      ) : (
        <ul class="person-list">
          {people.map((p) => (
            <li key={p.id}>
              <PersonCard ctx={ctx} person={p} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function PersonPage({
  ctx,
  person,
  roles,
  areaRoles,
  editPath,
  saved,
}: {
  ctx: PageContext;
  person: PersonEntry;
  roles: { project: ProjectListing; role: ProjectRole }[];
  /** Coordinator or researcher of these coordination areas (names in the page's language). */
  areaRoles: { areaId: string; areaName: string; role: AreaRole }[];
  /** The edit form's path when the viewer may edit, else null. */
  editPath: string | null;
  saved: boolean;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={person.name}>
      <p class="breadcrumb">
        <a href={pathTo("directory", locale)}>{t("directory.title")}</a>
      </p>
      {saved && <Notice>{t("directory.manage.saved")}</Notice>}
      <h1>{person.name}</h1>
      {editPath && (
        <p>
          <a class="button button--secondary" href={editPath}>
            {t("directory.manage.edit")}
          </a>
        </p>
      )}
      <PersonCard ctx={ctx} person={person} />
      {person.organisationId && (
        <p>
          <a href={pathTo("organisation", locale, { id: person.organisationId })}>{t("directory.person.organisationLink")}</a>
        </p>
      )}
      {areaRoles.length > 0 && (
        <>
          <h2>{t("directory.manage.areaRoles")}</h2>
          <ul>
            {areaRoles.map((a) => (
              <li key={`${a.areaId}-${a.role}`}>
                <a href={pathTo("area", locale, { id: a.areaId })}>{a.areaName}</a> – {t(`directory.areaRoles.${a.role}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t("directory.person.roles")}</h2>
      {roles.length === 0 ? (
        <p>{t("directory.person.noRoles")}</p>
      ) : (
        <ul>
          {roles.map((r) => (
            <li key={`${r.project.id}-${r.role}`}>
              <ProjectLink ctx={ctx} project={r.project} /> – {t(`directory.projectRoles.${r.role}`)}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function AreaPage({
  ctx,
  area,
  contacts,
}: {
  ctx: PageContext;
  area: { id: string; name: string; maakunnat: string[] };
  contacts: AreaContact[];
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={area.name}>
      <h1>{area.name}</h1>
      <p>{t("directory.area.maakunnat", { list: area.maakunnat.join(", ") })}</p>
      <p>
        <a href={`${pathTo("projects", locale)}?area=${encodeURIComponent(area.id)}`}>{t("directory.area.projectsLink")}</a>
      </p>
      <AreaContacts ctx={ctx} contacts={contacts} areaNames={new Map([[area.id, area.name]])} linkAreas={false} />
    </Layout>
  );
}
