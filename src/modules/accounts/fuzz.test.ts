import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, TEST_PASSWORD, type TestApp } from "../../../tests/helpers/test-app.ts";
import { acceptInvitationInput, forgotPasswordInput, inviteUserInput, loginInput, resetPasswordInput, updateUserInput } from "./inputs.ts";
import { invitations, passwordResets } from "./schema.ts";
import { hashToken, newToken } from "./secrets.ts";

// Random input must never crash a schema or a form handler: only 2xx, 3xx or 4xx answers.

const anyValue = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.integer(),
  fc.constant(""),
  fc.constant(null),
  fc.array(fc.string()),
  fc.object(),
);
const anyBody = fc.dictionary(
  fc.constantFrom("email", "password", "passwordConfirm", "name", "role", "areaId", "locale", "status", "next", "x"),
  anyValue,
);

// Addresses of the ordinary shape people have (zod's check is stricter than RFC 5322, on purpose).
const plainEmail = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,20}[a-z0-9])?$/),
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
    fc.stringMatching(/^[a-z]{2,6}$/),
  )
  .filter(([local]) => !local.includes(".."))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

describe("input schemas under random input", () => {
  it.each([
    ["loginInput", loginInput],
    ["forgotPasswordInput", forgotPasswordInput],
    ["resetPasswordInput", resetPasswordInput],
    ["acceptInvitationInput", acceptInvitationInput],
    ["inviteUserInput", inviteUserInput],
    ["updateUserInput", updateUserInput],
  ])("%s never throws", (_name, schema) => {
    fc.assert(
      fc.property(fc.oneof(anyValue, anyBody), (input) => {
        const r = schema.safeParse(input);
        expect(typeof r.success).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });

  it("login e-mails are normalised to lower case and trimmed", () => {
    fc.assert(
      fc.property(plainEmail, (email) => {
        const r = loginInput.safeParse({ email: ` ${email.toUpperCase()} `, password: "x" });
        // Every plain address must parse, to the trimmed lower-case form.
        expect(r.success).toBe(true);
        if (r.success) expect(r.data.email).toBe(email.toLowerCase());
      }),
    );
  });
});

describe("form handlers under random input", () => {
  let t: TestApp;
  let admin: Agent;
  let anon: Agent;
  let targetId: string;
  let userEmail: string;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "100000" });
    targetId = (await createUser(t, "researcher")).id;
    userEmail = (await createUser(t, "project_member")).email;
    const a = await createUser(t, "admin");
    admin = await loginAgent(t, a.email);
    await admin.get("/fi/hallinta/kayttajat/kutsu");
    anon = new Agent(t.app);
    await anon.get("/fi/kirjaudu");
  });
  afterAll(async () => t?.close());

  const formBody = fc.dictionary(
    fc.constantFrom("email", "password", "passwordConfirm", "name", "role", "areaId", "locale", "status", "next", "_csrf"),
    fc.oneof(
      fc.string({ maxLength: 300 }),
      // Real values, so that random bodies also reach the success paths (login with `next`, saves).
      fc.constantFrom(TEST_PASSWORD, "researcher", "active", "disabled", "/fi/oma-tili", "/\t/evil.example", "fi"),
      fc.string({ unit: "binary", maxLength: 50 }),
      fc.constant("area_coordinator"),
      fc.constant("east"),
    ),
  );

  // Each run gets a fresh, real one-time token, so the handlers get past the token check.
  async function freshInvitation(): Promise<string> {
    const token = newToken();
    await t.database.db.insert(invitations).values({
      tokenHash: hashToken(token),
      email: `fuzz-${token.slice(0, 8).toLowerCase()}@example.fi`,
      role: "researcher",
      expiresAt: new Date(Date.now() + 3600_000),
    });
    return `/fi/kutsu/${token}`;
  }
  async function freshReset(): Promise<string> {
    const token = newToken();
    await t.database.db
      .insert(passwordResets)
      .values({ tokenHash: hashToken(token), userId: targetId, expiresAt: new Date(Date.now() + 3600_000) });
    return `/en/new-password/${token}`;
  }

  it.each([
    ["anon", async (): Promise<string> => "/fi/kirjaudu"],
    ["anon", async (): Promise<string> => "/sv/glomt-losenord"],
    ["anon", freshReset],
    ["anon", freshInvitation],
    ["admin", async (): Promise<string> => "/fi/hallinta/kayttajat/kutsu"],
    ["admin", async (): Promise<string> => `/fi/hallinta/kayttajat/${targetId}`],
  ] as const)("%s POST %s answers below 500", async (who, target) => {
    const agent = who === "admin" ? admin : anon;
    await fc.assert(
      fc.asyncProperty(formBody, fc.boolean(), async (body, realEmail) => {
        const { _csrf, ...rest } = body;
        if (realEmail) rest.email = userEmail;
        const url = await target();
        const res = await agent.post(url, rest, { csrf: _csrf === undefined });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
