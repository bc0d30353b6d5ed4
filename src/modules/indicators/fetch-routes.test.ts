import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSotkanet, startFakeSotkanet } from "../../../tests/helpers/sotkanet-server.ts";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { auditLog } from "../audit/schema.ts";
import { seedIndicatorCatalogue, seedIndicatorRegions } from "./import-service.ts";
import { indicatorImportRuns, indicatorValues } from "./schema.ts";

// The administrator's live fetch, against a local server serving stored Sotkanet answers.
let t: TestApp;
let server: FakeSotkanet;
let admin: Agent;
const URL_FI = "/fi/hallinta/indikaattorituonti/sotkanet";
const DATA = "/json?indicator=127&years=2021&years=2022&genders=total&genders=male&genders=female";

beforeAll(async () => {
  server = await startFakeSotkanet({
    "/regions": { file: "regions.json" },
    "/indicators/127": { file: "indicators-127.json" },
    [DATA]: { file: "data-127-genders.json" },
    "/json?indicator=127&years=2021&years=2022&genders=total": { file: "data-127.json" },
  });
  t = await createTestApp({
    RATE_LIMIT_AUTH_MAX: "10000",
    SOTKANET_BASE_URL: server.baseUrl,
    SOTKANET_PACING_MS: "0",
    SOTKANET_TIMEOUT_SECONDS: "1",
  });
  await seedIndicatorCatalogue(t.database.db);
  await seedIndicatorRegions(t.database.db);
  admin = await loginAgent(t, (await createUser(t, "admin")).email);
}, 180_000);
afterAll(async () => {
  await t?.close();
  await server?.close();
});

const form = (over: Record<string, string | string[]> = {}) => ({
  indicators: ["127"],
  yearFrom: "2021",
  yearTo: "2022",
  genders: ["total", "male", "female"],
  ...over,
});

