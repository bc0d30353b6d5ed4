import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { SessionUser } from "../../web/context.ts";
import { type AreaContact, contactsOfAreas, peopleOfProject } from "./queries.ts";

type People = Awaited<ReturnType<typeof peopleOfProject>>;

interface Cached {
  version: string;
  contactsByAreas: Map<string, Promise<AreaContact[]>>;
  projectsWithPeople?: Promise<Set<string>>;
}

const cache = new WeakMap<Executor, Cached>();

/** A promise kept until it fails: a failed load is tried again by the next request. */
function keep<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) {
    p = load();
    map.set(key, p);
    p.catch(() => map.delete(key));
  }
  return p;
}

/**
 * The people a project page shows: the coordinators of its areas and the project's own people, as
 * far as the viewer may see them. A project page is the registry's most read page, so for
 * anonymous visitors (who see only public entries) the area contacts and the set of projects that
 * have any people are kept per registry version — which every change to the directory raises
 * (migration 0014) — and a project without people needs no query at all. Signed-in viewers, who
 * may see more, are always read afresh.
 */
export async function projectPagePeople(
  db: Executor,
  viewer: SessionUser | null,
  registryVersion: string,
  areaIds: readonly string[],
  projectId: string,
): Promise<{ contacts: AreaContact[]; people: People }> {
  if (viewer) {
    const [contacts, people] = await Promise.all([contactsOfAreas(db, viewer, areaIds), peopleOfProject(db, viewer, projectId)]);
    return { contacts, people };
  }
  let entry = cache.get(db);
  if (entry?.version !== registryVersion) {
    entry = { version: registryVersion, contactsByAreas: new Map() };
    cache.set(db, entry);
  }
  const current = entry;
  const contacts = keep(current.contactsByAreas, [...areaIds].sort().join(","), () => contactsOfAreas(db, null, areaIds));
  if (!current.projectsWithPeople) {
    current.projectsWithPeople = db
      .execute(sql`select distinct project_id::text as id from person_project_roles`)
      .then((r) => new Set((r as unknown as { rows: { id: string }[] }).rows.map((row) => row.id)));
    current.projectsWithPeople.catch(() => {
      current.projectsWithPeople = undefined;
    });
  }
  const people = (await current.projectsWithPeople).has(projectId) ? peopleOfProject(db, null, projectId) : Promise.resolve([]);
  return { contacts: await contacts, people: await people };
}
