import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/client.ts";
import { findSessionUser } from "./queries.ts";
import { hashToken } from "./secrets.ts";

export const SESSION_COOKIE = "sokra_session";

/** Reads the session cookie and puts the signed-in user (or null) on the request. */
export async function loadSessionUser(req: FastifyRequest, db: Db, now: Date): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return;
  const user = await findSessionUser(db, hashToken(token), now);
  if (user) {
    req.user = user;
    req.sessionToken = token;
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, ttlHours: number, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: ttlHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });
}