describe("fetching from Sotkanet", () => {
  it("shows the form with the pinned indicators and the configured address", async () => {
    const res = await admin.get(URL_FI);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Väkiluku (Sotkanet 127)");
    expect(res.body).toContain(server.baseUrl);
    expect((await admin.get("/en/admin/indicator-import")).body).toContain('href="/en/admin/indicator-import/sotkanet"');
    for (const url of ["/sv/administration/indikatorimport/sotkanet", "/en/admin/indicator-import/sotkanet"]) {
      expect((await admin.get(url)).statusCode).toBe(200);
    }
  });

  it("fetches, imports by gender with the row report and an audit entry; fetching again changes nothing", async () => {
    await admin.get(URL_FI);
    const res = await admin.post(URL_FI, form());
    expect(res.statusCode).toBe(303);
    const report = await admin.get(res.headers.location as string);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain("data-127-2021-2022.json");
    const female = await t.database.db
      .select({ value: indicatorValues.value })
      .from(indicatorValues)
      .where(
        and(
          eq(indicatorValues.indicatorId, "sotkanet-127"),
          eq(indicatorValues.regionCode, "005"),
          eq(indicatorValues.gender, "female"),
          eq(indicatorValues.year, 2022),
        ),
      );
    expect(female.map((r) => r.value)).toEqual([4542]);
    const runs = await t.database.db.select().from(indicatorImportRuns).where(eq(indicatorImportRuns.format, "sotkanet"));
    expect(runs.at(-1)?.insertedCount).toBe(12);
    expect(server.requests.map((r) => r.url)).toEqual(expect.arrayContaining(["/regions", "/indicators/127", DATA]));
    const again = await admin.post(URL_FI, form());
    expect(again.statusCode).toBe(303);
    const runs2 = await t.database.db.select().from(indicatorImportRuns).where(eq(indicatorImportRuns.format, "sotkanet"));
    const last = runs2.find((r) => `${again.headers.location}`.endsWith(r.id));
    expect(last).toMatchObject({ insertedCount: 0, updatedCount: 0, unchangedCount: 12 });
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "indicators.import"));
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it("HTTP 500, bad JSON, an unexpected shape and a timeout: a clear message, 502, nothing imported", async () => {
    const cases: [string, import("../../../tests/helpers/sotkanet-server.ts").Answer, string][] = [
      ["/regions", { body: "oops", status: 500 }, "HTTP-tilalla 500"],
      [DATA, { file: "data-truncated.txt" }, "ei ollut JSONia"],
      [DATA, { file: "unexpected-shape.json" }, "ei ollut odotetun muotoinen"],
      ["/indicators/127", { hang: true }, "ei vastannut"],
    ];
    for (const [path, answer, message] of cases) {
      const saved = server.routes.get(path);
      server.routes.set(path, answer);
      try {
        const before = (await t.database.db.select().from(indicatorImportRuns)).length;
        await admin.get(URL_FI);
        const res = await admin.post(URL_FI, form({ yearFrom: "2021" }));
        expect(res.statusCode, path).toBe(502);
        expect(res.body).toContain("Mitään ei tuotu");
        expect(res.body).toContain(message);
        expect(res.body).toContain('value="2021"');
        expect((await t.database.db.select().from(indicatorImportRuns)).length).toBe(before);
      } finally {
        if (saved) server.routes.set(path, saved);
      }
    }
  });

  it("refuses an id whose Finnish title changed (409), naming both titles", async () => {
    server.routes.set("/indicators/127", { file: "indicators-127-renamed.json" });
    try {
      await admin.get(URL_FI);
      const res = await admin.post(URL_FI, form());
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain("Väestö 31.12., 0–17-vuotiaat");
      expect(res.body).toContain("”Väkiluku”");
    } finally {
      server.routes.set("/indicators/127", { file: "indicators-127.json" });
    }
  });

  it("bad input: errors next to the fields and in the summary, what was typed kept", async () => {
    await admin.get(URL_FI);
    const res = await admin.post(URL_FI, { yearFrom: "20x1", yearTo: "2019", genders: [] as string[] } as Record<
      string,
      string | string[]
    >);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('id="field-indicators-error"');
    expect(res.body).toContain('id="field-yearFrom-error"');
    expect(res.body).toContain('id="field-genders-error"');
    expect(res.body).toContain('value="20x1"');
    const order = await admin.post(URL_FI, form({ yearFrom: "2022", yearTo: "2021" }));
    expect(order.statusCode).toBe(400);
    expect(order.body).toContain("Viimeinen vuosi ei voi olla ennen ensimmäistä");
    const unpinned = await admin.post(URL_FI, form({ indicators: ["999"] }));
    expect(unpinned.statusCode).toBe(400);
  });

  it("refuses anonymous users and every other role", async () => {
    const anon = new Agent(t.app);
    expect((await anon.get(URL_FI)).statusCode).toBe(401);
    for (const role of ["national_coordinator", "area_coordinator", "project_member", "ministry_viewer", "researcher"] as const) {
      const a = await loginAgent(t, (await createUser(t, role)).email);
      expect((await a.get(URL_FI)).statusCode, role).toBe(403);
      await a.get("/fi/hankkeet");
      expect((await a.post(URL_FI, form())).statusCode, role).toBe(403);
    }
  });
  it("never answers 500 to any form (property)", async () => {
    await admin.get(URL_FI);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          indicators: fc.array(fc.oneof(fc.string(), fc.constant("1x")), { maxLength: 3 }),
          yearFrom: fc.oneof(fc.string(), fc.integer({ min: 0, max: 3000 }).map(String)),
          yearTo: fc.oneof(fc.string(), fc.integer({ min: 0, max: 3000 }).map(String)),
          genders: fc.array(fc.oneof(fc.string(), fc.constantFrom("total", "male")), { maxLength: 4 }),
        }),
        async (body) => {
          const res = await admin.post(URL_FI, body);
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 12 }, // within the route's 30 posts a minute, so that every run reaches the handler
    );
  });
});
