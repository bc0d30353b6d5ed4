import fastifySwagger from "@fastify/swagger";
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  preValidationHookHandler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
  hasZodFastifySchemaValidationErrors,
  ResponseSerializationError,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../config.ts";

/**
 * The open JSON API: one encapsulated Fastify plugin under /api/v1, so the HTML pages keep their
 * own error pages and the API gets JSON errors, CORS and caching headers and its own rate limit.
 * Routes validate and serialize with zod (fastify-type-provider-zod), and @fastify/swagger turns the
 * same schemas into the OpenAPI document at /api/v1/openapi.json.
 */
export const API_PREFIX = "/api/v1";

/** Whether a request URL belongs to the API (any version): such requests never get an HTML page. */
export function isApiUrl(url: string): boolean {
  return /^\/api(\/|\?|$)/.test(url);
}

export type ApiInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface ApiContext {
  /** Public address of Sokra, for absolute links in responses. */
  baseUrl: string;
  /** Route config of the API's rate limit (per client address, shared by every API route). */
  rateLimit: { max: number; timeWindow: number; groupId: string };
}

export type ApiRoutes = (api: ApiInstance, ctx: ApiContext) => Promise<void>;

export const apiError = z
  .object({
    error: z.string().describe("Machine-readable code: bad_request, not_found, too_many_requests, internal_error …"),
    message: z.string(),
    issues: z
      .array(
        z.object({
          parameter: z.string().nullable().describe("The query or path parameter at fault, if one."),
          code: z.string(),
          message: z.string(),
        }),
      )
      .optional()
      .describe("What was wrong with the request (400 only)."),
  })
  .meta({ id: "Error", description: "Every error of the API has this shape." });
export type ApiError = z.output<typeof apiError>;

const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });

/** Response documentation of a route: its success schema plus the errors every API route can give. */
export function responses<T extends z.ZodType>(okDescription: string, ok: T, extra: { notFound?: boolean } = {}) {
  return {
    200: json(okDescription, ok),
    400: json("Invalid parameters; `issues` says which and why.", apiError),
    ...(extra.notFound ? { 404: json("Not found.", apiError) } : {}),
    429: json("Too many requests from this address; retry after the seconds in the `retry-after` header.", apiError),
    500: json("Unexpected error (logged on the server).", apiError),
  };
}

const ERROR_CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "too_many_requests",
  500: "internal_error",
};

const MESSAGES: Record<number, string> = {
  400: "The request is not valid.",
  404: "Not found.",
  405: "Method not allowed.",
  429: "Too many requests. Wait and try again.",
  500: "Internal server error.",
};

export function apiErrorBody(status: number, extra: Partial<ApiError> = {}): ApiError {
  return {
    error: ERROR_CODES[status] ?? `http_${status}`,
    message: MESSAGES[status] ?? `HTTP ${status}`,
    ...extra,
  };
}

/** The zod issues of a failed validation, named by parameter (an unknown parameter gives one issue per name). */
function validationIssues(error: { validation: { instancePath: string; keyword: string; message?: string; params: object }[] }) {
  return error.validation.flatMap((v) => {
    const keys = (v.params as { keys?: unknown }).keys;
    if (v.keyword === "unrecognized_keys" && Array.isArray(keys)) {
      return keys.map((k) => ({ parameter: String(k), code: "unknown_parameter", message: `Unknown parameter "${String(k)}".` }));
    }
    const parameter = v.instancePath.split("/").filter(Boolean)[0] ?? null;
    return [{ parameter, code: v.keyword, message: v.message ?? "Invalid value." }];
  });
}

/** Whether a query parameter's schema is a list (after defaults and optionals). */
function isListSchema(schema: z.core.$ZodType): boolean {
  if (schema instanceof z.ZodArray) return true;
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    return isListSchema(schema.unwrap() as z.core.$ZodType);
  }
  if (schema instanceof z.ZodPipe) return isListSchema(schema.in);
  return false;
}

/**
 * A query string gives a single value as a string and a repeated one as an array. This hook turns the
 * single value of a list parameter into a one-item list before validation, and drops empty values
 * (`?status=`), so the schema — and the OpenAPI document — can say plainly "array of …".
 */
export function listQueryParams(schema: z.ZodObject): preValidationHookHandler {
  const lists = Object.entries(schema.shape)
    .filter(([, s]) => isListSchema(s as z.core.$ZodType))
    .map(([k]) => k);
  return (req, _reply, done) => {
    const query = req.query as Record<string, unknown>;
    for (const key of lists) {
      const v = query[key];
      if (v === undefined) continue;
      const values = Array.isArray(v) ? v : [v];
      query[key] = values.filter((x) => x !== "");
    }
    done();
  };
}

/**
 * Tidies the JSON schemas zod generates for the document: response objects stay open (a later
 * version may add fields; clients ignore unknown ones) while the strict query keeps
 * `additionalProperties: false`; `format: date` needs no regex twin; integers need no ±2^53 bounds.
 */
