import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "./modules/accounts/roles.ts";
import {
  ACTIONS,
  type Action,
  authorize,
  authorizeProject,
  can,
  keepsProjectAreas,
  mayCreateProject,
  mayEditProject,
  mayManageMembers,
  requiredProjectArea,
  seesAdministration,
} from "./policy.ts";
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
    "programmes.manage": ["admin"],
    "projects.create": ["admin", "national_coordinator", "area_coordinator"],
    "projects.edit": ["admin", "national_coordinator", "area_coordinator", "project_member"],
    "projects.members": ["admin", "national_coordinator", "area_coordinator"],
    "indicators.import": ["admin"],
    "indicators.versions": ["admin"],
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

  describe("project-level rules", () => {
    const inEast = { areaIds: ["east"], memberUserIds: ["member-1"] };
    const national = { areaIds: ["central-west", "east", "north", "south"], memberUserIds: [] };
    const as = (role: Role, over: { id?: string; areaId?: string | null } = {}) => ({ ...user(role), ...over });

    // Every role × (own area / other area / bound member / not bound) for editing and member binding.
    const cases: [string, ReturnType<typeof as>, typeof inEast, boolean, boolean][] = [
      ["admin", as("admin"), inEast, true, true],
      ["national coordinator", as("national_coordinator"), inEast, true, true],
      ["area coordinator of the area", as("area_coordinator", { areaId: "east" }), inEast, true, true],
      ["area coordinator of another area", as("area_coordinator", { areaId: "north" }), inEast, false, false],
      ["area coordinator without an area", as("area_coordinator", { areaId: null }), inEast, false, false],
      ["area coordinator and a national project", as("area_coordinator", { areaId: "north" }), national, true, true],
      ["bound project member", as("project_member", { id: "member-1" }), inEast, true, false],
      ["project member of another project", as("project_member", { id: "member-2" }), inEast, false, false],
      ["ministry viewer", as("ministry_viewer"), inEast, false, false],
      ["researcher", as("researcher"), inEast, false, false],
    ];
    for (const [name, u, project, edit, members] of cases) {
      it(`${name}: edit ${edit}, members ${members}`, () => {
        expect(mayEditProject(u, project)).toBe(edit);
        expect(mayManageMembers(u, project)).toBe(members);
        if (edit) expect(() => authorizeProject(u, mayEditProject, project)).not.toThrow();
        else expect(() => authorizeProject(u, mayEditProject, project)).toThrow(expect.objectContaining({ statusCode: 403 }));
      });
    }

    it("anonymous: 401", () => {
      expect(mayEditProject(null, inEast)).toBe(false);
      expect(() => authorizeProject(null, mayEditProject, inEast)).toThrow(expect.objectContaining({ statusCode: 401 }));
    });

    it("only a project member must keep the project's areas", () => {
      expect(ROLES.filter((r) => keepsProjectAreas(as(r)))).toEqual(["project_member"]);
    });

    it("an area coordinator without an area may not create projects", () => {
      expect(mayCreateProject(as("area_coordinator", { areaId: "east" }))).toBe(true);
      expect(mayCreateProject(as("area_coordinator", { areaId: null }))).toBe(false);
      expect(mayCreateProject(as("national_coordinator"))).toBe(true);
      expect(mayCreateProject(as("project_member"))).toBe(false);
      expect(mayCreateProject(null)).toBe(false);
    });

    it("only an area coordinator must keep the project in an area", () => {
      expect(requiredProjectArea(as("area_coordinator", { areaId: "east" }))).toBe("east");
      for (const role of ROLES.filter((r) => r !== "area_coordinator")) expect(requiredProjectArea(as(role))).toBeNull();
    });
  });
});
