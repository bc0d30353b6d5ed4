import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSotkanet, startFakeSotkanet } from "../../../tests/helpers/sotkanet-server.ts";
import { readCatalogue } from "./catalogue.ts";
import { parseSotkanetFile } from "./parse-sotkanet.ts";
import { createSotkanetClient, SotkanetFetchError } from "./sotkanet-client.ts";
import { fetchPinned, type PinnedIndicator, readPinnedIndicators, sameTitle } from "./sotkanet-fetch.ts";

// The client against a local server that serves stored answers of the documented shape.
let server: FakeSotkanet;
beforeAll(async () => {
  server = await startFakeSotkanet({
    "/regions": { file: "regions.json" },
    "/indicators/127": { file: "indicators-127.json" },
    "/indicators": { file: "indicators-unknown.json" },
    "/indicators/500": { body: "Internal Server Error", status: 500 },
    "/indicators/404": { file: "unexpected-shape.json", status: 404 },
    "/indicators/9": { file: "unexpected-shape.json" },
    "/indicators/8": { file: "data-truncated.txt" },
    "/indicators/7": { hang: true },
    "/indicators/6": { file: "regions.json" },
    "/json?indicator=127&years=2021&years=2022&genders=total&genders=male&genders=female": { file: "data-127-genders.json" },
    "/json?indicator=127&years=2021&years=2022&genders=total": { file: "data-127.json" },
    "/json?indicator=127&years=2030&genders=total": { json: [] },
  });
});
afterAll(async () => server?.close());

const client = (extra: { timeoutMs?: number; pacingMs?: number } = {}) =>
  createSotkanetClient({ baseUrl: `${server.baseUrl}/`, timeoutMs: extra.timeoutMs ?? 2000, pacingMs: extra.pacingMs ?? 0 });

async function problemOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    if (error instanceof SotkanetFetchError) return error.problem;
    throw error;
  }
  throw new Error("expected a SotkanetFetchError");
}

