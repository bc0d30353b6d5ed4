import { describe, expect, it } from "vitest";
import { buildGraph, type NetworkProject, organisationsWithProjects } from "./network.ts";

const p = (code: string, orgs: [string, "lead" | "co_implementer"][]): NetworkProject => ({
  code,
  name: `Hanke ${code}`,
  organisations: orgs.map(([id, role]) => ({ id, name: `Org ${id}`, role })),
});

describe("buildGraph", () => {
  it("is empty for no projects", () => {
    expect(buildGraph([])).toEqual({ nodes: [], links: [] });
  });
  it("has one project node without organisations and no links", () => {
    expect(buildGraph([p("S1", [])])).toEqual({ nodes: [{ id: "p:S1", kind: "project", label: "Hanke S1", degree: 0 }], links: [] });
  });
  it("shares an organisation node between projects and counts degrees", () => {
    const g = buildGraph([
      p("S1", [
        ["a", "lead"],
        ["b", "co_implementer"],
      ]),
      p("S2", [["a", "co_implementer"]]),
    ]);
    expect(g.nodes.filter((n) => n.kind === "organisation")).toHaveLength(2);
    expect(g.nodes.find((n) => n.id === "o:a")?.degree).toBe(2);
    expect(g.links).toHaveLength(3);
  });
  it("ignores a repeated organisation in one project and a repeated project", () => {
    const g = buildGraph([
      p("S1", [
        ["a", "lead"],
        ["a", "co_implementer"],
      ]),
      p("S1", [["a", "lead"]]),
    ]);
    expect(g.links).toHaveLength(1);
    expect(g.nodes).toHaveLength(2);
  });
});

describe("organisationsWithProjects", () => {
  it("lists organisations in several projects first, then by name", () => {
    const list = organisationsWithProjects([
      p("S1", [
        ["b", "lead"],
        ["a", "lead"],
      ]),
      p("S2", [["b", "co_implementer"]]),
    ]);
    expect(list.map((o) => [o.id, o.projects.length])).toEqual([
      ["b", 2],
      ["a", 1],
    ]);
  });
  it("is empty for no projects", () => {
    expect(organisationsWithProjects([])).toEqual([]);
  });
});
