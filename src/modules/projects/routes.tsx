import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.ts";
import { mayEditProject, mayManageMembers, mayManageSurvey } from "../../policy.ts";
import { HttpError } from "../../web/http-error.ts";
import { translator } from "../../web/i18n.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { sendPage } from "../../web/render.ts";
import { projectPagePeople } from "../directory/page-cache.ts";
import { projectsCsv, projectsXlsx } from "./export.ts";
import { labelsAt, loadLabels } from "./labels.ts";
import { projectScope } from "./members.ts";
import { findProjectByCode } from "./queries.ts";
import { ESF_PROJECT_CODE, normaliseProjectCode } from "./rules.ts";
import { exportProjects, searchParams, searchProjects } from "./search.ts";
import { ProjectPage } from "./views/project-page.tsx";
import { SearchPage } from "./views/search-page.tsx";

/** Public pages of the registry: the faceted search and the project page. No login needed. */
export async function projectRoutes(app: FastifyInstance, { db }: { db: Db }) {
  registerPage(app, "projects", {
    get: async (req, reply) => {
      const params = searchParams.parse(req.query ?? {});
      const ctx = pageContext(req, reply);
      const result = await searchProjects(db, params, req.locale);
      const labels = await labelsAt(db, result.version, req.locale);
      return sendPage(reply, <SearchPage ctx={ctx} params={params} result={result} labels={labels} />);
    },
  });

  const exportRows = async (req: Parameters<typeof pageContext>[0]) => {
    const params = searchParams.parse(req.query ?? {});
    return Promise.all([exportProjects(db, params, req.locale), loadLabels(db, req.locale)]);
  };
  const fileName = (ext: string) => `sokra-projects-${new Date().toISOString().slice(0, 10)}.${ext}`;

  registerPage(app, "projectsCsv", {
    get: async (req, reply) => {
      const [rows, labels] = await exportRows(req);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName("csv")}"`)
        .send(projectsCsv(rows, translator(req.locale), labels));
    },
  });

  registerPage(app, "projectsXlsx", {
    get: async (req, reply) => {
      const [rows, labels] = await exportRows(req);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="${fileName("xlsx")}"`)
        .send(await projectsXlsx(rows, translator(req.locale), labels));
    },
  });

  registerPage(app, "project", {
    get: async (req, reply) => {
      const raw = String((req.params as { code?: unknown }).code ?? "");
      const code = normaliseProjectCode(raw);
      if (code.length > 20 || !/^[A-Z0-9-]+$/.test(code)) throw new HttpError(404);
      const found = await findProjectByCode(db, code, req.locale);
      if (!found) throw new HttpError(404);
      if (raw !== code && ESF_PROJECT_CODE.test(code)) {
        // One address per project: /fi/hankkeet/s20064 → /fi/hankkeet/S20064.
        return reply.redirect(req.url.replace(encodeURIComponent(raw), code), 301);
      }
      // Edit and member links only for those who may use them (anonymous visitors need no extra query).
      const scope = req.user ? await projectScope(db, found.details.project.id) : null;
      const manage = {
        edit: scope !== null && mayEditProject(req.user, scope),
        members: scope !== null && mayManageMembers(req.user, scope),
        survey: scope !== null && mayManageSurvey(req.user, scope),
      };
      const saved = Boolean((req.query as Record<string, unknown> | undefined)?.saved);
      // "Your regional coordinator": derived from the project's areas, as far as the viewer may see them.
      const { contacts, people } = await projectPagePeople(
        db,
        req.user,
        found.details.registryVersion,
        found.details.areaIds,
        found.details.project.id,
      );
      return sendPage(
        reply,
        <ProjectPage
          ctx={pageContext(req, reply)}
          details={found.details}
          labels={found.labels}
          manage={manage}
          saved={saved}
          contacts={contacts}
          people={people}
        />,
      );
    },
  });
}
