import { type AddressInfo, createServer } from "node:net";
import { count, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, linkFrom, TEST_PASSWORD, type TestApp } from "../../../tests/helpers/test-app.ts";
import { jobs } from "../jobs/schema.ts";
import { mailOutbox } from "./schema.ts";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

// A real SMTP receiver in the test process: Sokra talks SMTP to it through nodemailer.
let server: SMTPServer;
let port: number;
const received: Received[] = [];
let t: TestApp;

/** A receiver that records what it gets into `into`. */
function receiver(into: Received[]): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        raw += chunk;
      });
      stream.on("end", () => {
        into.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
}

beforeAll(async () => {
  server = receiver(received);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.server.address() as AddressInfo).port;
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Sokra <sokra@example.fi>" });
});

afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Decodes a quoted-printable mail body well enough to read the link. */
function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

describe("mail through SMTP", () => {
  it("sends the password reset mail through the SMTP server and keeps nothing in the outbox", async () => {
    const user = await createUser(t, "researcher");
    const agent = new Agent(t.app);
    await agent.get("/en/forgot-password");
    const res = await agent.post("/en/forgot-password", { email: user.email });
    expect(res.statusCode).toBe(303);
    // The mail is a job of the queue: sent when the queue runs.
    expect(received).toHaveLength(0);
    await t.app.jobs.workOff();

    expect(received).toHaveLength(1);
    const mail = received[0];
    expect(mail?.from).toBe("sokra@example.fi");
    expect(mail?.to).toEqual([user.email]);
    const body = decodeQuotedPrintable(mail?.raw ?? "");
    expect(body).toMatch(/Subject: .*Sokra/);
    const link = linkFrom(body.slice(body.indexOf("http")));
    expect(link).toMatch(/^\/fi\/uusi-salasana\//);
    expect((await agent.get(link)).statusCode).toBe(200);

    expect((await t.database.db.select({ n: count() }).from(mailOutbox))[0]?.n).toBe(0);
  });

  it("a failing SMTP server does not reveal the account and gives no 500; the mail is retried", async () => {
    const broken = await createTestApp({ SMTP_URL: "smtp://127.0.0.1:1" });
    const user = await createUser(broken, "researcher");
    const agent = new Agent(broken.app);
    await agent.get("/fi/salasana-unohtui");
    const known = await agent.post("/fi/salasana-unohtui", { email: user.email });
    const unknown = await agent.post("/fi/salasana-unohtui", { email: "nobody@example.fi" });
    expect(known.statusCode).toBe(303);
    expect(unknown.statusCode).toBe(303);
    expect(known.headers.location).toBe(unknown.headers.location);
    expect(known.body).toBe(unknown.body);
    await broken.app.jobs.workOff();
    // One job, for the account that exists, kept for a retry with its error.
    const queued = await broken.database.db.select().from(jobs);
    expect(queued.map((j) => [j.type, j.status, j.attempts, (j.payload as { to?: string }).to])).toEqual([
      ["mail.send", "pending", 1, user.email],
    ]);
    expect(queued[0]?.lastError).toBeTruthy();
    await broken.close();
  });
});

/** A port nothing listens on yet. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const p = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return p;
}

describe("account mails through the job queue", () => {
  it("an invitation mail that fails while the SMTP server is down is sent by a later try", async () => {
    const later = await freePort();
    const app = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${later}`, MAIL_FROM: "Sokra <sokra@example.fi>" });
    const admin = await createUser(app, "admin");
    const agent = new Agent(app.app);
    await agent.get("/fi/kirjaudu");
    await agent.post("/fi/kirjaudu", { email: admin.email, password: TEST_PASSWORD });
    await agent.get("/fi/hallinta/kayttajat/kutsu");
    const res = await agent.post("/fi/hallinta/kayttajat/kutsu", { email: "patient@example.fi", role: "researcher", locale: "sv" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fi/hallinta/kayttajat?invited=1");
    expect((await agent.get("/fi/hallinta/kayttajat")).body).toContain("patient@example.fi");
    // The server is down: the send fails and the job waits 30 s for its next try.
    const first = new Date();
    await app.app.jobs.workOff(first);
    const [waiting] = await app.database.db.select().from(jobs).where(eq(jobs.type, "mail.send"));
    expect(waiting?.attempts).toBe(1);
    expect(waiting?.runAt.getTime()).toBeGreaterThan(first.getTime());
    // The SMTP server comes up; the next try delivers the invitation with its link.
    const got: Received[] = [];
    const up = receiver(got);
    await new Promise<void>((resolve) => up.listen(later, "127.0.0.1", () => resolve()));
    try {
      await app.app.jobs.workOff(new Date(first.getTime() + 31_000));
      expect(got.map((m) => m.to)).toEqual([["patient@example.fi"]]);
      const body = decodeQuotedPrintable(got[0]?.raw ?? "");
      expect(linkFrom(body.slice(body.indexOf("http")))).toMatch(/^\/sv\//);
      expect(await app.database.db.select().from(jobs).where(eq(jobs.type, "mail.send"))).toEqual([]);
      expect((await app.database.db.select({ n: count() }).from(mailOutbox))[0]?.n).toBe(0);
    } finally {
      await app.close();
      await new Promise<void>((resolve) => up.close(() => resolve()));
    }
  });
});
