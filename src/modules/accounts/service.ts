import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import type { BackgroundTasks } from "../../web/background.ts";
import { translator } from "../../web/i18n.ts";
import type { Locale } from "../../web/locales.ts";
import { pathTo } from "../../web/paths.ts";
import { recordAudit } from "../audit/audit.ts";
import { enqueueMail } from "../mail/jobs.ts";
import type { Mail } from "../mail/mailer.ts";
import * as q from "./queries.ts";
import type { Role } from "./roles.ts";
import { users } from "./schema.ts";
import { hashPassword, hashToken, newToken, verifyPassword } from "./secrets.ts";

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;

export interface AccountDeps {
  db: Db;
  baseUrl: string;
  sessionTtlHours: number;
  /** Runs work after the response (see web/background.ts). */
  background: BackgroundTasks;
  now?: () => Date;
}

const clock = (deps: AccountDeps) => (deps.now ? deps.now() : new Date());

/**
 * Checks the password; on success opens a new session (a new token: no session fixation) and ends
 * the session the browser had before, if any. Returns the new token.
 */
export async function logIn(
  deps: AccountDeps,
  email: string,
  password: string,
  previousToken: string | null,
): Promise<{ token: string; userId: string } | null> {
  const user = await q.findUserByEmail(deps.db, email);
  const ok = await verifyPassword(user?.status === "active" ? user.passwordHash : null, password);
  if (!user || !ok) return null;
  const token = newToken();
  const now = clock(deps);
  await deps.db.transaction(async (tx) => {
    if (previousToken) await q.deleteSession(tx, hashToken(previousToken));
    await q.insertSession(tx, hashToken(token), user.id, new Date(now.getTime() + deps.sessionTtlHours * 3600 * 1000));
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
  });
  return { token, userId: user.id };
}

export async function logOut(deps: AccountDeps, token: string): Promise<void> {
  await q.deleteSession(deps.db, hashToken(token));
}

/**
 * Sends a reset link when an active account has this e-mail. Returns at once, before anything is
 * looked up or queued: the answer is the same, in the same time, whether or not an account exists.
 * The mail is a job of the queue (retried when SMTP fails), written with the reset link.
 */
export function requestPasswordReset(deps: AccountDeps, email: string, locale: Locale): void {
  deps.background.run(() => sendPasswordReset(deps, email, locale));
}

async function sendPasswordReset(deps: AccountDeps, email: string, locale: Locale): Promise<void> {
  const user = await q.findUserByEmail(deps.db, email);
  if (user?.status !== "active") return;
  const token = newToken();
  const now = clock(deps);
  const mailLocale = (["fi", "sv", "en"].includes(user.locale) ? user.locale : locale) as Locale;
  const t = translator(mailLocale);
  const mail: Mail = {
    to: user.email,
    locale: mailLocale,
    subject: t("mail.reset.subject"),
    text: t("mail.reset.body", {
      name: user.name,
      link: `${deps.baseUrl}${pathTo("resetPassword", mailLocale, { token })}`,
      minutes: RESET_TTL_MS / 60000,
    }),
  };
  await deps.db.transaction(async (tx) => {
    await q.insertPasswordReset(tx, hashToken(token), user.id, new Date(now.getTime() + RESET_TTL_MS));
    await recordAudit(tx, { actorUserId: null, action: "user.password-reset-requested", entity: "user", entityId: user.id });
    await enqueueMail(tx, mail, now);
  });
}

export async function isResetTokenOpen(deps: AccountDeps, token: string): Promise<boolean> {
  return (await q.findOpenPasswordReset(deps.db, hashToken(token), clock(deps))) !== null;
}

/** Sets the new password, closes every open reset link and ends every session of the user. */
export async function resetPassword(deps: AccountDeps, token: string, password: string): Promise<boolean> {
  const now = clock(deps);
  const passwordHash = await hashPassword(password);
  return deps.db.transaction(async (tx) => {
    // Claimed in one statement, so the same link cannot be used twice even at the same moment.
    const userId = await q.claimPasswordReset(tx, hashToken(token), now);
    if (!userId) return false;
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId));
    await q.closePasswordResets(tx, userId, now);
    await q.deleteSessionsOfUser(tx, userId);
    await recordAudit(tx, { actorUserId: userId, action: "user.password-reset", entity: "user", entityId: userId });
    return true;
  });
}

export interface Invitation {
  email: string;
  role: Role;
  areaId: string | null;
  locale: Locale;
}

export type InviteResult = { ok: true } | { ok: false; reason: "exists" };

/**
 * Invites a person. A new invitation to the same address replaces any open one (so "invite again"
 * resends). The mail is a job of the queue written in the same transaction as the invitation, so
 * there is never one without the other; a failed send is retried (decision 13) and, after the last
 * try, kept as a failed job for an administrator.
 */
export async function inviteUser(deps: AccountDeps, actorId: string, inv: Invitation): Promise<InviteResult> {
  const token = newToken();
  const now = clock(deps);
  const t = translator(inv.locale);
  const mail: Mail = {
    to: inv.email,
    locale: inv.locale,
    subject: t("mail.invitation.subject"),
    text: t("mail.invitation.body", {
      role: t(`roles.${inv.role}`),
      link: `${deps.baseUrl}${pathTo("invitation", inv.locale, { token })}`,
      days: INVITATION_TTL_MS / (24 * 3600 * 1000),
    }),
  };
  const created = await deps.db.transaction(async (tx) => {
    if (await q.findUserByEmail(tx, inv.email)) return false;
    const replaced = await q.expireOpenInvitationsTo(tx, inv.email, now);
    const { id } = await q.insertInvitation(tx, {
      tokenHash: hashToken(token),
      email: inv.email,
      role: inv.role,
      areaId: inv.areaId,
      locale: inv.locale,
      invitedBy: actorId,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    });
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "invitation.create",
      entity: "invitation",
      entityId: id,
      changes: { email: inv.email, role: inv.role, areaId: inv.areaId, ...(replaced.length ? { replaces: replaced } : {}) },
    });
    await enqueueMail(tx, mail, now);
    return true;
  });
  if (!created) return { ok: false, reason: "exists" };
  return { ok: true };
}

