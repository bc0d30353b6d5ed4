import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { maySeePerson, visibleVisibilities } from "../../policy.ts";
import type { SessionUser } from "../../web/context.ts";
import type { Locale } from "../../web/locales.ts";
import { organisations } from "../organisations/schema.ts";
import { areas, municipalities } from "../regions/schema.ts";
import { type AreaRole, areaContacts, type ProjectRole, people, personProjectRoles, type Visibility } from "./schema.ts";

/** A person as every view shows them, after the visibility check. */
export interface PersonEntry {
  id: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  visibility: Visibility;
  organisationId: string | null;
  organisationName: string | null;
}

const NAME: Record<Locale, SQL> = { fi: sql.raw("name_fi"), sv: sql.raw("name_sv"), en: sql.raw("name_en") };

const personColumns = {
  id: people.id,
  name: people.name,
  title: people.title,
  email: people.email,
  phone: people.phone,
  visibility: people.visibility,
  userId: people.userId,
  erasedAt: people.erasedAt,
  organisationId: people.organisationId,
  organisationName: organisations.nameFi,
};
type PersonRow = { [K in keyof typeof personColumns]: unknown } & {
  id: string;
  name: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  visibility: Visibility;
  userId: string | null;
  erasedAt: Date | null;
  organisationId: string | null;
  organisationName: string | null;
};

/**
 * The rows a viewer may see, as entries: the one place where a person row becomes something a page,
 * an export or an API answer shows. SQL filters first (visibleToSql); this checks each row again.
 */
export function visibleEntries(viewer: SessionUser | null, rows: readonly PersonRow[]): PersonEntry[] {
  return rows
    .filter((r) => maySeePerson(viewer, { visibility: r.visibility, userId: r.userId, erased: r.erasedAt !== null }))
    .map((r) => ({
      id: r.id,
      name: r.name ?? "",
      title: r.title,
      email: r.email,
      phone: r.phone,
      visibility: r.visibility,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
    }));
}

/** The same rule as policy.maySeePerson, as a SQL condition on `people`. */
export function visibleToSql(viewer: SessionUser | null): SQL {
  const allowed = visibleVisibilities(viewer);
  const byChoice = sql`${people.visibility} in (${sql.join(
    allowed.map((v) => sql`${v}`),
    sql`, `,
  )})`;
  return viewer
    ? sql`(${people.erasedAt} is null and (${byChoice} or ${people.userId} = ${viewer.id}))`
    : sql`(${people.erasedAt} is null and ${byChoice})`;
}

const selectPeople = (db: Executor) =>
  db.select(personColumns).from(people).leftJoin(organisations, eq(organisations.id, people.organisationId));

export async function findPerson(db: Executor, viewer: SessionUser | null, id: string): Promise<PersonEntry | null> {
  const rows = (await selectPeople(db).where(and(eq(people.id, id), visibleToSql(viewer)))) as PersonRow[];
  return visibleEntries(viewer, rows)[0] ?? null;
}

/** A person's roles in projects (project ids), for their page. */
export async function rolesOfPerson(db: Executor, personId: string): Promise<{ projectId: string; role: ProjectRole }[]> {
  return db
    .select({ projectId: personProjectRoles.projectId, role: personProjectRoles.role })
    .from(personProjectRoles)
    .where(eq(personProjectRoles.personId, personId));
}

