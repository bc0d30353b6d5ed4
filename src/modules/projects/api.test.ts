import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiProblems, schemaValidator } from "../../../tests/helpers/openapi.ts";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.ts";
import { listQuery } from "./api-schemas.ts";
import { DEMO_TOTAL } from "./demo-data.ts";
import { seedDemoProjects } from "./demo-seed.ts";
import { projectInput } from "./inputs.ts";
import { exportProjects, PAGE_SIZE, searchParams, searchProjects } from "./search.ts";
import { saveProject } from "./service.ts";

let t: TestApp;
type Json = Record<string, unknown>;

beforeAll(async () => {
  // The API's own limit is tested in src/web/api.test.ts; here the tests make many requests.
  t = await createTestApp({ RATE_LIMIT_API_MAX: "100000" });
  expect(await seedDemoProjects(t.database.db, "2026-11-25")).toBe(DEMO_TOTAL);
  // One real-looking project with every field filled.
  const r = await saveProject(
    t.database.db,
    null,
    projectInput.parse({
      code: "S21994",
      programmeId: "esf-2014-2020-tl5",
      objectiveId: "esf-2014-2020-tl5:10.1",
      actionAreaId: "esf-2014-2020-tl5:discrimination-deprivation",
      scope: "regional",
      funderId: "stm",
      nameFi: "Romaniportti",
      nameSv: "Romaporten",
      nameEn: "Roma Gateway",
      summaryFi: "Romanien osallisuutta ja työllistymistä tukeva hanke.",
      summarySv: "Ett projekt som stöder romers delaktighet och sysselsättning.",
      maakuntaCodes: ["12"],
      municipalityCodes: ["091"],
      lead: { name: "Helsingin Diakonissalaitoksen säätiö sr", type: "foundation", businessId: "0116480-8" },
      coImplementers: [
        { name: "Romanikulttuurin yhdistys ry", type: "ngo", businessId: "" },
        { name: "Kumppanisäätiö sr", type: "foundation", businessId: "", role: "partner" },
      ],
      plannedStart: "2020-08-01",
      plannedEnd: "2023-07-31",
      actualStart: "2020-09-01",
      budgetTotal: "1 200 000",
      publicFunding: "1020000",
      targetGroupIds: ["ethnic-minorities", "long-term-unemployed"],
      participantsPlannedWomen: "40",
      participantsPlannedMen: "35",
      participantsActualWomen: "12",
      website: "https://romaniportti.example.fi",
      contactName: "Rosa Roma",
      contactEmail: "Rosa@Example.fi",
      contactPhone: "+358 40 123 4567",
      status: "running",
      statusChangedOn: "2020-09-01",
    }),
    { today: "2026-11-25" },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}, 120_000);
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject(url);
type ListBody = Json & { items: Json[]; total: number; page: number; pageSize: number; facets?: Json };
/** GET that must answer 200 with JSON. */
async function json<B = ListBody>(url: string): Promise<B> {
  const res = await get(url);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  return res.json() as B;
}
const codes = (body: { items: Json[] }) => body.items.map((i) => i.code);
/** The project codes listed on an HTML search page, in order. */
const htmlCodes = (html: string, locale = "fi", slug = "hankkeet") =>
  [...html.matchAll(new RegExp(`href="/${locale}/${slug}/(S\\d{5})"`, "g"))].map((m) => m[1]);

/** Filters of the search page, as query-string pairs. */
const QUERIES: [string, string][][] = [
  [],
  [["status", "ended"]],
  [
    ["status", "running"],
    ["status", "ended"],
    ["area", "east"],
  ],
  [
    ["actionArea", "esf-2014-2020-tl5:youth"],
    ["maakunta", "12"],
    ["maakunta", "19"],
  ],
  [
    ["startYear", "2018"],
    ["orgType", "ngo"],
    ["sort", "code"],
  ],
  [
    ["targetGroup", "young-people"],
    ["funder", "stm"],
    ["sort", "start"],
  ],
  [["q", "nuoret"]],
  [
    ["q", "työllisyys"],
    ["sort", "name"],
  ],
  [["q", "S21994"]],
  [["q", "ei mitään tällaista"]],
];
const qs = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();
/** Query-string pairs as the parsed query Fastify gives a route: one value as a string, repeated ones as a list. */
const toObject = (pairs: [string, string][]) => {
  const o: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const had = o[k];
    o[k] = had === undefined ? v : [...(Array.isArray(had) ? had : [had]), v];
  }
  return o;
};

