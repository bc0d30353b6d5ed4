import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { acceptInvitationInput, forgotPasswordInput, inviteUserInput, loginInput, resetPasswordInput, updateUserInput } from "./inputs.ts";

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
      fc.property(fc.emailAddress(), (email) => {
        const r = loginInput.safeParse({ email: ` ${email.toUpperCase()} `, password: "x" });
        if (r.success) expect(r.data.email).toBe(r.data.email.toLowerCase());
      }),
    );
  });
});

describe("form handlers under random input", () => {
  let t: TestApp;
  let admin: Agent;
  let anon: Agent;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "100000" });
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
      fc.string({ unit: "binary", maxLength: 50 }),
      fc.constant("area_coordinator"),
      fc.constant("east"),
    ),
  );

  it.each([
    ["anon", "/fi/kirjaudu"],
    ["anon", "/sv/glomt-losenord"],
    ["anon", "/en/new-password/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["anon", "/fi/kutsu/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["admin", "/fi/hallinta/kayttajat/kutsu"],
    ["admin", "/fi/hallinta/kayttajat/00000000-0000-4000-8000-000000000000"],
  ])("%s POST %s answers below 500", async (who, url) => {
    const agent = who === "admin" ? admin : anon;
    await fc.assert(
      fc.asyncProperty(formBody, async (body) => {
        const { _csrf, ...rest } = body;
        const res = await agent.post(url, rest, { csrf: _csrf === undefined });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
