import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiProblems } from "../../../tests/helpers/openapi.ts";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { auditLog } from "../audit/schema.ts";
import { importTidyCsv, loadStartingIndicators } from "./import-service.ts";
import { computeIndexVersion, ensureDefaultIndexVersion } from "./index-service.ts";
import { indexValues, indexVersions } from "./schema.ts";

let t: TestApp;
let admin: Agent;
let anon: Agent;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000" });
  await loadStartingIndicators(t.database.db);
  await ensureDefaultIndexVersion(t.database.db);
  admin = await loginAgent(t, (await createUser(t, "admin")).email);
  anon = new Agent(t.app);
}, 180_000);
afterAll(async () => t?.close());

const OTHER_ROLES = ["national_coordinator", "area_coordinator", "project_member", "ministry_viewer", "researcher"] as const;

describe("public indicator pages", () => {
  it("render in every language without logging in", async () => {
    for (const url of [
      "/fi/indikaattorit",
      "/sv/indikatorer",
      "/en/indicators",
      "/fi/indikaattorit/jarjestys?level=kunta&component=social&year=2015",
      "/sv/indikatorer/rangordning?level=hyvinvointialue",
      "/en/indicators/area/maakunta/12",
      "/fi/indikaattorit/alue/kunta/588",
      "/sv/indikatorer/omrade/hyvinvointialue/12",
      "/fi/indikaattorit/nuoret?level=seutukunta",
      "/en/indicators/young-people",
      "/fi/indikaattorit/mittari/hos-nuorisotyottomyys?level=kunta&area=091&area=235",
      "/en/indicators/indicator/sotkanet-127",
      "/fi/indikaattorit/tarve-ja-hankkeet",
      "/sv/indikatorer/behov-och-projekt?date=31.12.2019",
    ]) {
      const res = await anon.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain("style=");
    }
  });

  it("the map is an SVG of the 18 maakunnat with the values in a table beside it and the attributions", async () => {
    const res = await anon.get("/fi/indikaattorit?component=human&year=2016");
    // 19 maakunnat on the map; Åland (21) has no value in the data set.
    expect(res.body.match(/<path d="M/g)?.length).toBe(19);
    expect(res.body).toMatch(/<path d="M[^"]+" class="map-area map-class-none" data-code="21"><title>Ahvenanmaa: ei arvoa<\/title>/);
    expect(res.body).toContain('role="img"');
    expect(res.body).toMatch(/class="map-area map-class-[0-4]"/);
    expect(res.body).toContain("Inhimillinen huono-osaisuus maakunnittain 2016");
    expect(res.body).toContain("Pohjois-Karjala");
    expect(res.body).toContain("CC BY 4.0");
    expect(res.body).toContain("Maanmittauslaitoksen Hallinnolliset aluejaot");
  });

  it("falls back to the newest year and the total on a bad query", async () => {
    const res = await anon.get("/fi/indikaattorit?component=bogus&year=1700");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Huono-osaisuus yhteensä maakunnittain 2019");
  });

  it("exports the tables as CSV and XLSX", async () => {
    const csv = await anon.get("/fi/indikaattorit/jarjestys?level=kunta&format=csv");
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\r\n").length).toBeGreaterThan(293);
    expect(csv.body).toContain("Kauniainen");
    const xlsx = await anon.get("/en/indicators/need-and-projects?format=xlsx");
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    for (const url of [
      "/fi/indikaattorit?format=xlsx",
      "/fi/indikaattorit/alue/maakunta/01?format=csv",
      "/fi/indikaattorit/nuoret?format=csv",
      "/fi/indikaattorit/mittari/hos-nuorisotyottomyys?format=xlsx",
    ]) {
      expect((await anon.get(url)).statusCode, url).toBe(200);
    }
  });

  it("the area profile shows every indicator next to the level's median", async () => {
    const res = await anon.get("/fi/indikaattorit/alue/kunta/235");
    expect(res.body).toContain("Kauniainen");
    expect(res.body).toContain("md. 100,0");
    expect(res.body).toContain("Väkiluku");
  });

  it("answers 404 for unknown areas and indicators, and 400 for a bad day", async () => {
    expect((await anon.get("/fi/indikaattorit/alue/kunta/999")).statusCode).toBe(404);
    expect((await anon.get("/fi/indikaattorit/alue/planeetta/01")).statusCode).toBe(404);
    expect((await anon.get("/fi/indikaattorit/mittari/ei-ole")).statusCode).toBe(404);
    expect((await anon.get("/fi/indikaattorit/mittari/%00")).statusCode).toBe(404);
    const bad = await anon.get("/fi/indikaattorit/tarve-ja-hankkeet?date=31.2.2019");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Päivä ei kelpaa");
  });
});

describe("index versions (administrators)", () => {
  it("refuses anonymous users and every other role", async () => {
    expect((await anon.get("/fi/hallinta/indeksiversiot")).statusCode).toBe(401);
    for (const role of OTHER_ROLES) {
      const a = await loginAgent(t, (await createUser(t, role)).email);
      expect((await a.get("/fi/hallinta/indeksiversiot")).statusCode, role).toBe(403);
      expect((await a.get("/fi/hallinta/indikaattorituonti")).statusCode, role).toBe(403);
    }
  });

  it("shows errors next to the fields and keeps what was typed", async () => {
    await admin.get("/fi/hallinta/indeksiversiot");
    const res = await admin.post("/fi/hallinta/indeksiversiot", { name: "Vain inhimillinen\u0000", indicators: ["hos-nuorisotyottomyys"] });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("ohjausmerkki");
    const dims = await admin.post("/fi/hallinta/indeksiversiot", { name: "Vain inhimillinen", indicators: ["hos-nuorisotyottomyys"] });
    expect(dims.statusCode).toBe(400);
    expect(dims.body).toContain("kustakin kolmesta ulottuvuudesta");
    expect(dims.body).toContain('value="Vain inhimillinen"');
    const published = await admin.post("/fi/hallinta/indeksiversiot", { name: "X", indicators: ["hos-huono-osaisuus-yhteensa"] });
    expect(published.statusCode).toBe(400);
  });

  it("creates a version, computes it, and makes it current", async () => {
    await admin.get("/sv/administration/indexversioner");
    const res = await admin.post("/sv/administration/indexversioner", {
      name: "Utan enkäter",
      indicators: ["hos-nuorisotyottomyys", "hos-pitkaaikaistyottomyys", "hos-sijoitetut-0-17", "hos-taydentava-toimeentulotuki"],
    });
    expect(res.statusCode).toBe(303);
    const [v] = await t.database.db.select().from(indexVersions).where(eq(indexVersions.name, "Utan enkäter"));
    expect(v?.current).toBe(false);
    expect(v?.computedAt).not.toBeNull();
    const values = await t.database.db
      .select()
      .from(indexValues)
      .where(eq(indexValues.versionId, v?.id as string));
    expect(values.length).toBeGreaterThan(1000);
    await admin.get("/sv/administration/indexversioner");
    const current = await admin.post(`/sv/administration/indexversioner/${v?.id}/aktivera`, {});
    expect(current.statusCode).toBe(303);
    const page = await anon.get("/en/indicators");
    expect(page.body).toContain("Index version: Utan enkäter");
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, v?.id as string));
    expect(audit.map((a) => a.action).sort()).toEqual(["indicators.version.create", "indicators.version.current"]);
    expect((await admin.post("/fi/hallinta/indeksiversiot/00000000-0000-0000-0000-000000000000/kayttoon", {})).statusCode).toBe(404);
    expect((await admin.post("/fi/hallinta/indeksiversiot/nope/kayttoon", {})).statusCode).toBe(404);
  });

  it("refuses a POST without the CSRF token", async () => {
    const res = await admin.post("/fi/hallinta/indeksiversiot", { name: "Z", indicators: ["hos-nuorisotyottomyys"] }, { csrf: false });
    expect(res.statusCode).toBe(403);
  });
});

