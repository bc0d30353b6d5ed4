import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { SessionUser } from "../../web/context.ts";
import { invitations, passwordResets, sessions, users } from "./schema.ts";

const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  areaId: users.areaId,
};

export async function findUserByEmail(db: Executor, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  return row ?? null;
}

export async function findUserById(db: Executor, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function listUsers(db: Executor) {
  return db
    .select({ ...sessionUserColumns, status: users.status, lastLoginAt: users.lastLoginAt })
    .from(users)
    .orderBy(asc(users.name));
}

/** Names and e-mails of the given users (e.g. a project's members), by name. */
export async function findUsersByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ ...sessionUserColumns, status: users.status })
    .from(users)
    .where(inArray(users.id, [...ids]))
    .orderBy(asc(users.name));
}

export async function insertSession(db: Executor, tokenHash: string, userId: string, expiresAt: Date) {
  await db.insert(sessions).values({ tokenHash, userId, expiresAt });
}

/** The active user of a live session, or null. */
export async function findSessionUser(db: Executor, tokenHash: string, now: Date): Promise<SessionUser | null> {
  const [row] = await db
    .select(sessionUserColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.status, "active")))
    .limit(1);
  return row ?? null;
}

export async function deleteSession(db: Executor, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(db: Executor, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function insertInvitation(db: Executor, values: typeof invitations.$inferInsert): Promise<{ id: string }> {
  const [row] = await db.insert(invitations).values(values).returning({ id: invitations.id });
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Invitations that are neither used nor expired, newest first. */
export async function listOpenInvitations(db: Executor, now: Date) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      areaId: invitations.areaId,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(and(isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt));
}

/** Ends an open invitation now; returns its e-mail, or null if it was not open. */
export async function expireInvitation(db: Executor, id: string, now: Date): Promise<string | null> {
  const [row] = await db
    .update(invitations)
    .set({ expiresAt: now })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .returning({ email: invitations.email });
  return row?.email ?? null;
}

/** An invitation that is neither used nor expired. */
export async function findOpenInvitation(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/**
 * Claims an open invitation for acceptance: marks it accepted in one statement, so two concurrent
 * requests cannot both use it. Returns the invitation, or null if it was not open.
 */
export async function claimInvitation(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .update(invitations)
    .set({ acceptedAt: now })
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .returning();
  return row ?? null;
}

export async function setInvitationUser(db: Executor, id: string, userId: string) {
  await db.update(invitations).set({ acceptedUserId: userId }).where(eq(invitations.id, id));
}

/** Ends every open invitation to this e-mail (a new invitation replaces them). Returns their ids. */
export async function expireOpenInvitationsTo(db: Executor, email: string, now: Date): Promise<string[]> {
  const rows = await db
    .update(invitations)
    .set({ expiresAt: now })
    .where(and(eq(sql`lower(${invitations.email})`, email.toLowerCase()), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .returning({ id: invitations.id });
  return rows.map((r) => r.id);
}

export async function insertPasswordReset(db: Executor, tokenHash: string, userId: string, expiresAt: Date) {
  await db.insert(passwordResets).values({ tokenHash, userId, expiresAt });
}

/** Claims an open reset link (marks it used in one statement); returns the user id or null. */
export async function claimPasswordReset(db: Executor, tokenHash: string, now: Date): Promise<string | null> {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .returning({ userId: passwordResets.userId });
  return row?.userId ?? null;
}

/** Locks the active administrators' rows (FOR UPDATE) and returns their ids. */
export async function lockActiveAdmins(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.status, "active")))
    .for("update");
  return rows.map((r) => r.id);
}

/** Deletes what has expired: sessions now, one-time links and unused invitations after `keepDays`. */
export async function purgeExpired(db: Executor, now: Date, keepDays: number) {
  const cutoff = new Date(now.getTime() - keepDays * 24 * 3600 * 1000);
  const s = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ t: sessions.tokenHash });
  const r = await db.delete(passwordResets).where(lt(passwordResets.expiresAt, cutoff)).returning({ t: passwordResets.tokenHash });
  const i = await db
    .delete(invitations)
    .where(and(lt(invitations.expiresAt, cutoff), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return { sessions: s.length, passwordResets: r.length, invitations: i.length };
}

export async function findOpenPasswordReset(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/** Marks every open reset link of the user used: one reset closes all earlier links. */
export async function closePasswordResets(db: Executor, userId: string, now: Date) {
  await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}
