import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { authorize } from "../../policy.ts";
import type { FieldErrors } from "../../web/form.tsx";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { importSotkanet } from "./import-service.ts";
import { indicatorFieldErrors, sotkanetFetchInput } from "./inputs.ts";
import { createSotkanetClient, SotkanetFetchError, type SotkanetFetchProblem } from "./sotkanet-client.ts";
import { fetchPinned, type PinProblem, readPinnedIndicators } from "./sotkanet-fetch.ts";
import { type FetchValues, SotkanetFetchPage } from "./views/fetch-page.tsx";

/** The live Sotkanet fetch, for administrators: a form; POST fetches, imports and shows the run's report. */
export async function indicatorFetchRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Pick<Config, "sotkanet"> }) {
  const pinned = readPinnedIndicators();
  // One client per instance: its pacing holds across administrators fetching at the same time.
  const client = createSotkanetClient(config.sotkanet);
  const thisYear = new Date().getUTCFullYear();
  const defaults: FetchValues = {
    indicators: pinned.map((p) => String(p.sotkanetId)),
    yearFrom: String(thisYear - 3),
    yearTo: String(thisYear - 1),
    genders: ["total"],
    validRows: "",
  };
  const show = (
    req: FastifyRequest,
    reply: FastifyReply,
    values: FetchValues,
    extra: { errors?: FieldErrors; problems?: string[] } = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      <SotkanetFetchPage ctx={pageContext(req, reply)} pinned={pinned} baseUrl={config.sotkanet.baseUrl} values={values} {...extra} />,
      status,
    );

  registerPage(app, "adminIndicatorFetch", {
    get: async (req, reply) => {
      authorize(req.user, "indicators.import");
      return show(req, reply, defaults);
    },
    post: async (req, reply) => {
      authorize(req.user, "indicators.import");
      const { t } = pageContext(req, reply);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
      const text = (v: unknown) => String(Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).slice(0, 20);
      const values: FetchValues = {
        indicators: list(body.indicators),
        yearFrom: text(body.yearFrom),
        yearTo: text(body.yearTo),
        genders: list(body.genders),
        validRows: body.validRows === "yes" ? "yes" : "",
      };
      const parsed = sotkanetFetchInput.safeParse(body);
      if (!parsed.success) return show(req, reply, values, { errors: indicatorFieldErrors(parsed.error, t) }, 400);
      const chosen = pinned.filter((p) => parsed.data.indicators.includes(String(p.sotkanetId)));
      if (chosen.length !== new Set(parsed.data.indicators).size) {
        return show(req, reply, values, { errors: { indicators: t("indicators.errors.unknownIndicator") } }, 400);
      }
      const years: number[] = [];
      for (let y = parsed.data.yearFrom; y <= parsed.data.yearTo; y++) years.push(y);
      let outcome: Awaited<ReturnType<typeof fetchPinned>>;
      try {
        outcome = await fetchPinned(client, { indicators: chosen, years, genders: parsed.data.genders });
      } catch (error) {
        if (!(error instanceof SotkanetFetchError)) throw error;
        req.log.warn({ problem: error.problem }, "Sotkanet fetch failed");
        return show(req, reply, values, { problems: [describeFetchProblem(error.problem, t)] }, 502);
      }
      if (!outcome.ok) {
        return show(req, reply, values, { problems: outcome.problems.map((p) => describePinProblem(p, t)) }, 409);
      }
      const result = await importSotkanet(db, {
        files: outcome.files.map((f) => ({ name: f.name, bytes: f.bytes })),
        userId: req.user.id,
        mode: parsed.data.validRows === "yes" ? "valid_rows" : "all_or_nothing",
      });
      return redirectAfterPost(reply, pathTo("adminIndicatorImportRun", req.locale, { id: result.runId }));
    },
    postRateLimit: { max: 30, timeWindow: 60_000 },
  });
}

type T = import("../../web/i18n.ts").T;

export function describeFetchProblem(problem: SotkanetFetchProblem, t: T): string {
  return t(`indicators.fetch.problems.${problem.key}`, { ...problem });
}

function describePinProblem(problem: PinProblem, t: T): string {
  return t("indicators.fetch.problems.titleChanged", {
    id: problem.sotkanetId,
    expected: problem.expected,
    found: problem.found || "—",
  });
}
