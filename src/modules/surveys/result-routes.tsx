import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { authorize, mayReadSurveyRollup, surveyRollupProjectArea } from "../../policy.ts";
import { effectiveK } from "../../stats/suppression.ts";
import { HttpError } from "../../web/http-error.ts";
import { translator } from "../../web/i18n.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { sendPage } from "../../web/render.ts";
import { recordAudit } from "../audit/audit.ts";
import { loadProjectFormOptions } from "../projects/form-options.ts";
import { projectsInGroup } from "../projects/queries.ts";
import { listCoordinationAreas, localName } from "../regions/queries.ts";
import { resultRows, rowsToCsv, rowsToXlsx } from "./export.ts";
import { surveyProject } from "./manage-routes.tsx";
import { itemLevelDataset, lastRound, programmesWithAnswers, resultSnapshot, visibility } from "./results.ts";
import { suppressionK } from "./settings.ts";
import { type AsOf, asOfText, DatasetPage, ProjectResultsPage, RollupPage } from "./views/results-pages.tsx";

const GROUP = /^(programme|area|actionArea):([a-z0-9:_-]{1,80})$/;

type Cells = Parameters<typeof rowsToCsv>[0];

function download(reply: FastifyReply, format: "csv" | "xlsx", name: string, rows: Cells) {
  const file = `${name.replace(/[^A-Za-z0-9_-]+/g, "-")}.${format}`;
  reply.header("content-disposition", `attachment; filename="${file}"`).header("cache-control", "no-store");
  if (format === "csv") return reply.type("text/csv; charset=utf-8").send(rowsToCsv(rows));
  return rowsToXlsx(rows, name).then((buffer) =>
    reply.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(buffer),
  );
}

/**
 * The follow-up a view compares with the start round: ?followUp=N (the round's sequence, 2 = the
 * first follow-up, the default). Anything else than a number 2–99 is refused (400).
 */
function followUpOf(req: FastifyRequest): number {
  const raw = (req.query as { followUp?: unknown }).followUp;
  if (raw === undefined) return 2;
  if (typeof raw !== "string" || !/^\d{1,2}$/.test(raw) || Number(raw) < 2) throw new HttpError(400);
  return Number(raw);
}

