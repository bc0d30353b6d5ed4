import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "./modules/accounts/roles.ts";
import {
  ACTIONS,
  type Action,
  authorize,
  authorizeEvent,
  authorizeProject,
  can,
  keepsProjectAreas,
  mayAssignAreaRole,
  mayCreateProject,
  mayEditPerson,
  mayEditProject,
  mayLinkAccount,
  mayManageEvent,
  mayManageMembers,
  mayManageSurvey,
  mayReadSurveyRollup,
  maySeePerson,
  requiredProjectArea,
  seesAdministration,
  surveyRollupProjectArea,
  visibleVisibilities,
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
    "directory.ownData": [...ROLES],
    "directory.manage": ["admin", "national_coordinator", "area_coordinator"],
    "directory.import": ["admin", "national_coordinator"],
    "surveys.manage": ["admin", "national_coordinator", "area_coordinator", "project_member"],
    "surveys.rollup": ["admin", "national_coordinator", "area_coordinator", "ministry_viewer"],
    "surveys.dataset": ["researcher"],
    "surveys.instruments": ["admin"],
    "events.manage": ["admin", "national_coordinator", "area_coordinator"],
    "events.reach": ["admin", "national_coordinator", "area_coordinator"],
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
        // The survey of a project is run by exactly those who edit it.
        expect(mayManageSurvey(u, project)).toBe(edit);
        if (edit) expect(() => authorizeProject(u, mayEditProject, project)).not.toThrow();
        else expect(() => authorizeProject(u, mayEditProject, project)).toThrow(expect.objectContaining({ statusCode: 403 }));
      });
    }

    it("anonymous: 401", () => {
      expect(mayEditProject(null, inEast)).toBe(false);
      expect(mayManageSurvey(null, inEast)).toBe(false);
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

  describe("directory visibility × role", () => {
    const coordinators: Role[] = ["admin", "national_coordinator", "area_coordinator"];
    const seen = (
      visibility: "public" | "signed_in" | "coordinators",
      viewer: ReturnType<typeof user> | null,
      userId: string | null = null,
    ) => maySeePerson(viewer, { visibility, userId, erased: false });
    it("a public entry is seen by everyone, anonymous included", () => {
      expect(seen("public", null)).toBe(true);
      for (const role of ROLES) expect(seen("public", user(role))).toBe(true);
    });
    it("a signed-in entry is hidden from anonymous visitors only", () => {
      expect(seen("signed_in", null)).toBe(false);
      for (const role of ROLES) expect(seen("signed_in", user(role))).toBe(true);
    });
    for (const role of ROLES) {
      const allowed = coordinators.includes(role);
      it(`${role} ${allowed ? "sees" : "does not see"} a coordinators-only entry`, () => {
        expect(seen("coordinators", user(role))).toBe(allowed);
        expect(visibleVisibilities(user(role)).includes("coordinators")).toBe(allowed);
      });
    }
    it("anonymous sees only public entries", () => {
      expect(seen("coordinators", null)).toBe(false);
      expect(visibleVisibilities(null)).toEqual(["public"]);
    });
    it("a person always sees their own entry, whatever they chose", () => {
      for (const role of ROLES) expect(seen("coordinators", user(role), "u")).toBe(true);
      expect(seen("coordinators", user("researcher"), "someone-else")).toBe(false);
    });
    it("an erased entry is seen by nobody, not even an administrator", () => {
      expect(maySeePerson(user("admin"), { visibility: "public", userId: null, erased: true })).toBe(false);
      expect(maySeePerson(user("researcher"), { visibility: "public", userId: "u", erased: true })).toBe(false);
    });
  });
});

