import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/client.ts";
import { authorize } from "../../policy.ts";
import type { FieldErrors } from "../../web/form.tsx";
import { HttpError } from "../../web/http-error.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { uploadScope } from "../../web/upload.ts";
import { uuidParam } from "../accounts/inputs.ts";
import { findImportRun, importHos, importSotkanet, importTidyCsv, listImportRuns } from "./import-service.ts";
import { computeIndexVersion, createIndexVersion, eligibleForIndex, listIndexVersions, setCurrentIndexVersion } from "./index-service.ts";
import { importUpload, indexVersionInput, indicatorFieldErrors } from "./inputs.ts";
import { listIndicators } from "./queries.ts";
import { ImportRunPage, IndexVersionsPage, IndicatorImportPage } from "./views/admin-pages.tsx";

/** The largest upload (all files together): a Sotkanet answer of a million rows is about 90 MB. */
export const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

/** Index versions and indicator imports, for administrators. POST → 303. */
export async function indicatorAdminRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const showVersions = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; values?: { name: string; indicators: string[]; current: string } } = {},
    status = 200,
  ) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const notice = q.created === "1" ? "created" : q.current === "1" ? "current" : null;
    const versions = await listIndexVersions(db);
    const eligible = (await listIndicators(db)).filter(eligibleForIndex);
    return sendPage(
      reply,
      <IndexVersionsPage ctx={pageContext(req, reply)} versions={versions} eligible={eligible} notice={notice} {...extra} />,
      status,
    );
  };

  registerPage(app, "adminIndexVersions", {
    get: async (req, reply) => {
      authorize(req.user, "indicators.versions");
      return showVersions(req, reply);
    },
    post: async (req, reply) => {
      authorize(req.user, "indicators.versions");
      const { t } = pageContext(req, reply);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
      const values = {
        name: String(Array.isArray(body.name) ? body.name[0] : (body.name ?? "")),
        indicators: asList(body.indicators),
        current: body.current === "yes" ? "yes" : "",
      };
      const parsed = indexVersionInput.safeParse(body);
      if (!parsed.success) return showVersions(req, reply, { errors: indicatorFieldErrors(parsed.error, t), values }, 400);
      const eligible = new Map((await listIndicators(db)).filter(eligibleForIndex).map((i) => [i.id, i]));
      const chosen = [...new Set(parsed.data.indicators)];
      if (chosen.some((id) => !eligible.has(id))) {
        return showVersions(req, reply, { errors: { indicators: t("indicators.errors.unknownIndicator") }, values }, 400);
      }
      const dimensions = new Set(chosen.map((id) => eligible.get(id)?.dimension));
      if (!["human", "social", "economic"].every((d) => dimensions.has(d as "human"))) {
        return showVersions(req, reply, { errors: { indicators: t("indicators.errors.allDimensions") }, values }, 400);
      }
      const existing = await listIndexVersions(db);
      if (existing.some((v) => v.name.toLowerCase() === parsed.data.name.toLowerCase())) {
        return showVersions(req, reply, { errors: { name: t("indicators.errors.nameTaken") }, values }, 400);
      }
      const id = await createIndexVersion(db, req.user.id, {
        name: parsed.data.name,
        indicatorIds: chosen,
        current: parsed.data.current === "yes",
      });
      await computeIndexVersion(db, id);
      return redirectAfterPost(reply, `${pathTo("adminIndexVersions", req.locale)}?created=1`);
    },
  });

  registerPage(app, "adminIndexVersionCurrent", {
    post: async (req, reply) => {
      authorize(req.user, "indicators.versions");
      const params = uuidParam.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      if (!(await setCurrentIndexVersion(db, req.user.id, params.data.id))) throw new HttpError(404);
      return redirectAfterPost(reply, `${pathTo("adminIndexVersions", req.locale)}?current=1`);
    },
  });

  const showImport = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, format?: string) => {
    authorize(req.user, "indicators.import");
    const runs = await listImportRuns(db);
    return sendPage(
      reply,
      <IndicatorImportPage ctx={pageContext(req, reply)} runs={runs} {...(errors ? { errors } : {})} {...(format ? { format } : {})} />,
      errors ? 400 : 200,
    );
  };

  const upload = {
    guard: (req: FastifyRequest) => authorize(req.user, "indicators.import"),
    maxFileBytes: UPLOAD_LIMIT_BYTES,
    files: 10,
    fields: 6,
  };
  await uploadScope(app, upload, (scope) => {
    registerPage(scope, "adminIndicatorImport", {
      get: async (req, reply) => showImport(req, reply),
      post: async (req, reply) => {
        authorize(req.user, "indicators.import");
        const { t } = pageContext(req, reply);
        const parsed = importUpload.safeParse(req.body ?? {});
        if (!parsed.success) return showImport(req, reply, indicatorFieldErrors(parsed.error, t));
        const { format, validRows } = parsed.data;
        const files = parsed.data.files.filter((f) => f.fileName !== "" || f.data.length > 0);
        if (files.length === 0) return showImport(req, reply, { files: t("indicators.errors.noFile") }, format);
        if (files.some((f) => f.truncated))
          return showImport(
            req,
            reply,
            { files: t("indicators.errors.tooLarge", { megabytes: UPLOAD_LIMIT_BYTES / 1024 / 1024 }) },
            format,
          );
        const named = files.map((f) => ({ name: f.fileName || `${format}-file`, bytes: f.data }));
        const mode = validRows === "yes" ? "valid_rows" : "all_or_nothing";
        const userId = req.user.id;
        const result =
          format === "sotkanet"
            ? await importSotkanet(db, { files: named, userId, mode })
            : format === "hos"
              ? await importHos(db, { files: named, userId, mode })
              : await importTidyCsv(db, { file: named[0] as (typeof named)[number], userId, mode });
        return redirectAfterPost(reply, pathTo("adminIndicatorImportRun", req.locale, { id: result.runId }));
      },
      postRateLimit: { max: 30, timeWindow: 60_000 },
    });
  });

  registerPage(app, "adminIndicatorImportRun", {
    get: async (req, reply) => {
      authorize(req.user, "indicators.import");
      const params = uuidParam.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      const run = await findImportRun(db, params.data.id);
      if (!run) throw new HttpError(404);
      const titles = new Map((await listIndicators(db)).map((i) => [i.id, i]));
      return sendPage(reply, <ImportRunPage ctx={pageContext(req, reply)} run={run} titles={titles} />);
    },
  });
}
