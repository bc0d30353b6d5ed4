import type { FastifyInstance } from "fastify";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { authorize } from "../../policy.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { sendPage } from "../../web/render.ts";
import { loadProjectFormOptions } from "../projects/form-options.ts";
import { projectsInGroup } from "../projects/queries.ts";
import { listCoordinationAreas, localName } from "../regions/queries.ts";
import { surveyProject } from "./manage-routes.tsx";
import { groupResults, visibility } from "./results.ts";
import { ProjectResultsPage, RollupPage } from "./views/results-pages.tsx";

const GROUP = /^(programme|area|actionArea):([a-z0-9:_-]{1,80})$/;

/** Results of a project (its members and coordinators) and pooled results (coordinators, ministry viewers). */
export async function surveyResultRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config; now: () => Date }) {
  registerPage(app, "projectSurveyResults", {
    get: async (req, reply) => {
      const project = await surveyProject(db, req);
      const results = await groupResults(db, [project.id]);
      const vis = visibility(results, config.surveyMinRespondents);
      return sendPage(
        reply,
        <ProjectResultsPage ctx={pageContext(req, reply)} code={project.code} projectName={project.name} results={results} vis={vis} />,
      );
    },
  });

  registerPage(app, "surveyRollup", {
    get: async (req, reply) => {
      authorize(req.user, "surveys.rollup");
      const ctx = pageContext(req, reply);
      const [options, areas] = await Promise.all([loadProjectFormOptions(db, req.locale), listCoordinationAreas(db)]);
      const choices = {
        programme: options.programmes.map((p) => ({ value: p.value, label: p.label })),
        area: areas.map((a) => ({ value: a.id, label: localName(a, req.locale) })),
        actionArea: options.programmes.flatMap((p) => p.actionAreas.map((a) => ({ value: a.value, label: `${a.label} (${p.label})` }))),
      };
      const raw = (req.query as { group?: unknown }).group;
      const match = typeof raw === "string" ? GROUP.exec(raw) : null;
      const kind = match?.[1] as "programme" | "area" | "actionArea" | undefined;
      const id = match?.[2];
      const chosen = kind && id ? choices[kind].find((c) => c.value === id) : undefined;
      if (!kind || !id || !chosen) {
        return sendPage(
          reply,
          <RollupPage ctx={ctx} choices={choices} selected="" groupName={null} projects={[]} results={null} vis={null} />,
          raw === undefined ? 200 : 400,
        );
      }
      const projects = await projectsInGroup(db, req.locale, { kind, id });
      const results = await groupResults(
        db,
        projects.map((p) => p.id),
      );
      const vis = visibility(results, config.surveyMinRespondents);
      return sendPage(
        reply,
        <RollupPage
          ctx={ctx}
          choices={choices}
          selected={`${kind}:${id}`}
          groupName={chosen.label}
          projects={projects}
          results={results}
          vis={vis}
        />,
      );
    },
  });
}
