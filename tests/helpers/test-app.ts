import { randomBytes } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { buildApp, type SokraApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { prepareDatabase } from "../../src/db/bootstrap.ts";
import { type Database, openDatabase } from "../../src/db/client.ts";
import type { Role } from "../../src/modules/accounts/roles.ts";
import { users } from "../../src/modules/accounts/schema.ts";
import { hashPassword } from "../../src/modules/accounts/secrets.ts";
import type { Mailer } from "../../src/modules/mail/mailer.ts";

/**
 * A fresh Sokra for one test file. With TEST_DATABASE_URL (a PostgreSQL server URL) it creates
 * its own database there and drops it at the end; without, it uses an in-memory PGlite.
 */
export interface TestApp extends SokraApp {
  database: Database;
  close(): Promise<void>;
}

export async function createTestApp(
  env: Record<string, string> = {},
  options: { mailer?: Mailer; logStream?: NodeJS.WritableStream; now?: () => Date } = {},
): Promise<TestApp> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (serverUrl) {
    // Parallel workers may each be told to use their own prefix (so that they can tell their databases apart).
    const prefix = process.env.TEST_DATABASE_PREFIX ?? "sokra_test_";
    if (!/^[a-z_][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`TEST_DATABASE_PREFIX must be a plain identifier, is ${prefix}`);
    const name = `${prefix}${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      // pool.end() resolves before its connections have closed; forcing the drop while they close
      // makes them fail with 57P01, an unhandled error in the test run. Wait for them (at most 2.5 s).
      for (let i = 0; i < 50; i++) {
        const open = await c.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
        if ((open.rows[0]?.n ?? 0) === 0) break;
        await new Promise((done) => setTimeout(done, 50));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: ":memory:",
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await prepareDatabase(database);
  const built = await buildApp({
    config,
    database,
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    ...built,
    database,
    async close() {
      await built.app.close();
      await dropDatabase();
    },
  };
}

export const TEST_PASSWORD = "correct horse battery staple";

/** Inserts an active user directly (not through the invitation flow). */
export async function createUser(t: TestApp, role: Role, overrides: { email?: string; areaId?: string | null; name?: string } = {}) {
  const email = overrides.email ?? `${role}-${randomBytes(4).toString("hex")}@example.fi`;
  const [row] = await t.database.db
    .insert(users)
    .values({
      email,
      name: overrides.name ?? `Test ${role}`,
      role,
      areaId: overrides.areaId ?? (role === "area_coordinator" ? "east" : null),
      passwordHash: await hashPassword(TEST_PASSWORD),
    })
    .returning();
  if (!row) throw new Error("no user");
  return row;
}

/** A browser-like agent: keeps cookies and reads the CSRF token from the last page. */
export class Agent {
  private cookies = new Map<string, string>();
  csrf = "";
  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === "" || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m?.[1]) this.csrf = m[1];
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: "GET", url, headers: { cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    await this.app.backgroundTasks.settled();
    return res;
  }

  /** Posts a form like a browser, with the CSRF token unless `csrf: false`. */
  async post(url: string, form: Record<string, string | string[]>, opts: { csrf?: boolean } = {}) {
    const params = new URLSearchParams(opts.csrf === false ? {} : { _csrf: this.csrf });
    // A list is sent as repeated keys, as a browser sends checked checkboxes.
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    const body = params.toString();
    const res = await this.app.inject({
      method: "POST",
      url,
      payload: body,
      headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
    });
    this.remember(res);
    // Work the request left running (e.g. the reset mail) is done before the test looks.
    await this.app.backgroundTasks.settled();
    return res;
  }

  /** Posts a multipart form with one file, as a browser sends a file upload (CSRF token unless `csrf: false`). */
  async postFile(
    url: string,
    form: Record<string, string>,
    file: { field: string; name: string; data: Uint8Array | string; type?: string } | null,
    opts: { csrf?: boolean } = {},
  ) {
    const boundary = `----sokra${randomBytes(8).toString("hex")}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ ...(opts.csrf === false ? {} : { _csrf: this.csrf }), ...form })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    if (file) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? "text/csv"}\r\n\r\n`,
        ),
        Buffer.from(file.data),
        Buffer.from("\r\n"),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: "POST",
      url,
      payload: Buffer.concat(parts),
      headers: { cookie: this.cookieHeader(), "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    this.remember(res);
    await this.app.backgroundTasks.settled();
    return res;
  }

  /** Posts a raw body with the agent's cookies (to send malformed requests). */
  async postRaw(url: string, payload: string, contentType: string) {
    const res = await this.app.inject({
      method: "POST",
      url,
      payload,
      headers: { cookie: this.cookieHeader(), "content-type": contentType },
    });
    this.remember(res);
    return res;
  }

  hasCookie(name: string) {
    return this.cookies.has(name);
  }
}

/** Logs an agent in through the real login form. */
export async function loginAgent(t: TestApp, email: string, password = TEST_PASSWORD): Promise<Agent> {
  const agent = new Agent(t.app);
  await agent.get("/fi/kirjaudu");
  const res = await agent.post("/fi/kirjaudu", { email, password });
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`);
  return agent;
}

/** Extracts the first Sokra link from a mail body. */
export function linkFrom(text: string): string {
  const m = /https?:\/\/[^\s]+/.exec(text);
  if (!m) throw new Error(`no link in: ${text}`);
  return new URL(m[0]).pathname;
}