export async function listOpenInvitations(deps: AccountDeps) {
  return q.listOpenInvitations(deps.db, clock(deps));
}

/** Revokes an open invitation so that its link stops working. False if it was not open. */
export async function revokeInvitation(deps: AccountDeps, actorId: string, invitationId: string): Promise<boolean> {
  const now = clock(deps);
  return deps.db.transaction(async (tx) => {
    const email = await q.expireInvitation(tx, invitationId, now);
    if (!email) return false;
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "invitation.revoke",
      entity: "invitation",
      entityId: invitationId,
      changes: { email },
    });
    return true;
  });
}

export async function findOpenInvitation(deps: AccountDeps, token: string) {
  return q.findOpenInvitation(deps.db, hashToken(token), clock(deps));
}

export type AcceptResult = { ok: true; token: string } | { ok: false; reason: "invalid" | "exists" };

/** Creates the account of an open invitation and signs the new user in (ending any earlier session). */
export async function acceptInvitation(
  deps: AccountDeps,
  token: string,
  input: { name: string; password: string },
  previousSessionToken: string | null,
): Promise<AcceptResult> {
  const now = clock(deps);
  const passwordHash = await hashPassword(input.password);
  const sessionToken = newToken();
  try {
    return await deps.db.transaction(async (tx): Promise<AcceptResult> => {
      // Claimed in one statement: a second, concurrent acceptance finds it taken.
      const inv = await q.claimInvitation(tx, hashToken(token), now);
      if (!inv) return { ok: false, reason: "invalid" };
      if (await q.findUserByEmail(tx, inv.email)) {
        // Roll the claim back: the invitation stays open for an administrator to see.
        throw new AccountExists();
      }
      const [user] = await tx
        .insert(users)
        .values({ email: inv.email, name: input.name, passwordHash, role: inv.role, areaId: inv.areaId, locale: inv.locale })
        .returning({ id: users.id });
      if (!user) throw new Error("insert returned no row");
      await q.setInvitationUser(tx, inv.id, user.id);
      if (previousSessionToken) await q.deleteSession(tx, hashToken(previousSessionToken));
      await q.insertSession(tx, hashToken(sessionToken), user.id, new Date(now.getTime() + deps.sessionTtlHours * 3600 * 1000));
      await recordAudit(tx, {
        actorUserId: user.id,
        action: "user.create",
        entity: "user",
        entityId: user.id,
        changes: { email: inv.email, name: input.name, role: inv.role, areaId: inv.areaId, invitationId: inv.id },
      });
      return { ok: true, token: sessionToken };
    });
  } catch (err) {
    // A concurrent acceptance or sign-up with the same e-mail hits the unique index (23505).
    if (err instanceof AccountExists || isUniqueViolation(err)) return { ok: false, reason: "exists" };
    throw err;
  }
}

class AccountExists extends Error {}

export interface UserUpdate {
  role: Role;
  areaId: string | null;
  status: "active" | "disabled";
}

export type UpdateResult = { ok: true } | { ok: false; reason: "not-found" | "last-admin" };

/** Changes role, area and status; never leaves Sokra without an active administrator. */
export async function updateUser(deps: AccountDeps, actorId: string, userId: string, update: UserUpdate): Promise<UpdateResult> {
  const now = clock(deps);
  return deps.db.transaction(async (tx): Promise<UpdateResult> => {
    const before = await q.findUserById(tx, userId);
    if (!before) return { ok: false, reason: "not-found" };
    const losesAdmin = before.role === "admin" && before.status === "active" && (update.role !== "admin" || update.status !== "active");
    if (losesAdmin) {
      // Locks the administrators' rows, so two administrators cannot demote each other at once.
      const activeAdmins = await q.lockActiveAdmins(tx);
      if (activeAdmins.filter((id) => id !== userId).length === 0) return { ok: false, reason: "last-admin" };
    }
    await tx
      .update(users)
      .set({ ...update, updatedAt: now })
      .where(eq(users.id, userId));
    if (update.status === "disabled") await q.deleteSessionsOfUser(tx, userId);
    const changes: Record<string, unknown> = {};
    for (const key of ["role", "areaId", "status"] as const) {
      if (before[key] !== update[key]) changes[key] = { from: before[key], to: update[key] };
    }
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, { actorUserId: actorId, action: "user.update", entity: "user", entityId: userId, changes });
    }
    return { ok: true };
  });
}

/**
 * Demo mode: makes sure the demo administrator exists and gives it a fresh password, which the
 * caller prints on the console. Never used unless DEMO is on.
 */
export async function ensureDemoAdmin(db: Db, email: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const existing = await q.findUserByEmail(tx, email);
    if (existing) {
      await tx.update(users).set({ passwordHash, role: "admin", status: "active", updatedAt: new Date() }).where(eq(users.id, existing.id));
      await recordAudit(tx, { actorUserId: null, action: "user.demo-password", entity: "user", entityId: existing.id });
      return;
    }
    const [user] = await tx.insert(users).values({ email, name: "Demo Admin", passwordHash, role: "admin" }).returning({ id: users.id });
    if (user) {
      await recordAudit(tx, {
        actorUserId: null,
        action: "user.create",
        entity: "user",
        entityId: user.id,
        changes: { email, role: "admin", demo: true },
      });
    }
  });
}