describe("the Sotkanet client", () => {
  it("fetches metadata, regions and data rows of the documented shape, by the documented addresses", async () => {
    const c = client();
    const meta = await c.indicator(127);
    const parsedMeta = parseSotkanetFile(meta.bytes);
    expect(parsedMeta.ok && parsedMeta.kind).toBe("indicators");
    expect(parseSotkanetFile((await c.regions()).bytes)).toMatchObject({ ok: true, kind: "regions" });
    const data = await c.data(127, [2021, 2022], ["total", "male", "female"]);
    const parsed = parseSotkanetFile(data.bytes);
    expect(parsed.ok && parsed.kind === "data" && parsed.rows.map((r) => r.gender)).toContain("female");
    expect(data.url).toBe(`${server.baseUrl}/json?indicator=127&years=2021&years=2022&genders=total&genders=male&genders=female`);
    expect(data.name).toBe("data-127-2021-2022.json");
    expect(parseSotkanetFile((await c.indicators()).bytes)).toMatchObject({ ok: true, kind: "indicators" });
  });

  it("an empty data answer is returned as it is (the importer reports it)", async () => {
    const data = await client().data(127, [2030], ["total"]);
    expect(new TextDecoder().decode(data.bytes)).toBe("[]");
  });

  it("HTTP errors name the address and the status", async () => {
    expect(await problemOf(client().indicator(500))).toEqual({ key: "http", url: `${server.baseUrl}/indicators/500`, status: 500 });
    expect(await problemOf(client().indicator(404))).toMatchObject({ key: "http", status: 404 });
  });

  it("bad JSON, an unexpected shape and an answer of the wrong kind are refused", async () => {
    expect(await problemOf(client().indicator(8))).toEqual({ key: "notJson", url: `${server.baseUrl}/indicators/8` });
    expect(await problemOf(client().indicator(9))).toMatchObject({ key: "unexpectedShape", expected: "indicators" });
    expect(await problemOf(client().indicator(6))).toMatchObject({ key: "unexpectedShape", expected: "indicators" });
  });

  it("an answer that does not come within the timeout is a timeout", async () => {
    const started = Date.now();
    expect(await problemOf(client({ timeoutMs: 300 }).indicator(7))).toEqual({
      key: "timeout",
      url: `${server.baseUrl}/indicators/7`,
      seconds: 0.3,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a server that is not there is a network error", async () => {
    const c = createSotkanetClient({ baseUrl: "http://127.0.0.1:9/rest/1.1", timeoutMs: 2000, pacingMs: 0 });
    expect(await problemOf(c.regions())).toMatchObject({ key: "network", url: "http://127.0.0.1:9/rest/1.1/regions" });
  });

  it("paces its requests: one at a time, at least pacingMs apart", async () => {
    // A virtual clock: the pauses the client asks for are recorded and advance the clock, so the
    // rule is checked exactly rather than against a busy machine's timing.
    let clock = 1_000;
    const pauses: number[] = [];
    const starts: number[] = [];
    const c = createSotkanetClient({
      baseUrl: server.baseUrl,
      timeoutMs: 2000,
      pacingMs: 150,
      now: () => clock,
      sleep: async (ms) => {
        pauses.push(ms);
        clock += ms;
      },
    });
    const before = server.requests.length;
    const track = <T>(p: Promise<T>) => p.finally(() => starts.push(clock));
    await Promise.all([track(c.regions()), track(c.indicator(127)), track(c.regions())]);
    expect(pauses).toEqual([150, 150]);
    expect(starts).toEqual([1_000, 1_150, 1_300]);
    // One at a time, in the order asked: each request reached the server after the one before.
    expect(server.requests.slice(before).map((r) => r.url)).toEqual(["/regions", "/indicators/127", "/regions"]);
  });
});

describe("the pinned indicators", () => {
  const pinned = readPinnedIndicators();
  it("each pinned id is a Sotkanet indicator of the catalogue with the same Finnish title", () => {
    const catalogue = new Map(readCatalogue().map((i) => [i.id, i]));
    expect(pinned.length).toBeGreaterThan(0);
    for (const p of pinned) {
      const entry = catalogue.get(p.catalogueId);
      expect(entry?.source).toBe("sotkanet");
      expect(entry?.sourceId).toBe(String(p.sotkanetId));
      expect(sameTitle(entry?.titleFi ?? "", p.titleFi)).toBe(true);
    }
  });

  it("titles match ignoring case and runs of white space, nothing else", () => {
    expect(sameTitle("Väkiluku", " väkiluku ")).toBe(true);
    expect(sameTitle("Väkiluku  31.12.", "Väkiluku 31.12.")).toBe(true);
    expect(sameTitle("Väkiluku", "Väkiluku, miehet")).toBe(false);
  });

  it("fetchPinned: regions, the checked metadata and the data rows for the genders the entry allows", async () => {
    const entry = pinned.find((p) => p.sotkanetId === 127) as PinnedIndicator;
    const outcome = await fetchPinned(client(), { indicators: [entry], years: [2021, 2022], genders: ["total", "male", "female"] });
    expect(outcome.ok && outcome.files.map((f) => f.name)).toEqual(["regions.json", "indicators-127.json", "data-127-2021-2022.json"]);
  });

  it("fetchPinned refuses an id whose Finnish title changed, before fetching any data", async () => {
    server.routes.set("/indicators/127", { file: "indicators-127-renamed.json" });
    try {
      const entry = pinned.find((p) => p.sotkanetId === 127) as PinnedIndicator;
      const before = server.requests.length;
      const outcome = await fetchPinned(client(), { indicators: [entry], years: [2021, 2022], genders: ["total"] });
      expect(outcome).toEqual({
        ok: false,
        problems: [{ key: "titleChanged", sotkanetId: 127, expected: "Väkiluku", found: "Väestö 31.12., 0–17-vuotiaat" }],
      });
      expect(server.requests.slice(before).some((r) => r.url.startsWith("/json"))).toBe(false);
    } finally {
      server.routes.set("/indicators/127", { file: "indicators-127.json" });
    }
  });
});
