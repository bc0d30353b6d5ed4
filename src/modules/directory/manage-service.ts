/**
 * Hand-editing of the directory by coordinators and administrators (docs/decisions/0011, "Who
 * edits the directory"): organisations and people with their roles. Every save is one
 * transaction with one audit entry; a business ID taken by a concurrent save is a field error.
 */
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { mayAssignAreaRole, mayLinkAccount } from "../../policy.ts";
import type { SessionUser } from "../../web/context.ts";
import { users } from "../accounts/schema.ts";
import { recordAudit } from "../audit/audit.ts";
import { organisations } from "../organisations/schema.ts";
import { projects } from "../projects/schema.ts";
import { areas, municipalities } from "../regions/schema.ts";
import type { OrganisationFormInput, PersonFormInput } from "./manage-inputs.ts";
import { areaContacts, people, personProjectRoles } from "./schema.ts";

export type ManageResult = { ok: true; id: string } | { ok: false; errors: Record<string, string>; status?: number };

const changesOf = (before: Record<string, unknown> | null, after: Record<string, unknown>) => {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(after)) {
    const old = before ? before[k] : null;
    if (JSON.stringify(old ?? null) !== JSON.stringify(v ?? null)) out[k] = { from: old ?? null, to: v ?? null };
  }
  return out;
};

/** Creates (id null) or updates an organisation. */
export async function saveOrganisation(db: Db, actor: SessionUser, id: string | null, input: OrganisationFormInput): Promise<ManageResult> {
  try {
    return await db.transaction(async (tx): Promise<ManageResult> => {
      if (input.homeMunicipalityCode) {
        const [m] = await tx
          .select({ code: municipalities.code })
          .from(municipalities)
          .where(eq(municipalities.code, input.homeMunicipalityCode));
        if (!m) return { ok: false, errors: { homeMunicipalityCode: "errors.unknownMunicipality" } };
      }
      if (input.businessId) {
        const [taken] = await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(
            id
              ? and(eq(organisations.businessId, input.businessId), ne(organisations.id, id))
              : eq(organisations.businessId, input.businessId),
          );
        if (taken) return { ok: false, errors: { businessId: "errors.businessIdTaken" } };
      }
      const values = { ...input };
      if (!id) {
        const [row] = await tx.insert(organisations).values(values).returning({ id: organisations.id });
        if (!row) throw new Error("insert returned no row");
        await recordAudit(tx, {
          actorUserId: actor.id,
          action: "organisation.create",
          entity: "organisation",
          entityId: row.id,
          changes: values,
        });
        return { ok: true, id: row.id };
      }
      const [before] = await tx.select().from(organisations).where(eq(organisations.id, id)).for("update");
      if (!before) return { ok: false, errors: {}, status: 404 };
      const changes = changesOf(before as unknown as Record<string, unknown>, values);
      if (Object.keys(changes).length > 0) {
        await tx
          .update(organisations)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(organisations.id, id));
        await recordAudit(tx, { actorUserId: actor.id, action: "organisation.update", entity: "organisation", entityId: id, changes });
      }
      return { ok: true, id };
    });
  } catch (err) {
    // A concurrent save took the business ID between our check and our write.
    if (isUniqueViolation(err, "organisations_business_id_idx")) return { ok: false, errors: { businessId: "errors.businessIdTaken" } };
    throw err;
  }
}

/** A person as the edit form shows them (whatever their visibility: the editor is a coordinator). */
export async function personForEditing(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: people.id,
      name: people.name,
      title: people.title,
      organisationId: people.organisationId,
      organisationBusinessId: organisations.businessId,
      email: people.email,
      phone: people.phone,
      visibility: people.visibility,
      consentOn: people.consentOn,
      userId: people.userId,
      accountEmail: users.email,
      erasedAt: people.erasedAt,
    })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .leftJoin(users, eq(users.id, people.userId))
    .where(eq(people.id, id))
    .limit(1);
  if (!row) return null;
  const [projectRoles, areaRoles] = await Promise.all([
    db
      .select({ code: projects.code, role: personProjectRoles.role })
      .from(personProjectRoles)
      .innerJoin(projects, eq(projects.id, personProjectRoles.projectId))
      .where(eq(personProjectRoles.personId, id))
      .orderBy(projects.code, personProjectRoles.role),
    db.select({ areaId: areaContacts.areaId, role: areaContacts.role }).from(areaContacts).where(eq(areaContacts.personId, id)),
  ]);
  return { ...row, projectRoles, areaRoles };
}
export type PersonForEditing = NonNullable<Awaited<ReturnType<typeof personForEditing>>>;

/**
 * Creates (id null) or updates a person with their project and area roles (replacing those the
 * editor may touch). The caller has checked `mayEditPerson`; here: the organisation, projects,
 * areas and the account must exist, an area coordinator keeps other areas' roles as they were,
 * and only an administrator changes the account link.
 */