describe("GET /api/v1/projects agrees with the HTML search", () => {
  it.each(QUERIES.map((q) => [qs(q) || "(no filters)", q] as const))(
    "%s: same total, same projects in the same order",
    async (_name, pairs) => {
      const params = searchParams.parse(toObject(pairs));
      const expected = await searchProjects(t.database.db, params, "fi");
      const api = await json(`/api/v1/projects?${qs(pairs)}`);
      expect(api.total).toBe(expected.total);
      expect(codes(api)).toEqual(expected.hits.map((h) => h.code));
      // And the page a person sees lists the same projects.
      const html = await get(`/fi/hankkeet?${qs(pairs)}`);
      expect(htmlCodes(html.body)).toEqual(codes(api));
    },
  );

  it("has real filters to compare: the queries give different, non-trivial results", async () => {
    const totals = await Promise.all(QUERIES.map(async (q) => (await json(`/api/v1/projects?${qs(q)}`)).total));
    expect(totals[0]).toBe(DEMO_TOTAL + 1);
    expect(new Set(totals).size).toBeGreaterThan(6);
    expect(totals.slice(1, -2).every((n) => n > 0 && n < DEMO_TOTAL)).toBe(true);
    expect(totals.at(-2)).toBe(1);
    expect(totals.at(-1)).toBe(0);
  });

  it("pages like the HTML search: page 3 of 20 is the third HTML page", async () => {
    const api = await json("/api/v1/projects?status=ended&page=3");
    const html = await get("/fi/hankkeet?status=ended&page=3");
    expect(api.page).toBe(3);
    expect(api.pageSize).toBe(PAGE_SIZE);
    expect(codes(api)).toHaveLength(PAGE_SIZE);
    expect(codes(api)).toEqual(htmlCodes(html.body));
  });

  it("sorts by name in the language asked for, as the Swedish page does", async () => {
    const api = await json("/api/v1/projects?sort=name&lang=sv&area=north");
    const html = await get("/sv/projekt?sort=name&area=north");
    expect(codes(api)).toEqual(htmlCodes(html.body, "sv", "projekt"));
    const fi = await json("/api/v1/projects?sort=name&lang=fi&area=north");
    expect(codes(fi)).not.toEqual(codes(api));
  });

  it("any page size walks the whole result exactly once, in the export's order", async () => {
    const params = searchParams.parse({ status: ["running", "ended"], sort: "name" });
    const all = (await exportProjects(t.database.db, params, "fi")).map((r) => r.code);
    expect(all.length).toBeGreaterThan(100);
    for (const pageSize of [1, 37, 100]) {
      const walked: unknown[] = [];
      const pages = Math.ceil(all.length / pageSize);
      // pageSize 1 would take hundreds of requests: its first and last five pages are enough.
      const wanted =
        pageSize === 1 ? [1, 2, 3, 4, 5, pages - 4, pages - 3, pages - 2, pages - 1, pages] : [...Array(pages).keys()].map((i) => i + 1);
      for (const page of wanted) {
        const body = await json(`/api/v1/projects?status=running&status=ended&sort=name&pageSize=${pageSize}&page=${page}`);
        expect(body.total).toBe(all.length);
        walked.push(...codes(body));
      }
      const expected = pageSize === 1 ? [...all.slice(0, 5), ...all.slice(-5)] : all;
      expect(walked, `pageSize ${pageSize}`).toEqual(expected);
    }
    const beyond = await json(`/api/v1/projects?status=running&status=ended&pageSize=100&page=${Math.ceil(all.length / 100) + 1}`);
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(all.length);
  });

  it("gives the facet counts of the search page on request, with labels", async () => {
    const pairs: [string, string][] = [
      ["status", "ended"],
      ["area", "east"],
    ];
    const expected = await searchProjects(t.database.db, searchParams.parse(toObject(pairs)), "en");
    expect(expected.total).toBeGreaterThan(50);
    const api = await json(`/api/v1/projects?${qs(pairs)}&facets=true&lang=en`);
    expect(api.total).toBe(expected.total);
    const facets = api.facets as Record<string, { id: string; name: string; count: number }[]>;
    for (const [facet, values] of Object.entries(expected.facets)) {
      const sort = (v: { id: string; count: number }[]) => [...v].sort((a, b) => a.id.localeCompare(b.id));
      expect(
        sort(facets[facet] ?? []).map(({ id, count }) => ({ id, count })),
        facet,
      ).toEqual(sort(values.map((v) => ({ id: v.value, count: v.count }))));
    }
    // Disjunctive: "running" is still offered while "ended" is chosen.
    expect(facets.status?.find((v) => v.id === "running")).toEqual({ id: "running", name: "Running", count: 1 });
    expect(facets.status?.find((v) => v.id === "ended")?.count).toBe(api.total);
    expect(facets.area?.find((v) => v.id === "east")?.name).toBe("Eastern Finland");
    expect(facets.orgType?.find((v) => v.id === "municipality")?.name).toBe("Municipality or joint authority");
    // Without facets=true there are none.
    expect((await json(`/api/v1/projects?${qs(pairs)}`)).facets).toBeUndefined();
  });

  it("accepts one value or repeated values of a filter, and ignores empty ones", async () => {
    const one = await json("/api/v1/projects?status=running");
    const repeated = await json("/api/v1/projects?status=running&status=");
    expect(repeated.total).toBe(one.total);
    const both = await json("/api/v1/projects?status=running&status=ended");
    const ended = await json("/api/v1/projects?status=ended");
    expect(both.total).toBe(one.total + ended.total);
  });
});