/** People of projects with their roles, visible to the viewer. */
export async function peopleOfProject(db: Executor, viewer: SessionUser | null, projectId: string) {
  const rows = await db
    .select({ ...personColumns, role: personProjectRoles.role })
    .from(personProjectRoles)
    .innerJoin(people, eq(people.id, personProjectRoles.personId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(and(eq(personProjectRoles.projectId, projectId), visibleToSql(viewer)))
    .orderBy(asc(personProjectRoles.role), asc(people.name));
  return rows.flatMap((r) => visibleEntries(viewer, [r as PersonRow]).map((e) => ({ ...e, role: r.role })));
}

export interface AreaContact extends PersonEntry {
  areaId: string;
  role: AreaRole;
}

/** The coordinators and researchers of the given areas whom the viewer may see, coordinators first. */
export async function contactsOfAreas(db: Executor, viewer: SessionUser | null, areaIds: readonly string[]): Promise<AreaContact[]> {
  if (areaIds.length === 0) return [];
  const rows = await db
    .select({ ...personColumns, areaId: areaContacts.areaId, role: areaContacts.role })
    .from(areaContacts)
    .innerJoin(people, eq(people.id, areaContacts.personId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(and(inArray(areaContacts.areaId, [...areaIds]), visibleToSql(viewer)))
    .orderBy(asc(areaContacts.areaId), asc(areaContacts.role), asc(people.name));
  return rows.flatMap((r) => visibleEntries(viewer, [r as PersonRow]).map((e) => ({ ...e, areaId: r.areaId, role: r.role })));
}

export async function findArea(db: Executor, id: string, locale: Locale) {
  const [row] = await db
    .select({
      id: areas.id,
      name: sql<string>`${NAME[locale]}`,
      structureId: areas.structureId,
      maakunnat: sql<
        string[]
      >`array(select m.${NAME[locale]} from area_maakunnat am join maakunnat m on m.code = am.maakunta_code where am.area_id = ${areas.id} order by 1)`,
    })
    .from(areas)
    .where(eq(areas.id, id))
    .limit(1);
  return row ?? null;
}

export async function peopleOfOrganisation(db: Executor, viewer: SessionUser | null, organisationId: string): Promise<PersonEntry[]> {
  const rows = (await selectPeople(db)
    .where(and(eq(people.organisationId, organisationId), visibleToSql(viewer)))
    .orderBy(asc(people.name))) as PersonRow[];
  return visibleEntries(viewer, rows);
}

/** Below this word similarity (0–1) a name does not match; 0.4 keeps typos and inflected forms. */
export const SIMILARITY_THRESHOLD = 0.4;
export const SEARCH_LIMIT = 50;

export interface DirectoryResults {
  organisations: {
    id: string;
    nameFi: string;
    nameSv: string | null;
    businessId: string | null;
    type: string;
    municipality: string | null;
  }[];
  people: PersonEntry[];
}

/**
 * Organisations (name in Finnish or Swedish, business ID, home municipality) and the people the
 * viewer may see (name, title, organisation, its municipality) that match `q` by trigram word
 * similarity — tolerant of typos and of Finnish inflection (Helsingissä finds Helsinki).
 */
export async function searchDirectory(db: Executor, viewer: SessionUser | null, q: string, locale: Locale): Promise<DirectoryResults> {
  const text = q.trim().toLowerCase();
  if (!text) return { organisations: [], people: [] };
  return db.transaction(async (tx) => {
    // The operator <% uses the trigram indexes; its threshold is set for this transaction only.
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(SIMILARITY_THRESHOLD)}, true)`);
    const municipality = sql`(select ${NAME[locale]} from municipalities where code = o.home_municipality_code)`;
    const orgs = await tx.execute(sql`
      select o.id, o.name_fi as "nameFi", o.name_sv as "nameSv", o.business_id as "businessId", o.type, ${municipality} as municipality
      from organisations o
      where ${text} <% o.name_fi or ${text} <% o.name_sv or o.business_id = ${text}
         or o.home_municipality_code in (select code from municipalities where ${text} <% name_fi or ${text} <% name_sv)
      order by greatest(word_similarity(${text}, o.name_fi), word_similarity(${text}, coalesce(o.name_sv, ''))) desc, o.name_fi
      limit ${SEARCH_LIMIT}`);
    const persons = (await selectPeople(tx)
      .where(
        and(
          visibleToSql(viewer),
          sql`(${text} <% ${people.name} or ${text} <% ${people.title} or ${text} <% ${organisations.nameFi}
            or ${organisations.homeMunicipalityCode} in (select code from ${municipalities} where ${text} <% name_fi or ${text} <% name_sv))`,
        ),
      )
      .orderBy(sql`word_similarity(${text}, ${people.name}) desc`, asc(people.name))
      .limit(SEARCH_LIMIT)) as PersonRow[];
    return {
      organisations: (orgs as unknown as { rows: DirectoryResults["organisations"] }).rows,
      people: visibleEntries(viewer, persons),
    };
  });
}

/** The directory entry linked to a user account (whatever its visibility), or null. */
export async function personOfUser(db: Executor, userId: string) {
  const [row] = await db
    .select({
      ...personColumns,
      consentOn: people.consentOn,
      organisationBusinessId: organisations.businessId,
      createdAt: people.createdAt,
      updatedAt: people.updatedAt,
    })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(and(eq(people.userId, userId), isNull(people.erasedAt)))
    .limit(1);
  return row ?? null;
}

/** Area roles of a person (for their own data). */
export async function areaRolesOfPerson(db: Executor, personId: string) {
  return db.select({ areaId: areaContacts.areaId, role: areaContacts.role }).from(areaContacts).where(eq(areaContacts.personId, personId));
}

/** A person with their area roles, for the directory API. */
export interface ListedPerson extends PersonEntry {
  areaRoles: { areaId: string; role: AreaRole }[];
}

/**
 * One page of the people the viewer may see (the API passes no viewer: public entries only),
 * optionally matching `q` (name, title or organisation, typo-tolerant), of one organisation or
 * with a role in one coordination area. Filtered in SQL and checked again per row.
 */
export async function listPeoplePage(
  db: Executor,
  viewer: SessionUser | null,
  filter: { q: string; organisationId: string | null; areaId: string | null },
  paging: { offset: number; limit: number },
): Promise<{ rows: ListedPerson[]; total: number }> {
  const conditions: SQL[] = [visibleToSql(viewer)];
  const text = filter.q.trim().toLowerCase();
  if (text)
    conditions.push(
      sql`(word_similarity(${text}, ${people.name}) >= ${SIMILARITY_THRESHOLD} or word_similarity(${text}, coalesce(${people.title}, '')) >= ${SIMILARITY_THRESHOLD}
        or word_similarity(${text}, coalesce(${organisations.nameFi}, '')) >= ${SIMILARITY_THRESHOLD})`,
    );
  if (filter.organisationId) conditions.push(eq(people.organisationId, filter.organisationId));
  if (filter.areaId) conditions.push(sql`${people.id} in (select person_id from area_contacts where area_id = ${filter.areaId})`);
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        ...personColumns,
        areaRoles: sql<
          { areaId: string; role: AreaRole }[]
        >`coalesce((select json_agg(json_build_object('areaId', a.area_id, 'role', a.role) order by a.area_id, a.role)
          from area_contacts a where a.person_id = ${people.id}), '[]'::json)`,
      })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .where(where)
      .orderBy(asc(people.name), asc(people.id))
      .offset(paging.offset)
      .limit(paging.limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .where(where),
  ]);
  const roles = new Map(rows.map((r) => [r.id, r.areaRoles]));
  return {
    rows: visibleEntries(viewer, rows as PersonRow[]).map((e) => ({ ...e, areaRoles: roles.get(e.id) ?? [] })),
    total: count?.n ?? 0,
  };
}
