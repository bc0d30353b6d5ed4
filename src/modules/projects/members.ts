import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import type { ProjectScope } from "../../policy.ts";
import { findUserByEmail, findUsersByIds } from "../accounts/queries.ts";
import { recordAudit } from "../audit/audit.ts";
import { projectAreas, projectMembers, projects } from "./schema.ts";

/** What the policy needs about a project: its derived areas and its members. */
export async function projectScope(db: Executor, projectId: string): Promise<ProjectScope> {
  const [areaRows, memberRows] = await Promise.all([
    db.select({ areaId: projectAreas.areaId }).from(projectAreas).where(eq(projectAreas.projectId, projectId)),
    db.select({ userId: projectMembers.userId }).from(projectMembers).where(eq(projectMembers.projectId, projectId)),
  ]);
  return { areaIds: areaRows.map((r) => r.areaId), memberUserIds: memberRows.map((r) => r.userId) };
}

/** The users bound to a project, by name. */
export async function listMembers(db: Executor, projectId: string) {
  const rows = await db.select({ userId: projectMembers.userId }).from(projectMembers).where(eq(projectMembers.projectId, projectId));
  return findUsersByIds(
    db,
    rows.map((r) => r.userId),
  );
}

/** Projects a user is bound to, for their own account page. */
export async function projectsOfMember(db: Executor, userId: string) {
  return db
    .select({ code: projects.code, nameFi: projects.nameFi, nameSv: projects.nameSv, nameEn: projects.nameEn, status: projects.status })
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(eq(projectMembers.userId, userId))
    .orderBy(asc(projects.nameFi));
}

export type MemberResult = { ok: true; userId: string; name: string } | { ok: false; error: string };

/**
 * Binds an existing, active project-member account to a project. Coordinators bind; the person
 * must first have an account (an administrator invites them with the project member role). No
 * account, a closed one and one with another role get the same answer, so the form tells a
 * coordinator only what binding needs: whether the address is an active project member's.
 */
export async function addMember(db: Db, actorId: string, projectId: string, email: string): Promise<MemberResult> {
  return db.transaction(async (tx): Promise<MemberResult> => {
    const user = await findUserByEmail(tx, email);
    if (user?.status !== "active" || user.role !== "project_member") return { ok: false, error: "errors.memberNoAccount" };
    const inserted = await tx
      .insert(projectMembers)
      .values({ projectId, userId: user.id })
      .onConflictDoNothing()
      .returning({ userId: projectMembers.userId });
    if (inserted.length === 0) return { ok: false, error: "errors.memberAlready" };
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "project.member.add",
      entity: "project",
      entityId: projectId,
      changes: { userId: user.id },
    });
    return { ok: true, userId: user.id, name: user.name };
  });
}

/** Unbinds a member; returns false when they were not bound. */
export async function removeMember(db: Db, actorId: string, projectId: string, userId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), inArray(projectMembers.userId, [userId])))
      .returning({ userId: projectMembers.userId });
    if (removed.length === 0) return false;
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "project.member.remove",
      entity: "project",
      entityId: projectId,
      changes: { userId },
    });
    return true;
  });
}