export async function savePerson(db: Db, actor: SessionUser, id: string | null, input: PersonFormInput): Promise<ManageResult> {
  try {
    return await db.transaction(async (tx): Promise<ManageResult> => {
      const errors: Record<string, string> = {};
      let organisationId: string | null = null;
      if (input.organisationBusinessId) {
        const [org] = await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(eq(organisations.businessId, input.organisationBusinessId));
        if (org) organisationId = org.id;
        else errors.organisationBusinessId = "errors.unknownBusinessId";
      }
      const codes = [...new Set(input.projectRoles.map((r) => r.code))];
      const found = codes.length
        ? await tx.select({ id: projects.id, code: projects.code }).from(projects).where(inArray(projects.code, codes))
        : [];
      const projectIdOf = new Map(found.map((p) => [p.code, p.id]));
      for (const r of input.projectRoles) if (!projectIdOf.has(r.code)) errors[`projectCode_${r.row}`] = "errors.unknownProject";
      const areaIds = [...new Set(input.areaRoles.map((a) => a.areaId))];
      const knownAreas = areaIds.length ? await tx.select({ id: areas.id }).from(areas).where(inArray(areas.id, areaIds)) : [];
      if (knownAreas.length !== areaIds.length) errors.areaRoles = "errors.unknownChoice";
      else if (input.areaRoles.some((a) => !mayAssignAreaRole(actor, a.areaId))) errors.areaRoles = "errors.outsideYourArea";

      const before = id ? await personForEditing(tx, id) : null;
      if (id && !before) return { ok: false, errors: {}, status: 404 };
      let userId: string | null = before?.userId ?? null;
      // Only an administrator changes the link; anyone else's form has no such field, and a forged one is ignored.
      const accountChanged = mayLinkAccount(actor) && (input.accountEmail ?? null) !== (before?.accountEmail ?? null);
      if (accountChanged) {
        if (input.accountEmail) {
          const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.accountEmail));
          if (!u) errors.accountEmail = "errors.accountNotFound";
          else {
            const [other] = await tx
              .select({ id: people.id })
              .from(people)
              .where(id ? and(eq(people.userId, u.id), ne(people.id, id)) : eq(people.userId, u.id));
            if (other) errors.accountEmail = "errors.accountLinked";
            else userId = u.id;
          }
        } else userId = null;
      }
      if (Object.keys(errors).length > 0) return { ok: false, errors };

      const values = {
        name: input.name,
        title: input.title,
        organisationId,
        email: input.email,
        phone: input.phone,
        visibility: input.visibility,
        consentOn: input.consentOn,
        userId,
      };
      let personId: string;
      if (!before) {
        const [row] = await tx.insert(people).values(values).returning({ id: people.id });
        if (!row) throw new Error("insert returned no row");
        personId = row.id;
      } else {
        personId = before.id;
        await tx
          .update(people)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(people.id, personId));
      }
      // Project roles are replaced; area roles only in the areas the editor may assign.
      const newProjectRoles = [...new Map(input.projectRoles.map((r) => [`${r.code}:${r.role}`, r])).values()].map((r) => ({
        personId,
        projectId: projectIdOf.get(r.code) as string,
        role: r.role,
      }));
      await tx.delete(personProjectRoles).where(eq(personProjectRoles.personId, personId));
      if (newProjectRoles.length) await tx.insert(personProjectRoles).values(newProjectRoles);
      const keptAreaRoles = (before?.areaRoles ?? []).filter((a) => !mayAssignAreaRole(actor, a.areaId));
      const newAreaRoles = [
        ...new Map([...keptAreaRoles, ...input.areaRoles].map((a) => [`${a.areaId}:${a.role}`, { personId, ...a }])).values(),
      ];
      await tx.delete(areaContacts).where(eq(areaContacts.personId, personId));
      if (newAreaRoles.length) await tx.insert(areaContacts).values(newAreaRoles);

      const after = {
        ...values,
        projectRoles: input.projectRoles.map((r) => `${r.code}:${r.role}`).sort(),
        areaRoles: newAreaRoles.map((a) => `${a.areaId}:${a.role}`).sort(),
      };
      const old = before
        ? {
            name: before.name,
            title: before.title,
            organisationId: before.organisationId,
            email: before.email,
            phone: before.phone,
            visibility: before.visibility,
            consentOn: before.consentOn,
            userId: before.userId,
            projectRoles: before.projectRoles.map((r) => `${r.code}:${r.role}`).sort(),
            areaRoles: before.areaRoles.map((a) => `${a.areaId}:${a.role}`).sort(),
          }
        : null;
      const changes = changesOf(old, after);
      if (!before || Object.keys(changes).length > 0)
        await recordAudit(tx, {
          actorUserId: actor.id,
          action: before ? "person.update" : "person.create",
          entity: "person",
          entityId: personId,
          changes: before ? changes : after,
        });
      return { ok: true, id: personId };
    });
  } catch (err) {
    // A concurrent save linked the same account between our check and our write.
    if (isUniqueViolation(err, "people_user_idx")) return { ok: false, errors: { accountEmail: "errors.accountLinked" } };
    throw err;
  }
}
