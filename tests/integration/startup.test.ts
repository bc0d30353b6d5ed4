import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { mailOutbox } from "../../src/modules/mail/schema.ts";
import { Agent, createTestApp, createUser, linkFrom } from "../helpers/test-app.ts";

const root = resolve(import.meta.dirname, "../..");

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("close", (code) => done({ code, stderr }));
  });
}

describe("start-up", () => {
  it("refuses an invalid configuration with a message naming each bad variable", async () => {
    const { code, stderr } = await runMain({ PORT: "not-a-port", SMTP_URL: "http://mail" });
    expect(code).toBe(78);
    expect(stderr).toContain("Invalid configuration");
    expect(stderr).toContain("PORT");
    expect(stderr).toContain("SMTP_URL");
    expect(stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it("refuses to start in production without SESSION_SECRET", async () => {
    const { code, stderr } = await runMain({ NODE_ENV: "production", DATA_DIR: ":memory:" });
    expect(code).toBe(78);
    expect(stderr).toContain("SESSION_SECRET");
  });
});

describe("request logs", () => {
  it("hold no personal data: no IP address, no e-mail, no query string, no token", async () => {
    let log = "";
    const stream = new Writable({
      write(chunk, _enc, cb) {
        log += chunk.toString();
        cb();
      },
    });
    const t = await createTestApp({ LOG_LEVEL: "info" }, { logStream: stream });
    const user = await createUser(t, "researcher", { email: "private.person@example.fi" });
    const agent = new Agent(t.app);
    await agent.get("/fi/salasana-unohtui?utm=private.person@example.fi");
    await agent.post("/fi/salasana-unohtui", { email: user.email });
    await t.app.jobs.workOff();
    const [mail] = await t.database.db.select().from(mailOutbox);
    const link = linkFrom(mail?.bodyText ?? "");
    const token = link.split("/").pop() ?? "";
    await agent.get(link);
    await t.close();

    expect(log).toContain('"route":"/fi/uusi-salasana/:token"');
    expect(log).not.toContain("private.person");
    expect(log).not.toContain(token);
    expect(log).not.toContain("127.0.0.1");
    expect(log).not.toContain("remoteAddress");
  });
});
