import { describe, expect, it } from "vitest";
import { ConfigError, clockOf, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("gives working defaults for an empty environment", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.baseUrl).toBe("http://localhost:3000");
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe(".data");
    expect(c.smtpUrl).toBeUndefined();
    expect(c.secureCookies).toBe(false);
    expect(c.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" }).port).toBe(3000);
  });

  it("reads every variable", () => {
    const c = loadConfig({
      PORT: "8080",
      BASE_URL: "https://sokra.example.fi/",
      DATABASE_URL: "postgres://u@db:5432/sokra",
      DATA_DIR: "/var/lib/sokra",
      SMTP_URL: "smtps://u:p@mail.example.fi:465",
      SESSION_SECRET: "x".repeat(40),
      TRUST_PROXY: "true",
    });
    expect(c.port).toBe(8080);
    expect(c.baseUrl).toBe("https://sokra.example.fi");
    expect(c.secureCookies).toBe(true);
    expect(c.trustProxy).toBe(true);
    expect(c.smtpUrl).toBe("smtps://u:p@mail.example.fi:465");
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ PORT: "-1" }, "PORT"],
    [{ BASE_URL: "ftp://x" }, "BASE_URL"],
    [{ BASE_URL: "not a url" }, "BASE_URL"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ SMTP_URL: "http://mail" }, "SMTP_URL"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET"],
    [{ NODE_ENV: "production" }, "SESSION_SECRET"],
    [{ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) }, "SMTP_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ TRUST_PROXY: "maybe" }, "TRUST_PROXY"],
    [{ DEMO_ADMIN_EMAIL: "nope" }, "DEMO_ADMIN_EMAIL"],
    [{ SOTKANET_BASE_URL: "ftp://sotkanet.fi" }, "SOTKANET_BASE_URL"],
    [{ SOTKANET_TIMEOUT_SECONDS: "0" }, "SOTKANET_TIMEOUT_SECONDS"],
    [{ SOTKANET_PACING_MS: "-1" }, "SOTKANET_PACING_MS"],
    [
      { NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), MAIL_OUTBOX: "true", TEST_CLOCK_OFFSET_SECONDS: "3600" },
      "TEST_CLOCK_OFFSET_SECONDS",
    ],
    [{ NODE_ENV: "development", TEST_CLOCK_OFFSET_SECONDS: "-60" }, "TEST_CLOCK_OFFSET_SECONDS"],
    [{ TEST_CLOCK_OFFSET_SECONDS: "60" }, "TEST_CLOCK_OFFSET_SECONDS"],
    [{ NODE_ENV: "test", TEST_CLOCK_OFFSET_SECONDS: "90000" }, "TEST_CLOCK_OFFSET_SECONDS"],
    [{ NODE_ENV: "test", TEST_CLOCK_OFFSET_SECONDS: "soon" }, "TEST_CLOCK_OFFSET_SECONDS"],
  ])("rejects %o with a message naming %s", (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
  });

  it("allows the outbox in production only when asked for", () => {
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), MAIL_OUTBOX: "true" }).smtpUrl).toBeUndefined();
  });

  it("the test clock runs only with NODE_ENV=test; the real clock otherwise", () => {
    const test = loadConfig({ NODE_ENV: "test", TEST_CLOCK_OFFSET_SECONDS: "-7200" });
    const now = clockOf(test);
    expect(now).toBeDefined();
    expect(Math.abs((now?.().getTime() ?? 0) - (Date.now() - 7_200_000))).toBeLessThan(1000);
    expect(clockOf(loadConfig({ NODE_ENV: "test" }))).toBeUndefined();
    expect(clockOf(loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), MAIL_OUTBOX: "true" }))).toBeUndefined();
    // Even a configuration object made by hand does not get the test clock outside tests.
    expect(clockOf({ env: "production", testClockOffsetMs: 3_600_000 })).toBeUndefined();
  });

  it("lists every bad variable at once", () => {
    try {
      loadConfig({ PORT: "x", SMTP_URL: "y" });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems).toHaveLength(2);
    }
  });

  it("reads the Sotkanet settings, with THL's address, a minute's timeout and a second's pause by default", () => {
    expect(loadConfig({}).sotkanet).toEqual({ baseUrl: "https://sotkanet.fi/rest/1.1", timeoutMs: 60_000, pacingMs: 1000 });
    expect(
      loadConfig({ SOTKANET_BASE_URL: "http://127.0.0.1:9/rest/1.1/", SOTKANET_TIMEOUT_SECONDS: "5", SOTKANET_PACING_MS: "0" }).sotkanet,
    ).toEqual({ baseUrl: "http://127.0.0.1:9/rest/1.1", timeoutMs: 5000, pacingMs: 0 });
  });
});