/** Results of a project (its members and coordinators) and pooled results (coordinators, ministry viewers). */
export async function surveyResultRoutes(app: FastifyInstance, { db, config, now }: { db: Db; config: Config; now: () => Date }) {
  // A roll-up over a whole programme takes seconds to compute: after new answers it shows the
  // previous snapshot, says so, and recomputes in the background (decision 12).
  const background = (task: () => Promise<void>) => app.backgroundTasks.run(task);
  // After a start there is no snapshot yet: once the server listens, the programme roll-ups (the
  // largest views) are computed one at a time in the background, so that their first view
  // normally finds one. Never at start-up itself, and not in tests that do not listen.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onListen", async () => {
    background(async () => {
      const k = effectiveK(await suppressionK(db, config.surveyMinRespondents));
      for (const programmeId of await programmesWithAnswers(db)) {
        if (closing) return;
        const ids = (await projectsInGroup(db, "fi", { kind: "programme", id: programmeId })).map((p) => p.id);
        if (closing) return;
        await resultSnapshot(db, ids, 2, k, { now, background });
      }
    });
  });
  const projectView = async (req: FastifyRequest) => {
    const project = await surveyProject(db, req);
    const followUp = followUpOf(req);
    const [last, k] = await Promise.all([lastRound(db, [project.id]), suppressionK(db, config.surveyMinRespondents)]);
    // A project's own page always shows its current figures (its team checks them right after adding answers).
    const { results, protection } = await resultSnapshot(db, [project.id], followUp, effectiveK(k), { now });
    return { project, results, lastRound: last, vis: visibility(results, k, { view: { kind: "project", id: project.id }, protection }) };
  };

  registerPage(app, "projectSurveyResults", {
    get: async (req, reply) => {
      const { project, results, vis, lastRound: last } = await projectView(req);
      return sendPage(
        reply,
        <ProjectResultsPage
          ctx={pageContext(req, reply)}
          code={project.code}
          projectName={project.name}
          results={results}
          vis={vis}
          lastRound={last}
        />,
      );
    },
  });
  for (const format of ["csv", "xlsx"] as const) {
    registerPage(app, format === "csv" ? "projectSurveyResultsCsv" : "projectSurveyResultsXlsx", {
      get: async (req, reply) => {
        const { project, results, vis } = await projectView(req);
        return download(reply, format, `survey-${project.code}`, resultRows(translator(req.locale), results, vis));
      },
    });
  }

  /** The chosen group of a roll-up (from ?group=kind:id) and the choices, or null when none (or an unknown one) is chosen. */
  const rollup = async (req: FastifyRequest, action: "surveys.rollup" | "surveys.dataset" = "surveys.rollup") => {
    authorize(req.user, action);
    const user = req.user;
    // The researcher's dataset has its own right (surveys.dataset); pooled results are decided per group.
    const mayRead = (group: { kind: "programme" | "area" | "actionArea"; id: string }) =>
      action === "surveys.dataset" || mayReadSurveyRollup(user, group);
    const [options, areas] = await Promise.all([loadProjectFormOptions(db, req.locale), listCoordinationAreas(db)]);
    const choices = {
      programme: options.programmes.map((p) => ({ value: p.value, label: p.label })),
      area: areas.filter((a) => mayRead({ kind: "area", id: a.id })).map((a) => ({ value: a.id, label: localName(a, req.locale) })),
      actionArea: options.programmes.flatMap((p) => p.actionAreas.map((a) => ({ value: a.value, label: `${a.label} (${p.label})` }))),
    };
    const raw = (req.query as { group?: unknown }).group;
    const match = typeof raw === "string" ? GROUP.exec(raw) : null;
    const kind = match?.[1] as "programme" | "area" | "actionArea" | undefined;
    const id = match?.[2];
    if (kind && id && !mayRead({ kind, id })) throw new HttpError(403);
    const chosen = kind && id ? choices[kind].find((c) => c.value === id) : undefined;
    if (!kind || !id || !chosen) return { choices, asked: raw !== undefined, group: null };
    const followUp = followUpOf(req);
    const projects = await projectsInGroup(db, req.locale, { kind, id });
    const ids = projects.map((p) => p.id);
    const [last, k] = await Promise.all([lastRound(db, ids), suppressionK(db, config.surveyMinRespondents)]);
    const snapshot = await resultSnapshot(db, ids, followUp, effectiveK(k), { now, background });
    const all = snapshot.results;
    // An area coordinator sees the per-project rows of their own area's projects only (the pooled
    // figures and the suppression are those of the whole group).
    const ownArea = action === "surveys.rollup" ? surveyRollupProjectArea(user) : null;
    const own =
      ownArea === null
        ? null
        : new Set((ownArea ? await projectsInGroup(db, req.locale, { kind: "area", id: ownArea }) : []).map((p) => p.id));
    const results = own ? { ...all, perProject: all.perProject.filter((p) => own.has(p.projectId)) } : all;
    return {
      choices,
      asked: true,
      group: {
        selected: `${kind}:${id}`,
        name: chosen.label,
        projects,
        results,
        lastRound: last,
        // The figures and their suppression come from the same snapshot (never mixed).
        vis: visibility(all, k, { view: { kind, id }, protection: snapshot.protection }),
        asOf: { at: snapshot.stale ? snapshot.computedAt : now(), stale: snapshot.stale },
      },
    };
  };

  registerPage(app, "surveyRollup", {
    get: async (req, reply) => {
      const { choices, asked, group } = await rollup(req);
      const ctx = pageContext(req, reply);
      if (!group) {
        return sendPage(
          reply,
          <RollupPage ctx={ctx} choices={choices} selected="" groupName={null} projects={[]} results={null} vis={null} />,
          asked ? 400 : 200,
        );
      }
      return sendPage(
        reply,
        <RollupPage
          ctx={ctx}
          choices={choices}
          selected={group.selected}
          groupName={group.name}
          projects={group.projects}
          results={group.results}
          vis={group.vis}
          lastRound={group.lastRound}
          asOf={group.asOf}
        />,
      );
    },
  });
  for (const format of ["csv", "xlsx"] as const) {
    registerPage(app, format === "csv" ? "surveyRollupCsv" : "surveyRollupXlsx", {
      get: async (req, reply) => {
        const { group } = await rollup(req);
        if (!group) return reply.status(400).type("text/plain; charset=utf-8").send("group?");
        return download(
          reply,
          format,
          `survey-${group.selected.replace(":", "-")}`,
          resultRows(
            translator(req.locale),
            group.results,
            group.vis,
            group.projects,
            asOfText(translator(req.locale), req.locale, group.asOf as AsOf),
          ),
        );
      },
    });
  }

  registerPage(app, "surveyDataset", {
    get: async (req, reply) => {
      const { choices } = await rollup(req, "surveys.dataset");
      return sendPage(reply, <DatasetPage ctx={pageContext(req, reply)} choices={choices} />);
    },
  });
  registerPage(app, "surveyDatasetCsv", {
    get: async (req, reply) => {
      const { group } = await rollup(req, "surveys.dataset");
      if (!group) return reply.status(400).type("text/plain; charset=utf-8").send("group?");
      const rows = await itemLevelDataset(db, group.projects, () => randomBytes(6).toString("hex"));
      await db.transaction((tx) =>
        recordAudit(tx, {
          actorUserId: req.user?.id ?? null,
          action: "survey.dataset.export",
          entity: "survey_dataset",
          entityId: group.selected,
          changes: { rows: rows.length, projects: group.projects.length },
        }),
      );
      const instrument = group.results.instrument;
      const items = instrument ? instrument.items.map((i) => i.id) : [];
      const background = instrument ? instrument.background.map((b) => b.id) : [];
      const cells: Cells = [
        ["project_code", "respondent", "round", "source", "with_worker", ...items, ...background],
        ...rows.map((r) => [
          r.projectCode,
          r.respondent,
          r.round,
          r.source,
          r.withWorker ? 1 : 0,
          ...items.map((_, i) => r.answers[i] ?? null),
          ...background.map((b) => r.background[b] ?? null),
        ]),
      ];
      return download(reply, "csv", `survey-dataset-${group.selected.replace(":", "-")}`, cells);
    },
  });
}
