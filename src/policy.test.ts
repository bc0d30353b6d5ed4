import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "./modules/accounts/roles.ts";
import { ACTIONS, type Action, authorize, can, seesAdministration } from "./policy.ts";
import { HttpError } from "./web/http-error.ts";

const user = (role: Role) => ({ id: "u", email: "u@x.fi", name: "U", role, areaId: null });

describe("policy", () => {
  const expected: Record<Action, Role[]> = {
    "account.read": [...ROLES],
    "users.list": ["admin"],
    "users.invite": ["admin"],
    "users.update": ["admin"],
    "outbox.read": ["admin"],
    "projects.import": ["admin", "national_coordinator"],
  };

  it("covers every action in this test", () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  for (const action of Object.keys(expected) as Action[]) {
    for (const role of ROLES) {
      const allowed = expected[action].includes(role);
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can(user(role), action)).toBe(allowed);
        if (allowed) expect(() => authorize(user(role), action)).not.toThrow();
        else expect(() => authorize(user(role), action)).toThrow(expect.objectContaining({ statusCode: 403 }));
      });
    }
    it(`anonymous may not ${action} (401)`, () => {
      expect(can(null, action)).toBe(false);
      try {
        authorize(null, action);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(HttpError);
        expect((e as HttpError).statusCode).toBe(401);
      }
    });
  }

  it("shows administration only to administrators", () => {
    expect(ROLES.filter((r) => seesAdministration(user(r)))).toEqual(["admin"]);
    expect(seesAdministration(null)).toBe(false);
  });
});
