import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { todayInHelsinki } from "../../time.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { parseCode } from "./codes.ts";
import { type AnswerLanguage, parseAnswerForm } from "./inputs.ts";
import { type AnswerTarget, storeAnswer, targetForAnonymousLink, targetForCode } from "./service.ts";
import { AnswerFormPage, SurveyMessagePage, SurveyStartPage } from "./views/answer-pages.tsx";

type Failure = Extract<AnswerTarget, { ok: false }>["reason"];

/** The language of the form: the page's language, or plain Finnish instructions with ?selko=1. */
function answerLanguage(req: FastifyRequest): AnswerLanguage {
  const plain = (req.query as { selko?: unknown } | undefined)?.selko === "1";
  return req.locale === "fi" && plain ? "fi-plain" : req.locale;
}

/**
 * The participant's side: enter a code (or open the card's QR link), answer, thank you. Public, no
 * account, no JavaScript. Nothing about the participant is kept but the answers and the date.
 */
export async function surveyAnswerRoutes(app: FastifyInstance, { db, config, now }: { db: Db; config: Config; now: () => Date }) {
  const message = (req: FastifyRequest, reply: FastifyReply, reason: Failure | "thanks") => {
    const status = reason === "unknownCode" ? 404 : reason === "alreadyAnswered" ? 409 : 200;
    return sendPage(reply, <SurveyMessagePage ctx={pageContext(req, reply)} reason={reason} />, status);
  };

  const showForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    target: Extract<AnswerTarget, { ok: true }>,
    paths: { page: "surveyAnswer"; params: { code: string } } | { page: "surveyAnonymous"; params: { token: string } },
    extra: { values?: Record<string, string>; error?: string } = {},
  ) => {
    const ctx = pageContext(req, reply);
    const language = answerLanguage(req);
    const base = pathTo(paths.page, req.locale, paths.params);
    return sendPage(
      reply,
      <AnswerFormPage
        ctx={ctx}
        instrument={target.instrument.definition}
        language={language}
        action={language === "fi-plain" ? `${base}?selko=1` : base}
        languageLinks={{
          fi: pathTo(paths.page, "fi", paths.params),
          "fi-plain": `${pathTo(paths.page, "fi", paths.params)}?selko=1`,
          sv: pathTo(paths.page, "sv", paths.params),
          en: pathTo(paths.page, "en", paths.params),
        }}
        code={target.code}
        closesOn={target.closesOn}
        {...extra}
      />,
      extra.error ? 400 : 200,
    );
  };

  /** Reads the form, stores it once, or answers kindly why not. */
  const submit = async (req: FastifyRequest, reply: FastifyReply, target: AnswerTarget, paths: Parameters<typeof showForm>[3]) => {
    if (!target.ok) return message(req, reply, target.reason);
    const parsed = parseAnswerForm(target.instrument.definition, answerLanguage(req), req.body);
    const { t } = pageContext(req, reply);
    if (!parsed.ok) {
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>))
        if (typeof v === "string" && k !== "_csrf") values[k] = v;
      return showForm(req, reply, target, paths, { values, error: t(parsed.error) });
    }
    const stored = await storeAnswer(db, target, parsed.input, todayInHelsinki(now()));
    if (!stored) return message(req, reply, "alreadyAnswered");
    return redirectAfterPost(reply, pathTo("surveyThanks", req.locale));
  };

  const rateLimit = { max: config.rateLimitSurvey.max, timeWindow: config.rateLimitSurvey.windowSeconds * 1000 };

  registerPage(app, "surveyStart", {
    get: async (req, reply) => {
      const typed = (req.query as { code?: unknown } | undefined)?.code;
      const ctx = pageContext(req, reply);
      if (typed === undefined) return sendPage(reply, <SurveyStartPage ctx={ctx} />);
      const text = typeof typed === "string" ? typed.slice(0, 100) : "";
      const parsed = parseCode(text);
      if (parsed.ok) return reply.redirect(pathTo("surveyAnswer", req.locale, { code: parsed.code }), 303);
      const error = ctx.t(parsed.reason === "empty" ? "errors.surveyCodeEmpty" : "errors.surveyCodeInvalid");
      return sendPage(reply, <SurveyStartPage ctx={ctx} code={text} error={error} />, 400);
    },
  });

  const codeOf = (req: FastifyRequest) => parseCode(String((req.params as { code?: unknown }).code ?? "").slice(0, 100));

  registerPage(app, "surveyAnswer", {
    get: async (req, reply) => {
      const parsed = codeOf(req);
      if (!parsed.ok) return message(req, reply, "unknownCode");
      const target = await targetForCode(db, parsed.code, todayInHelsinki(now()));
      if (!target.ok) return message(req, reply, target.reason);
      return showForm(req, reply, target, { page: "surveyAnswer", params: { code: parsed.code } });
    },
    post: async (req, reply) => {
      const parsed = codeOf(req);
      if (!parsed.ok) return message(req, reply, "unknownCode");
      const target = await targetForCode(db, parsed.code, todayInHelsinki(now()));
      return submit(req, reply, target, { page: "surveyAnswer", params: { code: parsed.code } });
    },
    postRateLimit: rateLimit,
  });

  const tokenOf = (req: FastifyRequest) => {
    const token = String((req.params as { token?: unknown }).token ?? "");
    return /^[A-Za-z0-9_-]{16}$/.test(token) ? token : null;
  };

  registerPage(app, "surveyAnonymous", {
    get: async (req, reply) => {
      const token = tokenOf(req);
      if (!token) return message(req, reply, "unknownCode");
      const target = await targetForAnonymousLink(db, token, todayInHelsinki(now()));
      if (!target.ok) return message(req, reply, target.reason);
      return showForm(req, reply, target, { page: "surveyAnonymous", params: { token } });
    },
    post: async (req, reply) => {
      const token = tokenOf(req);
      if (!token) return message(req, reply, "unknownCode");
      const target = await targetForAnonymousLink(db, token, todayInHelsinki(now()));
      return submit(req, reply, target, { page: "surveyAnonymous", params: { token } });
    },
    postRateLimit: rateLimit,
  });

  registerPage(app, "surveyThanks", { get: async (req, reply) => message(req, reply, "thanks") });
}