describe("indicator import (administrators)", () => {
  it("imports an uploaded tidy CSV and shows the row-by-row report", async () => {
    await admin.get("/fi/hallinta/indikaattorituonti");
    const csv = "indicator,level,region_code,year,value\n127,kunta,005,2024,9000\n127,kunta,999,2024,5\n";
    const res = await admin.postFile("/fi/hallinta/indikaattorituonti", { format: "csv" }, { field: "files", name: "pop.csv", data: csv });
    expect(res.statusCode).toBe(303);
    const report = await admin.get(res.headers.location as string);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain("Mitään ei tallennettu");
    expect(report.body).toContain("Tuntematon aluekoodi 999");
    const again = await admin.postFile(
      "/fi/hallinta/indikaattorituonti",
      { format: "csv", validRows: "yes" },
      { field: "files", name: "pop.csv", data: csv },
    );
    const saved = await admin.get(again.headers.location as string);
    expect(saved.body).toContain("Kelvolliset rivit tallennettiin");
  });

  it("asks for a file and a format", async () => {
    await admin.get("/fi/hallinta/indikaattorituonti");
    const noFile = await admin.postFile("/fi/hallinta/indikaattorituonti", { format: "sotkanet" }, null);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.body).toContain("Valitse tuotava tiedosto");
    const noFormat = await admin.postFile("/fi/hallinta/indikaattorituonti", {}, { field: "files", name: "a.csv", data: "x" });
    expect(noFormat.statusCode).toBe(400);
    expect(noFormat.body).toContain("Valitse tiedoston muoto");
  });

  it("refuses an upload from anyone else before reading it", async () => {
    const coordinator = await loginAgent(t, (await createUser(t, "national_coordinator")).email);
    await coordinator.get("/fi/hankkeet");
    const res = await coordinator.postFile(
      "/fi/hallinta/indikaattorituonti",
      { format: "csv" },
      { field: "files", name: "a.csv", data: "x" },
    );
    expect(res.statusCode).toBe(403);
    expect((await coordinator.get("/fi/hallinta/indikaattorituonti/00000000-0000-0000-0000-000000000000")).statusCode).toBe(403);
    expect((await admin.get("/fi/hallinta/indikaattorituonti/00000000-0000-0000-0000-000000000000")).statusCode).toBe(404);
  });

  it("the starting data's report lists the data anomalies with both numbers", async () => {
    const list = await admin.get("/en/admin/indicator-import");
    const link = /href="(\/en\/admin\/indicator-import\/[0-9a-f-]+)"[^>]*>[^<]*<\/a><\/td><td>hos\//.exec(list.body);
    expect(link).not.toBeNull();
    const report = await admin.get(link?.[1] as string);
    expect(report.body).toContain("Data anomalies");
    expect(report.body).toContain("57.038782");
    expect(report.body).toContain("58.365238");
    expect(report.body).toContain("Rows other areas have and this one lacks: High client fees");
    expect(report.body).toContain("Follows from the published dimension values");
  });
});

