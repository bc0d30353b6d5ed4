import type { AddressInfo } from "node:net";
import { count } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, linkFrom, TEST_PASSWORD, type TestApp } from "../../../tests/helpers/test-app.ts";
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

beforeAll(async () => {
  server = new SMTPServer({
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
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
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

  it("a failing SMTP server does not reveal the account and gives no 500", async () => {
    const broken = await createTestApp({ SMTP_URL: "smtp://127.0.0.1:1" });
    const user = await createUser(broken, "researcher");
    const agent = new Agent(broken.app);
    await agent.get("/fi/salasana-unohtui");
    const known = await agent.post("/fi/salasana-unohtui", { email: user.email });
    const unknown = await agent.post("/fi/salasana-unohtui", { email: "nobody@example.fi" });
    expect(known.statusCode).toBe(303);
    expect(unknown.statusCode).toBe(303);
    expect(known.headers.location).toBe(unknown.headers.location);
    await broken.close();
  });
});

describe("invitation when the SMTP server fails", () => {
  it("keeps the invitation, tells the administrator the mail was not sent, and gives no 500", async () => {
    const broken = await createTestApp({ SMTP_URL: "smtp://127.0.0.1:1" });
    const admin = await createUser(broken, "admin");
    const agent = new Agent(broken.app);
    await agent.get("/fi/kirjaudu");
    await agent.post("/fi/kirjaudu", { email: admin.email, password: TEST_PASSWORD });
    await agent.get("/fi/hallinta/kayttajat/kutsu");
    const res = await agent.post("/fi/hallinta/kayttajat/kutsu", { email: "unlucky@example.fi", role: "researcher", locale: "fi" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fi/hallinta/kayttajat?mailFailed=1");
    const page = await agent.get("/fi/hallinta/kayttajat?mailFailed=1");
    expect(page.body).toContain("sähköpostin lähetys epäonnistui");
    expect(page.body).toContain("unlucky@example.fi");
    await broken.close();
  });
});
