import { describe, expect, it } from "vitest";
import {
  organisationFormInput,
  personFormField,
  personFormInput,
  personFormRaw,
  projectRoleRowCount,
  projectRoleValues,
} from "./manage-inputs.ts";

describe("the hand-editing forms", () => {
  it("reads project-role rows, skipping empty ones, and maps errors back to their row", () => {
    const raw = personFormRaw({
      name: "Maija",
      visibility: "public",
      consentOn: "2026-01-01",
      projectCode_0: "s20001",
      projectRole_0: "worker",
      projectCode_1: "",
      projectRole_1: "",
      projectCode_3: "bad code!",
      projectRole_3: "worker",
      areaRoles: ["east:coordinator", "east:coordinator", "north:researcher"],
    });
    expect(raw.projectRoles).toEqual([
      { row: 0, code: "s20001", role: "worker" },
      { row: 3, code: "bad code!", role: "worker" },
    ]);
    expect(raw.areaRoles).toEqual(["east:coordinator", "north:researcher"]);
    const parsed = personFormInput.safeParse(raw);
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(personFormField(issue?.path ?? [], raw)).toBe("projectCode_3");
    const ok = personFormInput.parse({ ...raw, projectRoles: [{ row: 0, code: "s20001", role: "worker" }] });
    expect(ok.projectRoles[0]?.code).toBe("S20001");
    expect(ok.areaRoles).toEqual([
      { areaId: "east", role: "coordinator" },
      { areaId: "north", role: "researcher" },
    ]);
  });

  it("phones in Finnish and international formats; visibility and consent day required", () => {
    const base = { name: "Maija", visibility: "coordinators", consentOn: "2026-01-01", projectRoles: [], areaRoles: [] };
    expect(personFormInput.parse({ ...base, phone: "040 123 4567" }).phone).toBe("+358401234567");
    expect(personFormInput.parse({ ...base, phone: "+46 8 123 456 78" }).phone).toBe("+46812345678");
    expect(personFormInput.parse({ ...base, phone: "00358 9 1234 567" }).phone).toBe("+35891234567");
    expect(personFormInput.safeParse({ ...base, phone: "12" }).success).toBe(false);
    expect(personFormInput.safeParse({ ...base, visibility: "" }).error?.issues[0]?.message).toBe("errors.personVisibilityRequired");
    expect(personFormInput.safeParse({ ...base, consentOn: "31.1.2026" }).success).toBe(false);
    expect(personFormInput.safeParse({ ...base, areaRoles: ["east:boss"] }).success).toBe(false);
  });

  it("organisations: business ID normalised or refused, type from the list, website http(s) only", () => {
    const o = organisationFormInput.parse({
      nameFi: " Yhdistys ry ",
      businessId: "116480-8",
      type: "ngo",
      homeMunicipalityCode: "",
      website: "",
    });
    expect(o).toEqual({
      nameFi: "Yhdistys ry",
      nameSv: null,
      businessId: "0116480-8",
      type: "ngo",
      homeMunicipalityCode: null,
      website: null,
    });
    const bad = organisationFormInput.safeParse({
      nameFi: "",
      businessId: "0116480-9",
      type: "pirate",
      homeMunicipalityCode: "91",
      website: "javascript:x",
    });
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(["businessId", "homeMunicipalityCode", "nameFi", "type", "website"]);
  });

  it("shows the saved roles and two empty rows", () => {
    const values = projectRoleValues([
      { code: "S1", role: "worker" },
      { code: "S2", role: "steering_group" },
    ]);
    expect(values).toEqual({ projectCode_0: "S1", projectRole_0: "worker", projectCode_1: "S2", projectRole_1: "steering_group" });
    expect(projectRoleRowCount(values)).toBe(4);
    expect(projectRoleRowCount({})).toBe(2);
    expect(projectRoleRowCount({ projectCode_49: "x" })).toBe(50);
  });
});