describe("the indicators API", () => {
  it("is in the OpenAPI document, which stays valid", async () => {
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/indicators", "/api/v1/indicators/index", "/api/v1/indicators/{id}/values"]),
    );
    expect(openApiProblems(doc)).toEqual([]);
  });

  it("lists the catalogue, the values of one indicator and the index", async () => {
    const list = await t.app.inject({ url: "/api/v1/indicators" });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain("sotkanet-127");
    const values = await t.app.inject({ url: "/api/v1/indicators/hos-sosiaaliset-seuraukset/values?level=kunta&region=235&year=2019" });
    expect(values.json().items).toEqual([{ level: "kunta", region: "235", year: 2019, gender: "total", value: 57.038782 }]);
    const index = await t.app.inject({ url: "/api/v1/indicators/index?level=hyvinvointialue&year=2019" });
    expect(index.statusCode).toBe(200);
    expect(index.json().items).toHaveLength(22);
  });

  it("answers 404 and 400 as JSON", async () => {
    expect((await t.app.inject({ url: "/api/v1/indicators/ei-ole/values" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/api/v1/indicators/index?year=1901" })).statusCode).toBe(404);
    const bad = await t.app.inject({ url: "/api/v1/indicators/hos-nuorisotyottomyys/values?level=planet" });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("json");
    expect((await t.app.inject({ url: "/api/v1/indicators/index?bogus=1" })).statusCode).toBe(400);
  });
});

describe("inclusion indicators beside the index", () => {
  it("with no data: the rankings and the area profile say so and how to import, and none is in the total", async () => {
    const rankings = await anon.get("/fi/indikaattorit/jarjestys?level=kunta&year=2019");
    expect(rankings.body).toContain("Osallisuus indeksin rinnalla");
    expect(rankings.body).toContain("Näistä osallisuusindikaattoreista ei ole vielä tietoja");
    expect(rankings.body).toContain("inclusion-kuntavaalien-aanestysaktiivisuus");
    expect(rankings.body).not.toContain("inclusion-col");
    const area = await anon.get("/en/indicators/area/kunta/091");
    expect(area.body).toContain("Inclusion, beside the index");
    expect(area.body).toContain("Good quality of life (EUROHIS-8)");
    expect(area.body.match(/No data yet/g)?.length).toBe(4);
    expect(area.body).toContain("tidy CSV");
  });

  it("an inclusion indicator can never be chosen into an index version", async () => {
    await admin.get("/fi/hallinta/indeksiversiot");
    const res = await admin.post("/fi/hallinta/indeksiversiot", {
      name: "With inclusion",
      indicators: ["hos-nuorisotyottomyys", "hos-sijoitetut-0-17", "hos-taydentava-toimeentulotuki", "inclusion-jarjestotoiminta"],
    });
    expect(res.statusCode).toBe(400);
  });

  it("imported inclusion values appear beside the dimensions (rankings, area profile, export), the index unchanged", async () => {
    const indexOf2019 = () =>
      t.database.db
        .select({
          code: indexValues.regionCode,
          component: indexValues.component,
          value: indexValues.value,
          version: indexValues.versionId,
        })
        .from(indexValues)
        .where(and(eq(indexValues.level, "kunta"), eq(indexValues.year, 2019)))
        .orderBy(indexValues.versionId, indexValues.regionCode, indexValues.component);
    const before = await indexOf2019();
    const csv =
      "indicator,level,region_code,year,value\n" +
      "inclusion-kuntavaalien-aanestysaktiivisuus,kunta,091,2019,64.5\n" +
      "inclusion-kuntavaalien-aanestysaktiivisuus,kunta,235,2019,78.5\n" +
      "inclusion-kuntavaalien-aanestysaktiivisuus,kunta,005,2019,55.5\n";
    const result = await importTidyCsv(t.database.db, {
      file: { name: "turnout.csv", bytes: new TextEncoder().encode(csv) },
      userId: null,
      mode: "all_or_nothing",
    });
    expect(result.saved).toBe(true);
    const rankings = await anon.get("/fi/indikaattorit/jarjestys?level=kunta&year=2019");
    expect(rankings.body).toContain('class="num inclusion-col"');
    expect(rankings.body).toContain("Kuntavaalien äänestysaktiivisuus");
    expect(rankings.body).toContain("78,5");
    const exported = await anon.get("/fi/indikaattorit/jarjestys?level=kunta&year=2019&format=csv");
    expect(exported.body).toContain("Kuntavaalien äänestysaktiivisuus");
    // Recomputing every version changes nothing: inclusion is never in the index.
    for (const v of await t.database.db.select().from(indexVersions)) await computeIndexVersion(t.database.db, v.id);
    expect(await indexOf2019()).toEqual(before);
    const area = await anon.get("/en/indicators/area/kunta/235");
    expect(area.body).toMatch(/Municipal election turnout<\/th><td>2019<\/td><td class="num">78\.5<\/td><td class="num">64\.5<\/td>/);
    expect(area.body.match(/No data yet/g)?.length).toBe(3);
  });
});

describe("values by gender (area profile and trend)", () => {
  beforeAll(async () => {
    const csv =
      "indicator,level,region_code,year,value,gender\n" +
      "sotkanet-127,kunta,091,2021,320000,female\n" +
      "sotkanet-127,kunta,091,2021,310000,male\n" +
      "sotkanet-127,kunta,049,2021,150000,female\n" +
      "sotkanet-127,kunta,092,2021,125000,female\n";
    const result = await importTidyCsv(t.database.db, {
      file: { name: "genders.csv", bytes: new TextEncoder().encode(csv) },
      userId: null,
      mode: "all_or_nothing",
    });
    expect(result.saved).toBe(true);
  });

  it("the area profile offers total, men and women by a GET form and shows the chosen gender's values and median", async () => {
    const total = await anon.get("/en/indicators/area/kunta/091");
    expect(total.body).toContain('<select id="a-gender" name="gender" class="select">');
    expect(total.body).toContain('<option value="female">Women</option>');
    const women = await anon.get("/en/indicators/area/kunta/091?gender=female");
    expect(women.statusCode).toBe(200);
    expect(women.body).toMatch(/<option value="female" selected(="")?>Women<\/option>/);
    // Helsinki 320,000 women; the median of 3 municipalities (125,000, 150,000, 320,000) is 150,000.
    expect(women.body).toMatch(/320,000<span class="median-note"><span class="visually-hidden">, <\/span>[^<]*150,000/);
    expect(women.body).not.toContain("Youth unemployment");
    expect(women.body).toContain("gender=female&amp;format=csv");
  });

  it("says so when the chosen gender has no values, and which genders have", async () => {
    const res = await anon.get("/en/indicators/area/kunta/235?gender=male");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("There are no values for men here.");
    expect(res.body).toContain("Values exist for: Total.");
    expect(res.body).toContain("Men (no data)");
    const fi = await anon.get("/fi/indikaattorit/mittari/hos-nuorisotyottomyys?level=kunta&gender=female");
    expect(fi.body).toContain("Tässä ei ole arvoja ryhmälle naiset.");
    expect(fi.body).toContain("Arvoja on ryhmille: Yhteensä.");
  });

  it("the trend chart follows the chosen gender", async () => {
    const res = await anon.get("/en/indicators/indicator/sotkanet-127?level=kunta&gender=female&area=091");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("(Women)");
    expect(res.body).toContain("320,000");
    const csv = await anon.get("/en/indicators/indicator/sotkanet-127?level=kunta&gender=male&format=csv");
    expect(csv.body).toContain("310000");
    expect(csv.body).not.toContain("320000");
    const bad = await anon.get("/en/indicators/indicator/sotkanet-127?level=kunta&gender=nonsense");
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toMatch(/<option value="total" selected(="")?>Total<\/option>/);
  });
});