describe("list items", () => {
  it("carry stable English fields, ids with labels, ISO dates and the demo mark", async () => {
    const body = await json("/api/v1/projects?q=S21994&lang=sv");
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toEqual({
      code: "S21994",
      name: { fi: "Romaniportti", sv: "Romaporten", en: "Roma Gateway" },
      status: { id: "running", name: "Pågående" },
      programme: { id: "esf-2014-2020-tl5", name: expect.stringContaining("ESF 2014–2020") },
      actionArea: { id: "esf-2014-2020-tl5:discrimination-deprivation", name: expect.any(String) },
      scope: { id: "regional", name: "Regionalt" },
      funder: { id: "stm", name: "Social- och hälsovårdsministeriet" },
      lead: { name: "Helsingin Diakonissalaitoksen säätiö sr", businessId: "0116480-8", type: { id: "foundation", name: "Stiftelse" } },
      areas: [
        { id: "east", name: "Östra Finland" },
        { id: "south", name: "Södra Finland" },
      ],
      targetGroups: [
        { id: "ethnic-minorities", name: expect.any(String) },
        { id: "long-term-unemployed", name: expect.any(String) },
      ],
      plannedStart: "2020-08-01",
      plannedEnd: "2023-07-31",
      actualStart: "2020-09-01",
      actualEnd: null,
      budget: { total: 1_200_000, publicFunding: 1_020_000 },
      isDemo: false,
      links: { self: "http://localhost:3000/api/v1/projects/S21994", html: "http://localhost:3000/sv/projekt/S21994" },
    });
    const demo = await json("/api/v1/projects?pageSize=5&status=ended");
    expect(demo.items.every((i) => i.isDemo === true)).toBe(true);
  });
});

