import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import type { SessionUser } from "../../web/context.ts";
import { findUserById, lockActiveAdmins } from "../accounts/queries.ts";
import { invitations, passwordResets, sessions, users } from "../accounts/schema.ts";
import { auditEntriesOfActor, recordAudit } from "../audit/audit.ts";
import { eventAnswers, eventRegistrations } from "../events/schema.ts";
import { organisationIdByBusinessId } from "../organisations/queries.ts";
import { projectsOfMember } from "../projects/members.ts";
import { projectListingsByIds } from "../projects/queries.ts";
import { projectMembers } from "../projects/schema.ts";
import type { OwnEntryInput } from "./inputs.ts";
import { areaRolesOfPerson, personOfUser, rolesOfPerson } from "./queries.ts";
import { type AreaRole, areaContacts, type ProjectRole, people, personProjectRoles, type Visibility } from "./schema.ts";

export type EntryResult =
  | { ok: true; personId: string; changed: boolean }
  | { ok: false; errors: Partial<Record<keyof OwnEntryInput, string>> };

/**
 * Creates or corrects the signed-in person's own directory entry, linked to their account. A new
 * visibility choice (or the first one) records today as the day of consent. One transaction, audited.
 */
export async function saveOwnEntry(db: Db, user: SessionUser, input: OwnEntryInput, today: string): Promise<EntryResult> {
  return db.transaction(async (tx): Promise<EntryResult> => {
    const organisationId = input.organisationBusinessId ? await organisationIdByBusinessId(tx, input.organisationBusinessId) : null;
    if (input.organisationBusinessId && !organisationId)
      return { ok: false, errors: { organisationBusinessId: "errors.unknownBusinessId" } };
    const [before] = await tx
      .select()
      .from(people)
      .where(and(eq(people.userId, user.id), isNull(people.erasedAt)))
      .for("update");
    const values = {
      name: input.name,
      title: input.title,
      organisationId,
      email: input.email,
      phone: input.phone,
      visibility: input.visibility,
    };
    if (!before) {
      const [row] = await tx
        .insert(people)
        .values({ ...values, userId: user.id, consentOn: today })
        .returning({ id: people.id });
      if (!row) throw new Error("insert returned no row");
      await recordAudit(tx, { actorUserId: user.id, action: "person.create", entity: "person", entityId: row.id, changes: values });
      return { ok: true, personId: row.id, changed: true };
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(values)) {
      const old = (before as Record<string, unknown>)[key];
      if (old !== value) changes[key] = { from: old, to: value };
    }
    if (Object.keys(changes).length === 0) return { ok: true, personId: before.id, changed: false };
    await tx
      .update(people)
      .set({ ...values, updatedAt: new Date(), ...(changes.visibility ? { consentOn: today } : {}) })
      .where(eq(people.id, before.id));
    await recordAudit(tx, { actorUserId: user.id, action: "person.update", entity: "person", entityId: before.id, changes });
    return { ok: true, personId: before.id, changed: true };
  });
}

export type EraseResult = { ok: true; personErased: boolean } | { ok: false; reason: "lastAdmin" | "gone" };

/**
 * Erases what Sokra holds about the signed-in user and closes their account, in one transaction
 * (docs/decisions/0011, "Erasure"):
 * - the directory entry: contact details go; the row is anonymised where records of others (project
 *   roles, area contacts) still refer to it, otherwise deleted;
 * - event registrations made by the account or with its e-mail: name, e-mail, organisation, project
 *   code and answer are anonymised, the rows stay (organisers' counts and attendance need them);
 * - invitations to the e-mail: the address is anonymised;
 * - project memberships, password resets and sessions are deleted;
 * - the account itself stays (authored records and the audit log refer to it) but without name,
 *   e-mail or password, disabled: nobody can sign in to it again.
 * The last active administrator cannot erase themselves (Sokra would have no administrator).
 * Only one's own data: the user comes from the session, never from a parameter. Audited without
 * what was erased.
 */
