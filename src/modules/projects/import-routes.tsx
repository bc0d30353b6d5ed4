import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/client.ts";
import { authorize } from "../../policy.ts";
import type { SessionUser } from "../../web/context.ts";
import { HttpError } from "../../web/http-error.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { uuidParam } from "../accounts/inputs.ts";
import type { FileProblem } from "./import-csv.ts";
import { findImportRun, IMPORT_LIMITS, importProjects, listImportRuns } from "./import-service.ts";
import { importUploadInput } from "./inputs.ts";
import { ImportPage, ImportRunPage } from "./views/import-pages.tsx";

/** The translated message of a problem that refuses the whole file. */
export function problemMessage(t: ReturnType<typeof pageContext>["t"], problem: FileProblem): string {
  switch (problem.key) {
    case "missingColumns": {
      const text = t("import.fileErrors.missingColumns", { count: problem.columns.length, columns: problem.columns.join(", ") });
      return problem.oneColumn ? `${text} ${t("import.fileErrors.delimiterHint")}` : text;
    }
    case "duplicateColumns":
      return t("import.fileErrors.duplicateColumns", { columns: problem.columns.join(", ") });
    case "tooLarge":
      return t("import.fileErrors.tooLarge", { megabytes: problem.maxMegabytes });
    case "tooManyRows":
      return t("import.fileErrors.tooManyRows", { rows: problem.maxRows });
    case "malformed":
      return t("import.fileErrors.malformed", { row: problem.row });
    default:
      return t(`import.fileErrors.${problem.key}`);
  }
}

/**
 * Project import (docs/decisions/0008): an upload form (multipart, registered only here with tight
 * limits) and the stored report of each run. POST → 303 → GET of the report, so a reload never
 * imports twice. Administrators and national coordinators; a report is shown to its importer
 * (and to administrators).
 */
export async function projectImportRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const runsOf = (user: SessionUser) => listImportRuns(db, user.id);
  const showForm = async (req: FastifyRequest, reply: FastifyReply, errors?: Record<string, string>, skipRejected = false) => {
    authorize(req.user, "projects.import");
    const ctx = pageContext(req, reply);
    const runs = await runsOf(req.user);
    return sendPage(
      reply,
      <ImportPage ctx={ctx} runs={runs} skipRejected={skipRejected} {...(errors ? { errors } : {})} />,
      errors ? 400 : 200,
    );
  };

  await app.register(async (scope) => {
    // Refuse before the upload is read: only someone who may import gets the body parsed.
    scope.addHook("preValidation", async (req) => {
      authorize(req.user, "projects.import");
    });
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: "keyValues",
      // Over the limit the file is cut, and the form says the file is too large (not a bare 413).
      throwFileSizeLimit: false,
      limits: { fileSize: IMPORT_LIMITS.maxBytes, files: 1, fields: 4, parts: 5, fieldSize: 1000, headerPairs: 50 },
      async onFile(part) {
        const data = await part.toBuffer();
        (part as unknown as { value: unknown }).value = { fileName: part.filename ?? "", data, truncated: part.file.truncated };
      },
    });

    // A body the multipart parser cannot read (cut short, no boundary) fails before any handler with
    // an error that has no status: it is the client's bad request, not a server error. Errors that
    // already have a status, and anything after the body was read, go to the app's handler as they are.
    const bodyRead = new WeakSet<FastifyRequest>();
    scope.addHook("preHandler", async (req) => {
      bodyRead.add(req);
    });
    scope.setErrorHandler(async (error: Error & { statusCode?: number }, req) => {
      if (!error.statusCode && req.method === "POST" && !bodyRead.has(req)) error.statusCode = 400;
      throw error;
    });

    registerPage(scope, "projectImport", {
      get: async (req, reply) => showForm(req, reply),
      post: async (req, reply) => {
        authorize(req.user, "projects.import");
        const { t } = pageContext(req, reply);
        const input = importUploadInput.parse(req.body ?? {});
        const skipRejected = input.skipRejected === "yes";
        const file = input.file;
        if (!file || (file.fileName === "" && file.data.length === 0)) {
          return showForm(req, reply, { file: t("import.fileErrors.noFile") }, skipRejected);
        }
        if (file.truncated) {
          return showForm(
            req,
            reply,
            { file: problemMessage(t, { key: "tooLarge", maxMegabytes: IMPORT_LIMITS.maxBytes / (1024 * 1024) }) },
            skipRejected,
          );
        }
        const result = await importProjects(db, file.data, {
          actorId: req.user.id,
          fileName: file.fileName || "import.csv",
          mode: skipRejected ? "skip_rejected" : "all_or_nothing",
          today: new Date().toISOString().slice(0, 10),
        });
        if (!result.ok) return showForm(req, reply, { file: problemMessage(t, result.problem) }, skipRejected);
        if (!result.runId) throw new Error("import run was not stored");
        return redirectAfterPost(reply, pathTo("projectImportRun", req.locale, { id: result.runId }));
      },
      postRateLimit: { max: 30, timeWindow: 60_000 },
    });
  });

  registerPage(app, "projectImportRun", {
    get: async (req, reply) => {
      authorize(req.user, "projects.import");
      const params = uuidParam.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      const run = await findImportRun(db, params.data.id);
      // Someone else's report does not exist for a coordinator (404, not 403: nothing to learn).
      if (!run || (run.createdBy !== req.user.id && req.user.role !== "admin")) throw new HttpError(404);
      return sendPage(reply, <ImportRunPage ctx={pageContext(req, reply)} run={run} />);
    },
  });
}
