import { defineConfig } from "@playwright/test";

// End-to-end tests in Debian's Chromium (never a downloaded browser), against a Sokra started on
// a throw-away in-memory database. Every journey runs twice: with JavaScript on and off.
const port = Number(process.env.E2E_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${port}`;
// The indicator fetch talks to a local stand-in for Sotkanet (tests never use the network).
const sotkanetPort = port + 100;
export const E2E_ADMIN = { email: "admin@sokra.example", password: "e2e-admin-password-2026" };

/**
 * The server's test clock (TEST_CLOCK_OFFSET_SECONDS, NODE_ENV=test only): from 20:00 Helsinki time
 * on, the server runs at 19:00 of the same day, so journeys that need "in 30 minutes" and "in two
 * hours" on one Helsinki day never meet midnight (the date stays the same). Computed once and
 * handed to the workers through the environment; tests read the server's time with e2eNow().
 */
function clockOffsetSeconds(): number {
  const now = new Date();
  const [h = 0, m = 0, s = 0] = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Helsinki",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  })
    .format(now)
    .split(":")
    .map(Number);
  return h >= 20 ? -((h - 19) * 3600 + m * 60 + s) : 0;
}
process.env.E2E_CLOCK_OFFSET_SECONDS ??= String(clockOffsetSeconds());
export const E2E_CLOCK_OFFSET_SECONDS = Number(process.env.E2E_CLOCK_OFFSET_SECONDS);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 90_000,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "js-on", use: { javaScriptEnabled: true } },
    { name: "js-off", use: { javaScriptEnabled: false } },
  ],
  webServer: [
    {
      command: "node --import tsx tests/e2e/fake-sotkanet.ts",
      url: `http://127.0.0.1:${sotkanetPort}/rest/1.1/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      env: { SOTKANET_FAKE_PORT: String(sotkanetPort) },
    },
    {
      command: "node --import tsx src/main.ts",
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      // The start loads the demo programme and the starting indicator data (about 76,000 values and the
      // index): on this shared 2-core machine under load that can take longer than two minutes.
      timeout: 240_000,
      stdout: "pipe",
      env: {
        NODE_ENV: "test",
        HOST: "127.0.0.1",
        PORT: String(port),
        BASE_URL: baseURL,
        DATA_DIR: ":memory:",
        DEMO: "true",
        DEMO_ADMIN_EMAIL: E2E_ADMIN.email,
        DEMO_ADMIN_PASSWORD: E2E_ADMIN.password,
        RATE_LIMIT_AUTH_MAX: "100000",
        // Every participant of the journeys answers from 127.0.0.1.
        RATE_LIMIT_SURVEY_MAX: "100000",
        RATE_LIMIT_EVENTS_MAX: "100000",
        // Event mails go through the job queue: poll it often so journeys read their mail quickly.
        JOB_POLL_SECONDS: "1",
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
        SESSION_SECRET: "e2e-session-secret-e2e-session-secret",
        SOTKANET_BASE_URL: `http://127.0.0.1:${sotkanetPort}/rest/1.1`,
        SOTKANET_PACING_MS: "0",
        TEST_CLOCK_OFFSET_SECONDS: String(E2E_CLOCK_OFFSET_SECONDS),
      },
    },
  ],
});
