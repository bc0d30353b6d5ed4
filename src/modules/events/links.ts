import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The registrant's personal link: `<registration id>.<HMAC>` signed with the server secret. Nothing
 * secret is stored, so the reminder mail can carry the link again; a changed character makes it invalid.
 */
export function registrationToken(registrationId: string, secret: string): string {
  return `${registrationId}.${sign(registrationId, secret)}`;
}

/** The registration id of a valid token, or null for a tampered or malformed one. */
export function verifyRegistrationToken(token: string, secret: string): string | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m?.[1] || !m[2]) return null;
  const expected = Buffer.from(sign(m[1], secret));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? m[1] : null;
}

function sign(id: string, secret: string): string {
  return createHmac("sha256", secret).update(`event-registration:${id}`).digest("base64url");
}
