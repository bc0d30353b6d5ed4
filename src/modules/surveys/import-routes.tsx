import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { todayInHelsinki } from "../../time.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import type { FileProblem } from "../projects/import-csv.ts";
import type { RowReport } from "./import.ts";
import { ANSWER_IMPORT_LIMITS, answerColumns } from "./import.ts";
import { latestInstrument } from "./instruments.ts";
import { surveyProject } from "./manage-routes.tsx";
import { importAnswers } from "./service.ts";
import { SurveyImportPage } from "./views/import-page.tsx";

function fileMessage(t: ReturnType<typeof pageContext>["t"], problem: FileProblem): string {
  switch (problem.key) {
    case "missingColumns":
      return t("import.fileErrors.missingColumns", { count: problem.columns.length, columns: problem.columns.join(", ") });
    case "duplicateColumns":
      return t("import.fileErrors.duplicateColumns", { columns: problem.columns.join(", ") });
    case "tooLarge":
      return t("import.fileErrors.tooLarge", { megabytes: problem.maxMegabytes });
    case "tooManyRows":
      return t("import.fileErrors.tooManyRows", { rows: problem.maxRows });
    case "malformed":
      return t("import.fileErrors.malformed", { row: problem.row });
    case "noRows":
      return t("survey.import.noRows");
    default:
      return t(`import.fileErrors.${problem.key}`);
  }
}

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

  await app.register(async (scope) => {
    // Only someone who runs this project's survey gets the upload read.
    scope.addHook("preValidation", async (req) => {
      if (req.method === "POST") await surveyProject(db, req);
    });
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: "keyValues",
      throwFileSizeLimit: false,
      limits: { fileSize: ANSWER_IMPORT_LIMITS.maxBytes, files: 1, fields: 2, parts: 3, fieldSize: 1000, headerPairs: 50 },
      async onFile(part) {
        const data = await part.toBuffer();
        (part as unknown as { value: unknown }).value = { data, truncated: part.file.truncated };
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

    registerPage(scope, "projectSurveyImport", {
      get: async (req, reply) => show(req, reply, await surveyProject(db, req)),
      post: async (req, reply) => {
        const project = await surveyProject(db, req);
        const { t } = pageContext(req, reply);
        const file = (req.body as { file?: { data?: unknown; truncated?: unknown } } | undefined)?.file;
        if (!file || !(file.data instanceof Uint8Array) || file.data.length === 0) {
          return show(req, reply, project, { errors: { file: t("import.fileErrors.noFile") } });
        }
        if (file.truncated === true) {
          return show(req, reply, project, {
            errors: { file: t("import.fileErrors.tooLarge", { megabytes: ANSWER_IMPORT_LIMITS.maxBytes / (1024 * 1024) }) },
          });
        }
        const outcome = await importAnswers(db, req.user?.id as string, project, file.data, todayInHelsinki(now()));
        if (outcome.ok)
          return redirectAfterPost(
            reply,
            `${pathTo("projectSurvey", req.locale, { code: project.code })}?done=imported&count=${outcome.imported}`,
          );
        if (outcome.kind === "file") return show(req, reply, project, { errors: { file: fileMessage(t, outcome.problem) } });
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