describe("GET /api/v1/projects/{code}", () => {
  it("gives everything public about the project, like its page", async () => {
    const p = await json<Json>("/api/v1/projects/S21994?lang=en");
    expect(p).toMatchObject({
      code: "S21994",
      summary: {
        fi: "Romanien osallisuutta ja työllistymistä tukeva hanke.",
        sv: "Ett projekt som stöder romers delaktighet och sysselsättning.",
        en: null,
      },
      status: { id: "running", name: "Running" },
      scope: { id: "regional", name: "Regional" },
      objective: { id: "esf-2014-2020-tl5:10.1", name: expect.stringMatching(/^10\.1 /) },
      served: {
        wholeCountry: false,
        maakunnat: [{ id: "12", name: "North Karelia" }],
        municipalities: [{ id: "091", name: "Helsinki" }],
      },
      areas: [
        { id: "east", name: "Eastern Finland" },
        { id: "south", name: "Southern Finland" },
      ],
      lead: { name: "Helsingin Diakonissalaitoksen säätiö sr", businessId: "0116480-8", type: { id: "foundation", name: "Foundation" } },
      coImplementers: [{ name: "Romanikulttuurin yhdistys ry", businessId: null, type: { id: "ngo", name: "NGO or association" } }],
      partners: [{ name: "Kumppanisäätiö sr", businessId: null, type: { id: "foundation", name: "Foundation" } }],
      budget: { total: 1_200_000, publicFunding: 1_020_000 },
      participants: { planned: { women: 40, men: 35, other: null }, actual: { women: 12, men: null, other: null } },
      website: "https://romaniportti.example.fi",
      contact: { name: "Rosa Roma", email: "rosa@example.fi", phone: "+358 40 123 4567" },
      statusHistory: [{ status: { id: "running", name: "Running" }, changedOn: "2020-09-01" }],
      isDemo: false,
      links: { html: "http://localhost:3000/en/projects/S21994" },
    });
    expect(Date.parse(String(p.updatedAt))).not.toBeNaN();
    // What the HTML page shows, the API gives too.
    const html = (await get("/en/projects/S21994")).body;
    for (const text of ["North Karelia", "Helsinki", "Romanikulttuurin yhdistys ry", "Rosa Roma", "Eastern Finland"])
      expect(html).toContain(text);
  });

  it("gives a demo project's full status history, oldest first, and marks it as demo", async () => {
    const [first] = (await json("/api/v1/projects?status=ended&sort=code&pageSize=1")).items;
    const p = await json<Json & { statusHistory: { status: { id: string }; changedOn: string }[] }>(
      `/api/v1/projects/${String(first?.code)}`,
    );
    expect(p.isDemo).toBe(true);
    expect(p.statusHistory.length).toBeGreaterThan(1);
    expect(p.statusHistory.at(-1)?.status.id).toBe("ended");
    const days = p.statusHistory.map((h) => h.changedOn);
    expect(days).toEqual([...days].sort());
  });

  it("finds a code in lower case", async () => {
    expect((await json<Json>("/api/v1/projects/s21994")).code).toBe("S21994");
  });

  it("answers an unknown code with a JSON 404", async () => {
    const res = await get("/api/v1/projects/S99999");
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ error: "not_found", message: "No project with the code S99999." });
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["access-control-allow-origin"]).toBe("*");
  });

  it.each([
    ["/api/v1/projects/S2%20", "code"],
    [`/api/v1/projects/${"S".repeat(21)}`, "code"],
    ["/api/v1/projects/%C3%A4", "code"],
    ["/api/v1/projects/S21994?lang=de", "lang"],
    ["/api/v1/projects/S21994?status=running", "status"],
  ])("answers a malformed request %s with a JSON 400 naming %s", async (url, parameter) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: "bad_request", issues: expect.arrayContaining([expect.objectContaining({ parameter })]) });
  });
});