function tidySchema(ctx: { zodSchema: z.core.$ZodType; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  const js = ctx.jsonSchema;
  const def = ctx.zodSchema._zod.def;
  if (def.type === "object" && !(def as { catchall?: unknown }).catchall && js.additionalProperties === false)
    delete js.additionalProperties;
  if ((js.format === "date" || js.format === "date-time") && typeof js.pattern === "string") delete js.pattern;
  if (js.minimum === Number.MIN_SAFE_INTEGER) delete js.minimum;
  if (js.maximum === Number.MAX_SAFE_INTEGER) delete js.maximum;
}
const zodToJsonConfig = { override: tidySchema };

/** Keeps only the component schemas the document refers to (the type provider adds an "…Input" twin of each). */
function pruneComponents<D extends { components?: { schemas?: Record<string, unknown> } }>(doc: D): D {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  const refsIn = (value: unknown) => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string);
  const { components, ...rest } = doc;
  const used = new Set(refsIn(rest));
  const queue = [...used];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const ref of refsIn(schemas[name])) {
      if (!used.has(ref)) {
        used.add(ref);
        queue.push(ref);
      }
    }
  }
  return { ...doc, components: { ...components, schemas: Object.fromEntries(Object.entries(schemas).filter(([k]) => used.has(k))) } };
}

function sendError(reply: FastifyReply, status: number, extra: Partial<ApiError> = {}) {
  return reply.status(status).header("cache-control", "no-store").send(apiErrorBody(status, extra));
}

/** Registers the API under /api/v1 with the given module routes. */
export async function registerApi(app: FastifyInstance, { config, routes }: { config: Config; routes: ApiRoutes[] }) {
  const ctx: ApiContext = {
    baseUrl: config.baseUrl,
    rateLimit: { max: config.rateLimitApi.max, timeWindow: config.rateLimitApi.windowSeconds * 1000, groupId: "api" },
  };
  const transformObject = createJsonSchemaTransformObject({ zodToJsonConfig });
  await app.register(
    async (plain) => {
      const api = plain.withTypeProvider<ZodTypeProvider>();
      api.setValidatorCompiler(validatorCompiler);
      api.setSerializerCompiler(serializerCompiler);

      await api.register(fastifySwagger, {
        openapi: {
          openapi: "3.1.0",
          info: {
            title: "Sokra open data API",
            version: "1.0.0",
            description: [
              "The public project registry of Sokra as JSON: the same filters as the public project search, and everything public about one project.",
              "",
              `Read-only, no authentication. CORS is open (\`access-control-allow-origin: *\`). At most ${config.rateLimitApi.max} requests per ${config.rateLimitApi.windowSeconds} seconds per client address; responses may be cached for 60 seconds.`,
              "Labels (statuses, areas, funders …) come in the language of the `lang` parameter (fi, sv, en); project names and summaries come in every language they were given in.",
            ].join("\n"),
          },
          servers: [{ url: config.baseUrl }],
          tags: [
            { name: "projects", description: "The project registry" },
            { name: "directory", description: "The network directory: organisations and the people who chose to be public" },
          ],
        },
        transform: createJsonSchemaTransform({ zodToJsonConfig }),
        transformObject: (documentObject) => pruneComponents(transformObject(documentObject) as { components?: never }),
      });

      // Read-only: other methods get 405 (before the CSRF check of forms); a CORS preflight gets its answer.
      api.addHook("onRequest", async (req, reply) => {
        if (req.method === "GET" || req.method === "HEAD") return;
        if (req.method === "OPTIONS") {
          return reply
            .status(204)
            .header("access-control-allow-methods", "GET, HEAD")
            .header("access-control-allow-headers", "*")
            .header("access-control-max-age", "86400")
            .send();
        }
        return sendError(reply.header("allow", "GET, HEAD"), 405, { message: "The API is read-only: use GET." });
      });

      api.addHook("onSend", async (_req, reply, payload) => {
        // Public, read-only data: any web page may read it; cache successful answers briefly.
        reply.header("access-control-allow-origin", "*");
        reply.header("cross-origin-resource-policy", "cross-origin");
        if (!reply.hasHeader("cache-control")) reply.header("cache-control", reply.statusCode < 300 ? "public, max-age=60" : "no-store");
        return payload;
      });

      api.setNotFoundHandler((req, reply) =>
        sendError(reply, 404, { message: `No such API resource: ${req.method} ${req.url.split("?")[0]}` }),
      );

      api.setErrorHandler((error: FastifyError, req, reply) => {
        if (hasZodFastifySchemaValidationErrors(error)) {
          return sendError(reply, 400, { issues: validationIssues(error) });
        }
        const status = error.statusCode ?? 500;
        if (error instanceof ResponseSerializationError || status >= 500 || status < 400) {
          req.log.error({ err: error }, "API request failed");
          return sendError(reply, 500);
        }
        return sendError(reply, status);
      });

      api.get("/openapi.json", { schema: { hide: true }, config: { rateLimit: ctx.rateLimit } }, async (_req, reply) =>
        reply.type("application/json; charset=utf-8").send(api.swagger()),
      );

      for (const register of routes) await register(api as unknown as ApiInstance, ctx);
    },
    { prefix: API_PREFIX },
  );
}
