import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.ts";
import { projectInput } from "../projects/inputs.ts";
import { saveProject } from "../projects/service.ts";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  for (const [code, lead, co] of [
    ["S91001", "Yhdistys A", "Kaupunki K"],
    ["S91002", "Yhdistys B", "Kaupunki K"],
  ] as const) {
    const r = await saveProject(
      t.database.db,
      null,
      projectInput.parse({
        code,
        programmeId: "esf-2014-2020-tl5",
        scope: "regional",
        maakuntaCodes: ["19"],
        nameFi: `Hanke ${code}`,
        summaryFi: "Kuvaus.",
        lead: { name: lead, type: "ngo", businessId: null },
        coImplementers: [{ name: co, type: "municipality", businessId: null }],
        targetGroupIds: ["homeless"],
        status: "running",
        statusChangedOn: "2020-01-01",
      }),
      { today: "2026-11-25" },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  }
});
afterAll(async () => t?.close());

describe("network picture", () => {
  it("asks for a choice first and sends no script then", async () => {
    const res = await t.app.inject("/fi/verkosto/kuva");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Valitse alue tai teema.");
    expect(res.body).not.toContain("<script");
  });
  it("lists organisations with their projects (the picture's content without JavaScript) and loads the island as a file", async () => {
    const res = await t.app.inject("/fi/verkosto/kuva?area=north");
    expect(res.body).toContain("Kaupunki K");
    expect(res.body.indexOf("Kaupunki K")).toBeLessThan(res.body.indexOf("Yhdistys A"));
    expect(res.body).toContain("Hanke S91001");
    expect(res.body).toContain('<script type="module" src="/assets/islands/network.js">');
    expect(res.body).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
    const byTheme = await t.app.inject("/en/network/picture?targetGroup=homeless");
    expect(byTheme.body).toContain("Hanke S91002");
    const none = await t.app.inject("/fi/verkosto/kuva?area=east");
    expect(none.body).toContain("Valinnalla ei löytynyt hankkeita.");
  });
  it("answers the graph as JSON for the island", async () => {
    const res = await t.app.inject("/fi/verkosto/kuva.json?area=north");
    const graph = res.json();
    expect(graph.nodes.filter((n: { kind: string }) => n.kind === "project")).toHaveLength(2);
    expect(graph.nodes.filter((n: { kind: string }) => n.kind === "organisation")).toHaveLength(3);
    expect(graph.links).toHaveLength(4);
    expect((await t.app.inject("/fi/verkosto/kuva.json")).json()).toEqual({ nodes: [], links: [] });
  });
  it("ignores malformed choices", async () => {
    for (const url of ["/fi/verkosto/kuva?area=%00", "/fi/verkosto/kuva?targetGroup[]=x", "/fi/verkosto/kuva.json?area=';drop"]) {
      expect((await t.app.inject(url)).statusCode, url).toBe(200);
    }
  });
  it("serves the built island, which is up to date with its source's imports", async () => {
    const res = await t.app.inject("/assets/islands/network.js");
    expect(res.statusCode).toBe(200);
    const built = readFileSync(resolve(import.meta.dirname, "../../web/assets/islands/network.js"), "utf8");
    expect(built).toContain("data-network-picture");
  });
});