describe("bad query parameters", () => {
  it.each([
    ["page=0", "page"],
    ["page=abc", "page"],
    ["page=1.5", "page"],
    ["page=10001", "page"],
    ["page=1&page=2", "page"],
    ["pageSize=0", "pageSize"],
    ["pageSize=101", "pageSize"],
    ["status=bogus", "status"],
    ["status=running&status=bogus", "status"],
    ["maakunta=1", "maakunta"],
    ["startYear=1899", "startYear"],
    ["orgType=pirates", "orgType"],
    ["sort=random", "sort"],
    ["lang=de", "lang"],
    ["facets=yes", "facets"],
    [`q=${"x".repeat(201)}`, "q"],
    ["q=a&q=b", "q"],
    [`area=${"x".repeat(101)}`, "area"],
    [`${"status=running&".repeat(51)}`, "status"],
    ["stauts=running", "stauts"],
    ["sort[]=name", "sort[]"],
  ])("?%s → 400 JSON naming %s", async (query, parameter) => {
    const res = await get(`/api/v1/projects?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const body = res.json() as { error: string; message: string; issues: { parameter: string | null; message: string }[] };
    expect(body.error).toBe("bad_request");
    expect(body.issues.map((i) => i.parameter)).toContain(parameter);
    expect(body.issues.every((i) => i.message.length > 0)).toBe(true);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.body).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("random query strings never give a 500", async () => {
    const names = [...Object.keys(listQuery.shape), "x", "page[]", "", "status[0]"];
    const value = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.integer().map(String),
      fc.constantFrom("", "true", "running", "12", "2018", "S21994", "%", "%zz", "\u0000", "-1", "1e3", "NaN"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...names), value), { maxLength: 6 }), fc.boolean(), async (pairs, raw) => {
        // Raw: the characters as they come, unescaped; otherwise properly percent-encoded.
        const query = pairs.map(([k, v]) => (raw ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join("&");
        const res = await t.app.inject(`/api/v1/projects?${query.replace(/[#\s]/g, "")}`);
        expect([200, 400], `${query}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        expect(res.headers["content-type"]).toMatch(/^application\/json/);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 25 }), async (code) => {
        const res = await t.app.inject(`/api/v1/projects/${encodeURIComponent(code) || "x"}`);
        expect([200, 400, 404]).toContain(res.statusCode);
        expect(res.headers["content-type"]).toMatch(/^application\/json/);
      }),
      { numRuns: 100 },
    );
  });
});

describe("the OpenAPI document", () => {
  let doc: Json & { paths: Record<string, Record<string, Json>> };
  beforeAll(async () => {
    doc = await json<typeof doc>("/api/v1/openapi.json");
  });
  const operation = (path: string) => doc.paths[path]?.get as Json & { parameters: Json[]; responses: Record<string, Json> };
  const responseSchema = (path: string, status: string) =>
    ((operation(path).responses[status]?.content ?? {}) as Record<string, Json | undefined>)["application/json"]?.schema;

  it("is a valid OpenAPI 3.1 document", () => {
    expect(openApiProblems(doc)).toEqual([]);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("finds problems when there are some (the check itself works)", () => {
    const broken = JSON.parse(JSON.stringify(doc));
    broken.openapi = "3.0.0";
    delete broken.paths["/api/v1/projects"].get.responses["200"].description;
    broken.paths["/api/v1/projects/{code}"].get.parameters = [];
    broken.components.schemas.Reference = { type: "nonsense" };
    broken.paths["/api/v1/projects"].get.responses["404"] = {
      description: "x",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Nope" } } },
    };
    const problems = openApiProblems(broken).join("\n");
    expect(problems).toContain("openapi must be 3.1.x");
    expect(problems).toContain("a response needs a description");
    expect(problems).toContain("path template {code} has no path parameter");
    expect(problems).toContain("components.schemas.Reference: not a JSON Schema");
    expect(problems).toContain("unresolved $ref #/components/schemas/Nope");
  });

  it("documents both operations with every parameter of the zod schema", () => {
    // Other modules (indicators) add their own paths to the same document.
    expect(
      Object.keys(doc.paths)
        .filter((p) => p.startsWith("/api/v1/projects"))
        .sort(),
    ).toEqual(["/api/v1/projects", "/api/v1/projects/{code}"]);
    const list = operation("/api/v1/projects");
    expect(list.parameters.map((p) => p.name).sort()).toEqual(Object.keys(listQuery.shape).sort());
    expect(list.parameters.every((p) => p.in === "query" && typeof p.description === "string")).toBe(true);
    const status = list.parameters.find((p) => p.name === "status") as Json;
    expect(status.schema).toMatchObject({
      type: "array",
      items: { enum: ["idea", "planning", "applied", "running", "ended", "embedded"] },
    });
    expect(list.parameters.find((p) => p.name === "pageSize")?.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100 });
    expect(Object.keys(list.responses).sort()).toEqual(["200", "400", "429", "500"]);
    const one = operation("/api/v1/projects/{code}");
    expect(one.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual(["path:code", "query:lang"]);
    expect(Object.keys(one.responses).sort()).toEqual(["200", "400", "404", "429", "500"]);
    expect(responseSchema("/api/v1/projects", "200")).toEqual({ $ref: "#/components/schemas/ProjectList" });
    expect(responseSchema("/api/v1/projects/{code}", "200")).toEqual({ $ref: "#/components/schemas/Project" });
    // The directory's schemas (directory/api.ts) are named Directory…; the registry's are exactly these.
    expect(
      Object.keys((doc.components as { schemas: Json }).schemas)
        .filter((n) => !n.startsWith("Directory"))
        .sort(),
    ).toEqual(
      ["Error", "FacetCounts", "LocalizedText", "Organisation", "Project", "ProjectList", "ProjectSummary", "Reference", "Summary"].sort(),
    );
  });

  it("accepts every documented query parameter with its documented example, alone and all together", async () => {
    const list = operation("/api/v1/projects");
    const all = new URLSearchParams();
    for (const p of list.parameters) {
      expect(p.example, `${String(p.name)} has an example`).toBeDefined();
      const values = Array.isArray(p.example) ? p.example.map(String) : [String(p.example)];
      const alone = new URLSearchParams(values.map((v) => [String(p.name), v]));
      for (const v of values) all.append(String(p.name), v);
      const res = await get(`/api/v1/projects?${alone}`);
      expect(res.statusCode, `${alone}: ${res.body.slice(0, 200)}`).toBe(200);
    }
    expect((await get(`/api/v1/projects?${all}`)).statusCode).toBe(200);
    for (const p of operation("/api/v1/projects/{code}").parameters) expect(p.example).toBeDefined();
    expect((await get("/api/v1/projects/S21994?lang=sv")).statusCode).toBe(200);
  });

  it("describes the real responses: they validate against the documented schemas", async () => {
    const cases: [string, string, string, number][] = [
      ["/api/v1/projects", "200", "/api/v1/projects?pageSize=100&facets=true&lang=sv", 200],
      ["/api/v1/projects", "200", "/api/v1/projects?q=S21994", 200],
      ["/api/v1/projects", "200", "/api/v1/projects?q=ei+mitään+tällaista", 200],
      ["/api/v1/projects", "400", "/api/v1/projects?page=0&x=1", 400],
      ["/api/v1/projects/{code}", "200", "/api/v1/projects/S21994", 200],
      ["/api/v1/projects/{code}", "404", "/api/v1/projects/S99999", 404],
    ];
    const [demo] = (await json("/api/v1/projects?pageSize=1")).items;
    cases.push(["/api/v1/projects/{code}", "200", `/api/v1/projects/${String(demo?.code)}?lang=en`, 200]);
    for (const [path, status, url, expected] of cases) {
      const res = await get(url);
      expect(res.statusCode).toBe(expected);
      const validate = schemaValidator(doc, responseSchema(path, status));
      expect(validate(res.json()), `${url}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    // The validator is not a yes-man.
    const validate = schemaValidator(doc, responseSchema("/api/v1/projects/{code}", "200"));
    expect(validate({ code: "S21994" })).toBe(false);
  });
});

describe("HTTP behaviour", () => {
  it("allows any origin to read, caches answers briefly and sets no cookies", async () => {
    const res = await get("/api/v1/projects?pageSize=1");
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["cache-control"]).toBe("public, max-age=60");
    expect(res.headers["set-cookie"]).toBeUndefined();
    const head = await t.app.inject({ method: "HEAD", url: "/api/v1/projects/S21994" });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe("");
  });

  it("links the JSON of the current search from the search page", async () => {
    const html = (await get("/fi/hankkeet?status=running&area=east")).body;
    expect(html).toContain('href="/api/v1/projects?area=east&amp;status=running&amp;lang=fi"');
    expect(html).toContain("Avoin data: JSON-rajapinta");
    const en = (await get("/en/projects")).body;
    expect(en).toContain('href="/api/v1/projects?lang=en"');
  });
});
