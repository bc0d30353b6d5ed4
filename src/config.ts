import { randomBytes } from "node:crypto";
import { z } from "zod";

const booleanString = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().min(1).default("localhost"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
    DATA_DIR: z.string().min(1).default(".data"),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
      .optional(),
    MAIL_OUTBOX: booleanString.default(false),
    MAIL_FROM: z.string().min(3).default("Sokra <no-reply@sokra.invalid>"),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    TRUST_PROXY: booleanString.default(false),
    RATE_LIMIT_AUTH_MAX: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_AUTH_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    /** Survey answers sent from one address per window (a worker may fill in many forms with a group). */
    RATE_LIMIT_SURVEY_MAX: z.coerce.number().int().min(1).default(60),
    RATE_LIMIT_SURVEY_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
    /** Smallest group whose survey figures are shown (k of small-cell suppression); never below 3. */
    SURVEY_MIN_RESPONDENTS: z.coerce.number().int().min(3).default(5),
    JOB_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
    RATE_LIMIT_EVENTS_MAX: z.coerce.number().int().min(1).default(30),
    RATE_LIMIT_API_MAX: z.coerce.number().int().min(1).default(300),
    RATE_LIMIT_API_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(100 * 1024),
    // The live Sotkanet service (THL) the indicator fetch reads; tests point it at a local server.
    SOTKANET_BASE_URL: z.url({ protocol: /^https?$/ }).default("https://sotkanet.fi/rest/1.1"),
    SOTKANET_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
    SOTKANET_PACING_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    DEMO: booleanString.default(false),
    DEMO_ADMIN_EMAIL: z.email().default("admin@sokra.example"),
    DEMO_ADMIN_PASSWORD: z.string().min(12).optional(),
    /**
     * A test clock: the server's "now" is the real time shifted by this many seconds (at most
     * a day either way). Accepted only with NODE_ENV=test (the e2e server); refused otherwise.
     */
    TEST_CLOCK_OFFSET_SECONDS: z.coerce.number().int().min(-86400).max(86400).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.TEST_CLOCK_OFFSET_SECONDS !== undefined && env.NODE_ENV !== "test") {
      ctx.addIssue({ code: "custom", path: ["TEST_CLOCK_OFFSET_SECONDS"], message: "is accepted only with NODE_ENV=test" });
    }
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "is required in production",
      });
    }
    // The outbox shows live one-time links to administrators: in production only when asked for.
    if (env.NODE_ENV === "production" && !env.SMTP_URL && !env.MAIL_OUTBOX) {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message: "is required in production (or set MAIL_OUTBOX=true to keep mails in the outbox)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env["NODE_ENV"];
  host: string;
  port: number;
  baseUrl: string;
  databaseUrl: string | undefined;
  /** Folder of the embedded database, or ":memory:" for a throw-away one (tests). */
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  sessionTtlHours: number;
  secureCookies: boolean;
  logLevel: Env["LOG_LEVEL"];
  trustProxy: boolean;
  rateLimitAuth: { max: number; windowSeconds: number };
  rateLimitSurvey: { max: number; windowSeconds: number };
  surveyMinRespondents: number;
  /** How often each instance looks for due jobs. */
  jobPollSeconds: number;
  /** Event registrations, check-ins and feedback per client address per RATE_LIMIT_AUTH_WINDOW_SECONDS. */
  rateLimitEvents: { max: number; windowSeconds: number };
  /** Requests per client address to the JSON API (/api/v1) per window. */
  rateLimitApi: { max: number; windowSeconds: number };
  bodyLimitBytes: number;
  /** The Sotkanet REST API: base address, per-request timeout, least pause between requests. */
  sotkanet: { baseUrl: string; timeoutMs: number; pacingMs: number };
  demo: { enabled: boolean; adminEmail: string; adminPassword: string | undefined };
  /** The test clock's shift in milliseconds (NODE_ENV=test only), or undefined for the real clock. */
  testClockOffsetMs: number | undefined;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads the environment into a typed configuration; throws ConfigError naming each bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as in most twelve-factor apps.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
  }
  const env = parsed.data;
  const baseUrl = (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    baseUrl,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    // Without a configured secret (development only) a random one is used: cookies signed with it
    // stop working at restart, which is harmless for a laptop.
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString("base64url"),
    sessionTtlHours: env.SESSION_TTL_HOURS,
    secureCookies: baseUrl.startsWith("https://"),
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    rateLimitAuth: { max: env.RATE_LIMIT_AUTH_MAX, windowSeconds: env.RATE_LIMIT_AUTH_WINDOW_SECONDS },
    rateLimitSurvey: { max: env.RATE_LIMIT_SURVEY_MAX, windowSeconds: env.RATE_LIMIT_SURVEY_WINDOW_SECONDS },
    surveyMinRespondents: env.SURVEY_MIN_RESPONDENTS,
    jobPollSeconds: env.JOB_POLL_SECONDS,
    rateLimitEvents: { max: env.RATE_LIMIT_EVENTS_MAX, windowSeconds: env.RATE_LIMIT_AUTH_WINDOW_SECONDS },
    rateLimitApi: { max: env.RATE_LIMIT_API_MAX, windowSeconds: env.RATE_LIMIT_API_WINDOW_SECONDS },
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    sotkanet: {
      baseUrl: env.SOTKANET_BASE_URL.replace(/\/+$/, ""),
      timeoutMs: env.SOTKANET_TIMEOUT_SECONDS * 1000,
      pacingMs: env.SOTKANET_PACING_MS,
    },
    demo: {
      enabled: env.DEMO,
      adminEmail: env.DEMO_ADMIN_EMAIL,
      adminPassword: env.DEMO_ADMIN_PASSWORD,
    },
    testClockOffsetMs:
      env.NODE_ENV === "test" && env.TEST_CLOCK_OFFSET_SECONDS !== undefined ? env.TEST_CLOCK_OFFSET_SECONDS * 1000 : undefined,
  };
}

/** The application's clock: the real one, or (NODE_ENV=test only) the test clock shifted by the configured offset. */
export function clockOf(config: Pick<Config, "env" | "testClockOffsetMs">): (() => Date) | undefined {
  const offset = config.testClockOffsetMs;
  if (offset === undefined || config.env !== "test") return undefined;
  return () => new Date(Date.now() + offset);
}
