import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { authorize } from "../../policy.ts";
import { HttpError } from "../../web/http-error.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { uuidParam } from "../accounts/inputs.ts";
import { problemMessage } from "../projects/import-routes.tsx";
import { importUploadInput } from "../projects/inputs.ts";
import { DIRECTORY_IMPORT_LIMITS, findDirectoryImportRun, importDirectory } from "./import-service.ts";
import { IMPORT_KINDS } from "./schema.ts";
import { DirectoryImportPage, DirectoryImportRunPage } from "./views/import-pages.tsx";

const kindInput = z.object({ kind: z.enum(IMPORT_KINDS).optional().catch(undefined) });

/** CSV import of organisations and people (the project import's pattern: multipart only here, POST → 303 → stored report). */
export async function directoryImportRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const showForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    values: { kind?: string; skipRejected?: boolean },
    errors?: Record<string, string>,
  ) => {
    authorize(req.user, "directory.import");
    return sendPage(
      reply,
      <DirectoryImportPage ctx={pageContext(req, reply)} values={values} {...(errors ? { errors } : {})} />,
      errors ? 400 : 200,
    );
  };

  await app.register(async (scope) => {
    scope.addHook("preValidation", async (req) => {
      authorize(req.user, "directory.import");
    });
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: "keyValues",
      throwFileSizeLimit: false,
      limits: { fileSize: DIRECTORY_IMPORT_LIMITS.maxBytes, files: 1, fields: 4, parts: 5, fieldSize: 1000, headerPairs: 50 },
      async onFile(part) {
        const data = await part.toBuffer();
        (part as unknown as { value: unknown }).value = { fileName: part.filename ?? "", data, truncated: part.file.truncated };
      },
    });
    const bodyRead = new WeakSet<FastifyRequest>();
    scope.addHook("preHandler", async (req) => {
      bodyRead.add(req);
    });
    scope.setErrorHandler(async (error: Error & { statusCode?: number }, req) => {
      if (!error.statusCode && req.method === "POST" && !bodyRead.has(req)) error.statusCode = 400;
      throw error;
    });

    registerPage(scope, "directoryImport", {
      get: async (req, reply) => showForm(req, reply, {}),
      post: async (req, reply) => {
        authorize(req.user, "directory.import");
        const { t } = pageContext(req, reply);
        const input = importUploadInput.parse(req.body ?? {});
        const { kind } = kindInput.parse(req.body ?? {});
        const skipRejected = input.skipRejected === "yes";
        const values = { ...(kind ? { kind } : {}), skipRejected };
        const errors: Record<string, string> = {};
        if (!kind) errors.kind = t("errors.importKind");
        const file = input.file;
        if (!file || (file.fileName === "" && file.data.length === 0)) errors.file = t("import.fileErrors.noFile");
        else if (file.truncated)
          errors.file = problemMessage(t, { key: "tooLarge", maxMegabytes: DIRECTORY_IMPORT_LIMITS.maxBytes / (1024 * 1024) });
        if (!kind || !file || Object.keys(errors).length) return showForm(req, reply, values, errors);
        const result = await importDirectory(db, file.data, {
          actorId: req.user.id,
          fileName: file.fileName || "import.csv",
          kind,
          mode: skipRejected ? "skip_rejected" : "all_or_nothing",
        });
        if (!result.ok) return showForm(req, reply, values, { file: problemMessage(t, result.problem) });
        return redirectAfterPost(reply, pathTo("directoryImportRun", req.locale, { id: result.runId }));
      },
      postRateLimit: { max: 30, timeWindow: 60_000 },
    });
  });

  registerPage(app, "directoryImportRun", {
    get: async (req, reply) => {
      authorize(req.user, "directory.import");
      const params = uuidParam.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      const run = await findDirectoryImportRun(db, params.data.id);
      if (!run || (run.createdBy !== req.user.id && req.user.role !== "admin")) throw new HttpError(404);
      return sendPage(reply, <DirectoryImportRunPage ctx={pageContext(req, reply)} run={run} />);
    },
  });
}
