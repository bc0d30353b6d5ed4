import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/client.ts";
import { authorize } from "../../policy.ts";
import type { SessionUser } from "../../web/context.ts";
import { HttpError } from "../../web/http-error.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { checkUpload, uploadScope } from "../../web/upload.ts";
import { uuidParam } from "../accounts/inputs.ts";
import { problemMessage, tooLargeMessage } from "./import-csv.ts";
import { findImportRun, IMPORT_LIMITS, importProjects, listImportRuns } from "./import-service.ts";
import { importUploadInput } from "./inputs.ts";
import { ImportPage, ImportRunPage } from "./views/import-pages.tsx";

/**
 * Project import (docs/decisions/0008): an upload form (multipart only in its scope, with tight
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

  const upload = {
    guard: (req: FastifyRequest) => authorize(req.user, "projects.import"),
    maxFileBytes: IMPORT_LIMITS.maxBytes,
    files: 1,
    fields: 4,
  };
  await uploadScope(app, upload, (scope) => {
    registerPage(scope, "projectImport", {
      get: async (req, reply) => showForm(req, reply),
      post: async (req, reply) => {
        authorize(req.user, "projects.import");
        const { t } = pageContext(req, reply);
        const input = importUploadInput.parse(req.body ?? {});
        const skipRejected = input.skipRejected === "yes";
        const checked = checkUpload(input.file);
        if ("problem" in checked) {
          const message = checked.problem === "noFile" ? t("import.fileErrors.noFile") : tooLargeMessage(t, IMPORT_LIMITS.maxBytes);
          return showForm(req, reply, { file: message }, skipRejected);
        }
        const result = await importProjects(db, checked.file.data, {
          actorId: req.user.id,
          fileName: checked.file.fileName || "import.csv",
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
