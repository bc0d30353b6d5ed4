import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { authorize } from "../../policy.ts";
import type { FieldErrors } from "../../web/form.tsx";
import { HttpError } from "../../web/http-error.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { instrumentSchema } from "./instrument.ts";
import { loadInstrument } from "./instruments.ts";
import { listInstruments, setSuppressionK, suppressionK } from "./settings.ts";
import { SurveyAdminPage } from "./views/admin-page.tsx";

const kInput = z.object({
  k: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, "errors.surveyK")
    .transform(Number)
    .pipe(z.number().int().min(3, "errors.surveyK").max(100, "errors.surveyK")),
});

/** Survey administration for administrators: k of the privacy rule and instrument versions. */
export async function surveyAdminRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config; now: () => Date }) {
  const show = async (req: FastifyRequest, reply: FastifyReply, extra: { errors?: FieldErrors; kValue?: string } = {}) => {
    authorize(req.user, "surveys.instruments");
    const [k, instruments] = await Promise.all([suppressionK(db, config.surveyMinRespondents), listInstruments(db)]);
    const done = (req.query as { done?: unknown }).done;
    return sendPage(
      reply,
      <SurveyAdminPage
        ctx={pageContext(req, reply)}
        k={k}
        instruments={instruments}
        notice={done === "kSaved" || done === "loaded" ? done : null}
        {...extra}
      />,
      extra.errors ? 400 : 200,
    );
  };

  registerPage(app, "adminSurvey", {
    get: async (req, reply) => show(req, reply),
    post: async (req, reply) => {
      authorize(req.user, "surveys.instruments");
      const { t } = pageContext(req, reply);
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (body.action === "setK") {
        const parsed = kInput.safeParse(body);
        if (!parsed.success)
          return show(req, reply, { errors: { k: t("errors.surveyK") }, kValue: typeof body.k === "string" ? body.k : "" });
        await setSuppressionK(db, req.user.id, parsed.data.k);
        return redirectAfterPost(reply, `${pathTo("adminSurvey", req.locale)}?done=kSaved`);
      }
      if (body.action === "loadInstrument") {
        const text = typeof body.definition === "string" ? body.definition : "";
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return show(req, reply, { errors: { definition: t("errors.surveyInstrumentJson") } });
        }
        const parsed = instrumentSchema.safeParse(json);
        if (!parsed.success) {
          const where = parsed.error.issues
            .slice(0, 3)
            .map((i) => i.path.join("."))
            .join(", ");
          return show(req, reply, { errors: { definition: t("errors.surveyInstrumentInvalid", { where }) } });
        }
        const result = await loadInstrument(db, req.user.id, parsed.data);
        if (!result.ok) return show(req, reply, { errors: { definition: t("errors.surveyInstrumentLocked") } });
        return redirectAfterPost(reply, `${pathTo("adminSurvey", req.locale)}?done=loaded`);
      }
      throw new HttpError(400);
    },
  });
}
