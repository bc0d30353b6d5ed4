import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, linkFrom, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { jobs } from "../jobs/schema.ts";
import { mailOutbox } from "../mail/schema.ts";
import { helsinkiWallClock } from "./rules.ts";

// Event mails through the job queue to a real SMTP receiver in the test process.
let server: SMTPServer;
let port: number;
const received: { to: string[]; raw: string }[] = [];
let t: TestApp;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (c: string) => {
        raw += c;
      });
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.server.address() as AddressInfo).port;
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, RATE_LIMIT_AUTH_MAX: "10000", RATE_LIMIT_EVENTS_MAX: "10000" });
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Quoted-printable → UTF-8 text (the raw mail is ASCII, its =XX escapes are UTF-8 bytes). */
const decode = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    "latin1",
  ).toString("utf8");
const day = (d: number) => helsinkiWallClock(new Date(Date.now() + d * 86400_000)).slice(0, 10);

describe("event mails through SMTP", () => {
  it("confirmation, waitlist and promotion mails arrive after the queue runs; the promotion mail's link works", async () => {
    const coord = await loginAgent(t, (await createUser(t, "admin")).email);
    await coord.get("/fi/tapahtumat/uusi");
    const created = await coord.post("/fi/tapahtumat/uusi", {
      type: "project_cafe",
      titleFi: "Hankekahvila: nuoret",
      titleSv: "Projektkafé: unga",
      audience: "running_projects",
      place: "Oulu",
      capacity: "1",
      session1Date: day(5),
      session1Start: "13.00",
      session1End: "15.00",
    });
    const id = /tapahtumat\/([0-9a-f-]{36})/.exec(String(created.headers.location))?.[1] ?? "";
    const links: string[] = [];
    for (const [email, locale] of [
      ["eka@example.fi", "fi"],
      ["andra@example.fi", "sv"],
    ] as const) {
      const a = new Agent(t.app);
      const path = locale === "fi" ? `/fi/tapahtumat/${id}` : `/sv/evenemang/${id}`;
      await a.get(path);
      const res = await a.post(path, { name: email, email, organisation: "Org" });
      expect(res.statusCode).toBe(303);
      links.push(String(res.headers.location).split("?")[0] ?? "");
    }
    expect(received).toHaveLength(0);
    await t.app.jobs.workOff();
    expect(received.map((m) => m.to[0])).toEqual(["eka@example.fi", "andra@example.fi"]);
    expect(decode(received[0]?.raw ?? "")).toMatch(/Subject: .*Ilmoittautuminen vahvistettu/);
    expect(decode(received[1]?.raw ?? "")).toContain("du står i kö");

    const first = new Agent(t.app);
    await first.get(links[0] ?? "");
    await first.post(`${links[0]}/peru`, {});
    await t.app.jobs.workOff();
    const promotion = decode(received[2]?.raw ?? "");
    expect(received[2]?.to).toEqual(["andra@example.fi"]);
    expect(promotion).toContain("en plats blev ledig");
    const link = linkFrom(promotion.slice(promotion.indexOf("http")));
    expect(link).toBe(links[1]);
    expect((await new Agent(t.app).get(link)).body).toContain("Din plats är bekräftad");
    expect((await t.database.db.select().from(mailOutbox)).length).toBe(0);
  });

  it("a failing SMTP server leaves the mail queued for a retry, and the registration stands", async () => {
    const broken = await createTestApp({ SMTP_URL: "smtp://127.0.0.1:1", RATE_LIMIT_AUTH_MAX: "10000" });
    const coord = await loginAgent(broken, (await createUser(broken, "admin")).email);
    await coord.get("/fi/tapahtumat/uusi");
    const created = await coord.post("/fi/tapahtumat/uusi", {
      type: "seminar",
      titleFi: "Seminaari",
      audience: "everyone",
      place: "Helsinki",
      capacity: "5",
      session1Date: day(5),
      session1Start: "9.00",
      session1End: "16.00",
    });
    const id = /tapahtumat\/([0-9a-f-]{36})/.exec(String(created.headers.location))?.[1] ?? "";
    const a = new Agent(broken.app);
    await a.get(`/fi/tapahtumat/${id}`);
    expect((await a.post(`/fi/tapahtumat/${id}`, { name: "R", email: "r@example.fi", organisation: "O" })).statusCode).toBe(303);
    await broken.app.jobs.workOff();
    const [mailJob] = await broken.database.db.select().from(jobs).where(eq(jobs.type, "mail.send"));
    expect(mailJob).toMatchObject({ status: "pending", attempts: 1 });
    expect(mailJob?.lastError).toBeTruthy();
    expect(mailJob?.runAt.getTime()).toBeGreaterThan(Date.now());
    await broken.close();
  });
});
