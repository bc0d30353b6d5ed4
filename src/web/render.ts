import type { FastifyReply } from "fastify";
import type { JSX } from "preact";
import { renderToString } from "preact-render-to-string";

/** Sends a server-rendered page. */
export function sendPage(reply: FastifyReply, page: JSX.Element, status = 200): FastifyReply {
  return reply
    .status(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(`<!doctype html>${renderToString(page)}`);
}

/** POST → 303 See Other → GET: the browser never re-submits a form on reload. */
export function redirectAfterPost(reply: FastifyReply, location: string): FastifyReply {
  return reply.redirect(location, 303);
}

/** A safe local path to return to after login; anything else becomes the fallback. */
export function safeLocalPath(next: unknown, fallback: string): string {
  if (typeof next !== "string" || next.length > 2000) return fallback;
  // Only printable ASCII: browsers drop tabs and newlines, which could turn "/\t/x" into "//x".
  if (!/^[\x21-\x7e]*$/.test(next)) return fallback;
  // Must stay within one of our language sections: /fi, /sv or /en (and never "//" or "/\\").
  if (!/^\/(fi|sv|en)(\/|\?|$)/.test(next) || next.includes("\\")) return fallback;
  const base = "http://sokra.invalid";
  try {
    if (new URL(next, base).origin !== base) return fallback;
  } catch {
    return fallback;
  }
  return next;
}
