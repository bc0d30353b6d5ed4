import { describe, expect, it } from "vitest";
import { isValidBusinessId } from "./business-id.ts";
import { DEMO_AS_OF, DEMO_ENDED_ON_AS_OF, DEMO_RUNNING_ON_AS_OF, DEMO_TOTAL, demoBusinessId, generateDemoProjects } from "./demo-data.ts";
import { projectInput } from "./inputs.ts";
import { ESF_PROJECT_CODE, statusOn } from "./rules.ts";

const munis = [
  ...["10", "11", "12", "17", "18", "19", "01", "05", "07", "08", "09", "02", "04", "06", "13", "14", "15", "16"].flatMap((mk, i) => [
    { code: String(100 + i * 2).padStart(3, "0"), nameFi: `Kunta${i}a`, maakuntaCode: mk },
    { code: String(101 + i * 2).padStart(3, "0"), nameFi: `Kunta${i}b`, maakuntaCode: mk },
  ]),
];
const projects = generateDemoProjects(munis);

describe("demo programme", () => {
  it("is deterministic", () => {
    expect(generateDemoProjects(munis)).toEqual(projects);
  });

  it("has 560 projects with unique EURA-style codes that avoid the real sample codes", () => {
    expect(projects).toHaveLength(DEMO_TOTAL);
    expect(new Set(projects.map((p) => p.code)).size).toBe(DEMO_TOTAL);
    for (const p of projects) expect(p.code).toMatch(ESF_PROJECT_CODE);
    for (const real of ["S20064", "S21015", "S21994"]) expect(projects.map((p) => p.code)).not.toContain(real);
  });

  it(`had exactly ${DEMO_RUNNING_ON_AS_OF} running and ${DEMO_ENDED_ON_AS_OF} ended projects on ${DEMO_AS_OF}`, () => {
    const on = projects.map((p) => statusOn(p.history, DEMO_AS_OF));
    expect(on.filter((s) => s === "running")).toHaveLength(DEMO_RUNNING_ON_AS_OF);
    expect(on.filter((s) => s === "ended" || s === "embedded")).toHaveLength(DEMO_ENDED_ON_AS_OF);
  });

  it("follows the action-area shares 40 / 27 / 25 / 9 % within 5 points", () => {
    const share = (suffix: string) => (projects.filter((p) => p.actionAreaId.endsWith(suffix)).length / DEMO_TOTAL) * 100;
    expect(share("weakest-labour-market")).toBeGreaterThan(35);
    expect(share("weakest-labour-market")).toBeLessThan(45);
    expect(Math.abs(share("youth") - 27)).toBeLessThan(5);
    expect(Math.abs(share("discrimination-deprivation") - 25)).toBeLessThan(5);
    expect(Math.abs(share("citizen-led-urban") - 9)).toBeLessThan(5);
  });

  it("puts about half of the regional and local projects in the East and North", () => {
    const eastNorth = new Set(["10", "11", "12", "17", "18", "19"]);
    const local = projects.filter((p) => p.scope !== "national");
    const inEN = local.filter((p) =>
      [...p.maakuntaCodes, ...p.municipalityCodes.map((c) => munis.find((m) => m.code === c)?.maakuntaCode)].some(
        (c) => c && eastNorth.has(c),
      ),
    );
    expect(inEN.length / local.length).toBeGreaterThan(0.42);
    expect(inEN.length / local.length).toBeLessThan(0.58);
  });

  it("uses valid business IDs and passes the project input schema", () => {
    for (let n = 0; n < 2000; n++) expect(isValidBusinessId(demoBusinessId(n))).toBe(true);
    for (const p of projects) {
      expect(isValidBusinessId(p.lead.businessId)).toBe(true);
      const last = p.history[p.history.length - 1];
      const r = projectInput.safeParse({ ...p, status: last?.status, statusChangedOn: last?.changedOn });
      expect(r.success, p.code).toBe(true);
      expect(p.plannedEnd >= p.plannedStart).toBe(true);
    }
  });
});