export async function eraseOwnData(db: Db, user: SessionUser): Promise<EraseResult> {
  return db.transaction(async (tx): Promise<EraseResult> => {
    const [account] = await tx.select().from(users).where(eq(users.id, user.id)).for("update");
    if (account?.status !== "active") return { ok: false, reason: "gone" };
    if (account.role === "admin") {
      const admins = await lockActiveAdmins(tx);
      if (admins.length <= 1 && admins.includes(user.id)) return { ok: false, reason: "lastAdmin" };
    }
    const [person] = await tx
      .select()
      .from(people)
      .where(and(eq(people.userId, user.id), isNull(people.erasedAt)))
      .for("update");
    let kept: "anonymised" | "deleted" | null = null;
    if (person) {
      const referred =
        (await tx.select().from(personProjectRoles).where(eq(personProjectRoles.personId, person.id)).limit(1)).length > 0 ||
        (await tx.select().from(areaContacts).where(eq(areaContacts.personId, person.id)).limit(1)).length > 0;
      if (referred) {
        await tx
          .update(people)
          .set({
            name: null,
            title: null,
            email: null,
            phone: null,
            organisationId: null,
            userId: null,
            erasedAt: new Date(),
            updatedAt: new Date(),
          })
          .where(eq(people.id, person.id));
      } else {
        await tx.delete(people).where(eq(people.id, person.id));
      }
      kept = referred ? "anonymised" : "deleted";
      // The audit entry says that and how the entry was erased, never what it held.
      await recordAudit(tx, { actorUserId: user.id, action: "person.erase", entity: "person", entityId: person.id, changes: { kept } });
    }
    const email = account.email.toLowerCase();
    const registrations = await tx
      .update(eventRegistrations)
      .set({
        name: "",
        email: sql`'erased-' || ${eventRegistrations.id}::text`,
        organisation: "",
        projectCode: null,
        userId: null,
      })
      .where(or(eq(eventRegistrations.userId, user.id), eq(eventRegistrations.email, email)))
      .returning({ id: eventRegistrations.id });
    // Answers to registration questions can reveal health information: they go, the seat stays.
    if (registrations.length > 0) {
      await tx.delete(eventAnswers).where(
        inArray(
          eventAnswers.registrationId,
          registrations.map((r) => r.id),
        ),
      );
    }
    await tx
      .update(invitations)
      .set({ email: sql`'erased-' || ${invitations.id}::text` })
      .where(or(eq(sql`lower(${invitations.email})`, email), eq(invitations.acceptedUserId, user.id)));
    await tx.delete(projectMembers).where(eq(projectMembers.userId, user.id));
    await tx.delete(passwordResets).where(eq(passwordResets.userId, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await tx
      .update(users)
      .set({
        name: "",
        email: `erased-${user.id}@erased.invalid`,
        passwordHash: null,
        status: "disabled",
        areaId: null,
        lastLoginAt: null,
        updatedAt: new Date(),
      })
      .where(eq(users.id, user.id));
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "user.erase",
      entity: "user",
      entityId: user.id,
      changes: { closed: true, directoryEntry: kept ?? "none", registrationsAnonymised: registrations.length },
    });
    return { ok: true, personErased: person !== undefined };
  });
}

/** Everything Sokra holds about a user, for the own-data page and its JSON download. */
export async function ownData(db: Executor, userId: string) {
  const account = await findUserById(db, userId);
  if (!account) return null;
  const person = await personOfUser(db, userId);
  const [roles, areaRoles, memberships, auditEntries] = await Promise.all([
    person ? rolesOfPerson(db, person.id) : Promise.resolve([]),
    person ? areaRolesOfPerson(db, person.id) : Promise.resolve([]),
    projectsOfMember(db, userId),
    auditEntriesOfActor(db, userId),
  ]);
  const roleProjects = await projectListingsByIds(db, [...new Set(roles.map((r) => r.projectId))]);
  const codeOf = new Map(roleProjects.map((p) => [p.id, { code: p.code, name: p.nameFi }]));
  return {
    account: {
      name: account.name,
      email: account.email,
      role: account.role,
      areaId: account.areaId,
      locale: account.locale,
      status: account.status,
      createdAt: account.createdAt,
      lastLoginAt: account.lastLoginAt,
    },
    directoryEntry: person
      ? {
          name: person.name,
          title: person.title,
          organisation: person.organisationName,
          organisationBusinessId: person.organisationBusinessId,
          email: person.email,
          phone: person.phone,
          visibility: person.visibility,
          consentOn: person.consentOn,
          createdAt: person.createdAt,
          updatedAt: person.updatedAt,
        }
      : null,
    projectRoles: roles.map((r) => ({ role: r.role, project: codeOf.get(r.projectId) ?? null })),
    areaRoles,
    projectMemberships: memberships.map((m) => ({ code: m.code, name: m.nameFi, status: m.status })),
    auditEntriesAsActor: auditEntries,
  };
}
export type OwnData = NonNullable<Awaited<ReturnType<typeof ownData>>>;

/** A person written by an import or the demo data (no user link). */
export interface NewPerson {
  name: string;
  title: string | null;
  organisationId: string | null;
  email: string | null;
  phone: string | null;
  visibility: Visibility;
  consentOn: string;
}

/** Inserts a person with their area and project roles, audited; runs inside the caller's transaction. */
export async function insertPerson(
  tx: Executor,
  actorId: string | null,
  person: NewPerson,
  links: { area?: { areaId: string; role: AreaRole }; project?: { projectId: string; role: ProjectRole } } = {},
): Promise<string> {
  const [row] = await tx.insert(people).values(person).returning({ id: people.id });
  if (!row) throw new Error("insert returned no row");
  if (links.area) await tx.insert(areaContacts).values({ personId: row.id, ...links.area });
  if (links.project) await tx.insert(personProjectRoles).values({ personId: row.id, ...links.project });
  await recordAudit(tx, {
    actorUserId: actorId,
    action: "person.create",
    entity: "person",
    entityId: row.id,
    changes: { ...person, ...links },
  });
  return row.id;
}
