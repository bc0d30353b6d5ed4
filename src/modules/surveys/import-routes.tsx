import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { todayInHelsinki } from "../../time.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { checkUpload, optionalUploadedFile, uploadScope } from "../../web/upload.ts";
import { problemMessage, tooLargeMessage } from "../projects/import-csv.ts";
import type { RowReport } from "./import.ts";
import { ANSWER_IMPORT_LIMITS, answerColumns } from "./import.ts";
import { latestInstrument } from "./instruments.ts";
import { surveyProject } from "./manage-routes.tsx";
import { importAnswers } from "./service.ts";
import { SurveyImportPage } from "./views/import-page.tsx";

/** Importing answers from a CSV file: the project's members and coordinators. All rows or none. */
export async function surveyImportRoutes(app: FastifyInstance, { db, now }: { db: Db; config: Config; now: () => Date }) {
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    project: { code: string; name: string },
    extra: { errors?: Record<string, string>; reports?: RowReport[]; total?: number } = {},
  ) => {
    const instrument = await latestInstrument(db);
    const columns = instrument ? answerColumns(instrument.definition) : [];
    const status = extra.errors || extra.reports ? 400 : 200;
    return sendPage(
      reply,
      <SurveyImportPage ctx={pageContext(req, reply)} code={project.code} projectName={project.name} columns={columns} {...extra} />,
      status,
    );
  };

  const upload = {
    // Only someone who runs this project's survey gets the upload read.
    guard: (req: FastifyRequest) => surveyProject(db, req),
    maxFileBytes: ANSWER_IMPORT_LIMITS.maxBytes,
    files: 1,
    fields: 2,
  };
  await uploadScope(app, upload, (scope) => {
    registerPage(scope, "projectSurveyImport", {
      get: async (req, reply) => show(req, reply, await surveyProject(db, req)),
      post: async (req, reply) => {
        const project = await surveyProject(db, req);
        const { t } = pageContext(req, reply);
        const checked = checkUpload(optionalUploadedFile.parse((req.body as { file?: unknown } | undefined)?.file));
        if ("problem" in checked) {
          const message = checked.problem === "noFile" ? t("import.fileErrors.noFile") : tooLargeMessage(t, ANSWER_IMPORT_LIMITS.maxBytes);
          return show(req, reply, project, { errors: { file: message } });
        }
        const outcome = await importAnswers(db, req.user?.id as string, project, checked.file.data, todayInHelsinki(now()));
        if (outcome.ok)
          return redirectAfterPost(
            reply,
            `${pathTo("projectSurvey", req.locale, { code: project.code })}?done=imported&count=${outcome.imported}`,
          );
        if (outcome.kind === "file")
          return show(req, reply, project, { errors: { file: problemMessage(t, outcome.problem, "survey.import.noRows") } });
        if (outcome.kind === "rounds") return show(req, reply, project, { errors: { file: t("survey.import.noRounds") } });
        return show(req, reply, project, {
          errors: { file: t("survey.import.rowsRefused", { rejected: outcome.reports.length, total: outcome.total }) },
          reports: outcome.reports,
          total: outcome.total,
        });
      },
    });
  });
}
