import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import QRCode from "qrcode";
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { authorizeProject, mayManageSurvey } from "../../policy.ts";
import { todayInHelsinki } from "../../time.ts";
import { type FieldErrors, fieldErrors, keepValues } from "../../web/form.tsx";
import { HttpError } from "../../web/http-error.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { projectScope } from "../projects/members.ts";
import { findProjectByCode } from "../projects/queries.ts";
import { normaliseProjectCode } from "../projects/rules.ts";
import { batchInput, closeRoundInput, roundDatesInput, roundInput } from "./inputs.ts";
import { batchCodes, changeRoundDates, closeRoundNow, createCodeBatch, listBatches, listRounds, openRound } from "./service.ts";
import { CardsPage, SurveyManagePage } from "./views/manage-pages.tsx";

/** The project named in the URL (404 if none), after checking that the user runs its survey. */
export async function surveyProject(db: Db, req: FastifyRequest) {
  const code = normaliseProjectCode(String((req.params as { code?: unknown }).code ?? ""));
  if (code.length > 20 || !/^[A-Z0-9-]+$/.test(code)) throw new HttpError(404);
  const found = await findProjectByCode(db, code, req.locale);
  if (!found) throw new HttpError(404);
  const p = found.details.project;
  authorizeProject(req.user, mayManageSurvey, await projectScope(db, p.id));
  const name = (req.locale === "sv" ? p.nameSv : req.locale === "en" ? p.nameEn : null) ?? p.nameFi;
  return { id: p.id, code: p.code, name };
}

const batchParams = z.object({ batchId: z.uuid() });

/** A project's survey rounds and code cards, for its members and coordinators. */
export async function surveyManageRoutes(app: FastifyInstance, { db, config, now }: { db: Db; config: Config; now: () => Date }) {
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: {
      roundValues?: Record<string, string>;
      roundErrors?: FieldErrors;
      batchValues?: Record<string, string>;
      batchErrors?: FieldErrors;
      editValues?: Record<string, string>;
      editErrors?: FieldErrors;
    } = {},
  ) => {
    const project = await surveyProject(db, req);
    const ctx = pageContext(req, reply);
    const [rounds, batches] = await Promise.all([listRounds(db, project.id), listBatches(db, project.id)]);
    const query = req.query as { done?: unknown; round?: unknown };
    const notice = query.done;
    const hasErrors = Boolean(extra.roundErrors || extra.batchErrors || extra.editErrors);
    // The round whose dates are being changed: from ?round= (the "change dates" link) or the form sent.
    const editId = extra.editValues?.roundId ?? (typeof query.round === "string" ? query.round : undefined);
    const editing = rounds.find((r) => r.id === editId) ?? null;
    return sendPage(
      reply,
      <SurveyManagePage
        ctx={ctx}
        code={project.code}
        projectName={project.name}
        rounds={rounds}
        batches={batches}
        today={todayInHelsinki(now())}
        baseUrl={config.baseUrl}
        notice={
          notice === "roundOpened" ||
          notice === "codesIssued" ||
          notice === "imported" ||
          notice === "datesChanged" ||
          notice === "roundClosed"
            ? notice
            : null
        }
        editing={editing}
        {...extra}
      />,
      hasErrors ? 400 : 200,
    );
  };

  registerPage(app, "projectSurvey", {
    get: async (req, reply) => show(req, reply),
    post: async (req, reply) => {
      const project = await surveyProject(db, req);
      const { t } = pageContext(req, reply);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const done = (what: string) =>
        redirectAfterPost(reply, `${pathTo("projectSurvey", req.locale, { code: project.code })}?done=${what}`);
      if (body.action === "openRound") {
        const parsed = roundInput.safeParse(body);
        if (!parsed.success) return show(req, reply, { roundValues: keepValues(body), roundErrors: fieldErrors(parsed.error, t) });
        await openRound(db, req.user?.id as string, project.id, { ...parsed.data, anonymousLink: parsed.data.anonymousLink === "yes" });
        return done("roundOpened");
      }
      if (body.action === "issueCodes") {
        const parsed = batchInput.safeParse(body);
        if (!parsed.success) return show(req, reply, { batchValues: keepValues(body), batchErrors: fieldErrors(parsed.error, t) });
        const batchId = await createCodeBatch(db, req.user?.id as string, project.id, parsed.data.size, todayInHelsinki(now()));
        return redirectAfterPost(reply, pathTo("projectSurveyCards", req.locale, { code: project.code, batchId }));
      }
      if (body.action === "changeRoundDates") {
        const parsed = roundDatesInput.safeParse(body);
        if (!parsed.success) {
          const roundId = typeof body.roundId === "string" ? body.roundId : "";
          return show(req, reply, { editValues: { ...keepValues(body), roundId }, editErrors: fieldErrors(parsed.error, t) });
        }
        const changed = await changeRoundDates(db, req.user?.id as string, project.id, {
          roundId: parsed.data.roundId,
          opensOn: parsed.data.editOpensOn,
          closesOn: parsed.data.editClosesOn,
        });
        if (!changed.ok) throw new HttpError(404);
        return done("datesChanged");
      }
      if (body.action === "closeRound") {
        const parsed = closeRoundInput.safeParse(body);
        if (!parsed.success) throw new HttpError(404);
        const closed = await closeRoundNow(db, req.user?.id as string, project.id, parsed.data.roundId, todayInHelsinki(now()));
        if (!closed.ok && closed.reason === "notFound") throw new HttpError(404);
        if (!closed.ok) return show(req, reply, { editErrors: { closeRound: t("errors.surveyRoundNotOpen") } });
        return done("roundClosed");
      }
      throw new HttpError(400);
    },
  });

  registerPage(app, "projectSurveyCards", {
    get: async (req, reply) => {
      const project = await surveyProject(db, req);
      const params = batchParams.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      const codes = await batchCodes(db, project.id, params.data.batchId);
      if (!codes) throw new HttpError(404);
      const cards = await Promise.all(
        codes.map(async (c) => {
          const url = `${config.baseUrl}${pathTo("surveyAnswer", "fi", { code: c })}`;
          const svg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
          return { code: c, url, svg };
        }),
      );
      return sendPage(
        reply,
        <CardsPage
          ctx={pageContext(req, reply)}
          code={project.code}
          projectName={project.name}
          cards={cards}
          startUrl={`${config.baseUrl.replace(/^https?:\/\//, "")}${pathTo("surveyStart", "fi")}`}
        />,
      );
    },
  });
}
