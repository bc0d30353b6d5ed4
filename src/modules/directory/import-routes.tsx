import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { authorize } from "../../policy.ts";
import { HttpError } from "../../web/http-error.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { checkUpload, uploadScope } from "../../web/upload.ts";
import { uuidParam } from "../accounts/inputs.ts";
import { problemMessage, tooLargeMessage } from "../projects/import-csv.ts";
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

  const upload = {
    guard: (req: FastifyRequest) => authorize(req.user, "directory.import"),
    maxFileBytes: DIRECTORY_IMPORT_LIMITS.maxBytes,
    files: 1,
    fields: 4,
  };
  await uploadScope(app, upload, (scope) => {
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
        const checked = checkUpload(input.file);
        if ("problem" in checked)
          errors.file = checked.problem === "noFile" ? t("import.fileErrors.noFile") : tooLargeMessage(t, DIRECTORY_IMPORT_LIMITS.maxBytes);
        if (!kind || "problem" in checked) return showForm(req, reply, values, errors);
        const result = await importDirectory(db, checked.file.data, {
          actorId: req.user.id,
          fileName: checked.file.fileName || "import.csv",
          kind,
          mode: skipRejected ? "skip_rejected" : "all_or_nothing",
        });
        if (!result.ok) return showForm(req, reply, values, { file: problemMessage(t, result.problem, "directory.import.noRows") });
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