describe("editing the directory by hand", () => {
  const as = (role: Role, areaId: string | null = null) => ({ id: "u", email: "u@x.fi", name: "U", role, areaId });
  it("administrators edit every entry, coordinators only entries without an account, nobody an erased one", () => {
    for (const role of ROLES) {
      const manager = ["admin", "national_coordinator", "area_coordinator"].includes(role);
      expect(mayEditPerson(as(role), { userId: null, erased: false })).toBe(manager);
      expect(mayEditPerson(as(role), { userId: "x", erased: false })).toBe(role === "admin");
      expect(mayEditPerson(as(role), { userId: null, erased: true })).toBe(false);
    }
    expect(mayEditPerson(null, { userId: null, erased: false })).toBe(false);
  });
  it("only administrators link an entry to an account", () => {
    for (const role of ROLES) expect(mayLinkAccount(as(role))).toBe(role === "admin");
    expect(mayLinkAccount(null)).toBe(false);
  });
  it("an area coordinator names area coordinators and researchers only in their own area", () => {
    expect(mayAssignAreaRole(as("area_coordinator", "east"), "east")).toBe(true);
    expect(mayAssignAreaRole(as("area_coordinator", "east"), "north")).toBe(false);
    expect(mayAssignAreaRole(as("national_coordinator"), "north")).toBe(true);
    expect(mayAssignAreaRole(as("admin"), "north")).toBe(true);
    expect(mayAssignAreaRole(as("project_member"), "north")).toBe(false);
    expect(mayAssignAreaRole(null, "north")).toBe(false);
  });
});

describe("events", () => {
  const as = (role: Role, areaId: string | null = null) => ({ id: "u", email: "u@x.fi", name: "U", role, areaId });
  const east = { areaIds: ["east"] };
  const eastAndNorth = { areaIds: ["east", "north"] };
  const national = { areaIds: [] };
  it("admins and national coordinators manage every event", () => {
    for (const role of ["admin", "national_coordinator"] as const) {
      for (const e of [east, eastAndNorth, national]) expect(mayManageEvent(as(role), e)).toBe(true);
    }
  });
  it("an area coordinator manages the events of their area only, not national ones", () => {
    expect(mayManageEvent(as("area_coordinator", "east"), east)).toBe(true);
    expect(mayManageEvent(as("area_coordinator", "east"), eastAndNorth)).toBe(true);
    expect(mayManageEvent(as("area_coordinator", "south"), east)).toBe(false);
    expect(mayManageEvent(as("area_coordinator", "east"), national)).toBe(false);
    expect(mayManageEvent(as("area_coordinator", null), east)).toBe(false);
  });
  it("no other role manages any event; anonymous gets 401, others 403", () => {
    for (const role of ["project_member", "ministry_viewer", "researcher"] as const) {
      expect(mayManageEvent(as(role, "east"), east)).toBe(false);
      expect(() => authorizeEvent(as(role, "east"), east)).toThrow(expect.objectContaining({ statusCode: 403 }));
    }
    expect(mayManageEvent(null, east)).toBe(false);
    expect(() => authorizeEvent(null, east)).toThrow(expect.objectContaining({ statusCode: 401 }));
  });
});

describe("pooled survey results (decision 12)", () => {
  const as = (role: Role, areaId: string | null = null) => ({ id: "u", email: "u@x.fi", name: "U", role, areaId });
  const east = { kind: "area", id: "east" } as const;
  const north = { kind: "area", id: "north" } as const;
  const programme = { kind: "programme", id: "esf-2014-2020-tl5" } as const;
  const actionArea = { kind: "actionArea", id: "esf-2014-2020-tl5:youth" } as const;

  it("national coordinators, administrators and ministry viewers read every roll-up and every project row", () => {
    for (const role of ["admin", "national_coordinator", "ministry_viewer"] as const) {
      for (const g of [east, north, programme, actionArea]) expect(mayReadSurveyRollup(as(role), g), `${role} ${g.id}`).toBe(true);
      expect(surveyRollupProjectArea(as(role))).toBeNull();
    }
  });

  it("an area coordinator reads their own area and the national roll-ups, not another area", () => {
    const c = as("area_coordinator", "east");
    expect([east, north, programme, actionArea].map((g) => mayReadSurveyRollup(c, g))).toEqual([true, false, true, true]);
    expect(surveyRollupProjectArea(c)).toBe("east");
    const without = as("area_coordinator", null);
    expect([east, programme].map((g) => mayReadSurveyRollup(without, g))).toEqual([false, true]);
    expect(surveyRollupProjectArea(without)).toBe("");
  });

  it("project members, researchers and anonymous read none", () => {
    for (const u of [as("project_member"), as("researcher"), null])
      for (const g of [east, programme, actionArea]) expect(mayReadSurveyRollup(u, g)).toBe(false);
  });
});
