import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../tests/helpers/test-app.ts";
import { isApiUrl } from "./api.ts";

// The frame of the JSON API (src/web/api.ts): JSON errors, the read-only methods, the rate limit,
// and that the HTML pages keep their own behaviour. The project routes are tested in
// src/modules/projects/api.test.ts.

let t: TestApp;
let log = "";

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      log += chunk.toString();
      cb();
    },
  });
  t = await createTestApp({ RATE_LIMIT_API_MAX: "3", RATE_LIMIT_API_WINDOW_SECONDS: "60", LOG_LEVEL: "error" }, { logStream: stream });
});
afterAll(async () => t?.close());

/** Each test its own client address, so that the small rate limit of this file counts per test. */
let address = 0;
const client = () => {
  address += 1;
  const remoteAddress = `192.0.2.${address}`;
  return (url: string, method: "GET" | "POST" | "OPTIONS" | "DELETE" | "HEAD" = "GET") => t.app.inject({ method, url, remoteAddress });
};

describe("API errors are JSON", () => {
  it("answers an unknown API path with a JSON 404, also outside /api/v1", async () => {
    const get = client();
    for (const url of ["/api/v1/nothing-here", "/api/v2/projects", "/api"]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toMatch(/^application\/json/);
      expect(res.json(), url).toMatchObject({ error: "not_found" });
    }
  });

  it("answers a malformed URL under /api/ with a JSON 400", async () => {
    const res = await client()("/api/v1/projects/%E0%A4%A");
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: "bad_request" });
  });

  it("is read-only: other methods get 405 JSON (not a CSRF page), a CORS preflight gets 204", async () => {
    const call = client();
    for (const method of ["POST", "DELETE"] as const) {
      const res = await call("/api/v1/projects", method);
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe("GET, HEAD");
      expect(res.json()).toMatchObject({ error: "method_not_allowed" });
    }
    const preflight = await call("/api/v1/projects", "OPTIONS");
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("*");
    expect(preflight.headers["access-control-allow-methods"]).toBe("GET, HEAD");
  });

  it("limits requests per client address with a JSON 429 and retry-after", async () => {
    const get = client();
    for (let i = 0; i < 3; i++) expect((await get("/api/v1/projects")).statusCode).toBe(200);
    const limited = await get("/api/v1/projects/S20064");
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["content-type"]).toMatch(/^application\/json/);
    expect(limited.json()).toEqual({ error: "too_many_requests", message: "Too many requests. Wait and try again." });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.headers["access-control-allow-origin"]).toBe("*");
    expect((await get("/api/v1/openapi.json")).statusCode).toBe(429);
    // Another address is not affected, and neither are the HTML pages.
    expect((await client()("/api/v1/projects")).statusCode).toBe(200);
    const page = await get("/fi/hankkeet");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
  });

  it("keeps the HTML pages' own error pages", async () => {
    const get = client();
    const missing = await get("/fi/ei-ole");
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toMatch(/^text\/html/);
    const post = await get("/fi/hankkeet", "POST");
    expect(post.headers["content-type"]).toMatch(/^text\/html/);
    expect(post.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("answers an unexpected failure with a JSON 500 without details, and logs it", async () => {
    // Break the database under the API: the registry version, which every search reads, is gone.
    await t.database.db.execute(sql`alter table registry_version rename to registry_version_gone`);
    try {
      const res = await client()("/api/v1/projects");
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: "internal_error", message: "Internal server error." });
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.body).not.toContain("registry_version");
      expect(log).toContain("API request failed");
      expect(log).toContain("registry_version");
    } finally {
      await t.database.db.execute(sql`alter table registry_version_gone rename to registry_version`);
    }
    expect((await client()("/api/v1/projects")).statusCode).toBe(200);
  });
});

describe("isApiUrl", () => {
  it.each([
    ["/api", true],
    ["/api/", true],
    ["/api?x=1", true],
    ["/api/v1/projects", true],
    ["/apis", false],
    ["/fi/api", false],
    ["/", false],
    ["", false],
  ])("%s → %s", (url, expected) => {
    expect(isApiUrl(url)).toBe(expected);
  });
});
