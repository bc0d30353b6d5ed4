import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db, Executor } from "../../db/client.ts";
import type { PageContext } from "../../web/context.ts";
import { CheckboxesField, type Option, SelectField, TextAreaField } from "../../web/form.tsx";
import { HttpError } from "../../web/http-error.ts";
import { Layout } from "../../web/layout.tsx";
import type { Locale } from "../../web/locales.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { sendPage } from "../../web/render.ts";
import { loadLabels } from "../projects/labels.ts";
import { listMunicipalityKeys } from "../regions/queries.ts";
import { areaMaakunnat, areas, municipalities } from "../regions/schema.ts";
import { STRUCTURE_2014_2020 } from "../regions/seed.ts";
import { type AreaContact, contactsOfAreas } from "./queries.ts";
import { AreaContacts } from "./views/contacts.tsx";

/**
 * Planner pages (BRIEF: "reach the regional coordinator"): someone planning a project chooses their
 * municipality and sees the coordination area it belongs to, that area's coordinators and
 * researchers with contact details as far as each person's visibility allows the viewer, the area's
 * projects, and the partner finder's entry from free text. GET forms only: works without JavaScript.
 */

const municipalityParam = z.object({ municipality: z.string().regex(/^\d{3}$/) });
const chooseQuery = z.object({
  municipality: z
    .string()
    .regex(/^\d{3}$/)
    .optional()
    .catch(undefined),
});

/** A municipality with its name in the page's language and the coordination areas of its maakunta (structure of the coordinators). */
export async function municipalityWithAreas(db: Executor, code: string, locale: Locale) {
  const name = sql.raw(`name_${locale}`);
  const [m] = await db
    .select({
      code: municipalities.code,
      name: sql<string>`coalesce(${name}, name_fi)`,
      nameFi: municipalities.nameFi,
      maakuntaCode: municipalities.maakuntaCode,
    })
    .from(municipalities)
    .where(eq(municipalities.code, code))
    .limit(1);
  if (!m) return null;
  const areaRows = await db
    .select({ id: areas.id, name: sql<string>`${sql.raw(`areas.name_${locale}`)}` })
    .from(areas)
    .innerJoin(areaMaakunnat, eq(areaMaakunnat.areaId, areas.id))
    .where(and(eq(areaMaakunnat.maakuntaCode, m.maakuntaCode), eq(areas.structureId, STRUCTURE_2014_2020)));
  return { ...m, areas: areaRows };
}

function PlanningPage({
  ctx,
  municipalities: options,
  chosen,
  contacts,
  targetGroups,
  actionAreas,
}: {
  ctx: PageContext;
  municipalities: Option[];
  chosen: Awaited<ReturnType<typeof municipalityWithAreas>>;
  contacts: AreaContact[];
  targetGroups: Option[];
  actionAreas: Option[];
}) {
  const { t, locale } = ctx;
  const title = chosen ? t("directory.planning.titleFor", { name: chosen.name }) : t("directory.planning.title");
  const areaNames = new Map((chosen?.areas ?? []).map((a) => [a.id, a.name]));
  return (
    <Layout ctx={ctx} title={title}>
      {chosen && (
        <p class="breadcrumb">
          <a href={pathTo("planning", locale)}>{t("directory.planning.title")}</a>
        </p>
      )}
      <h1>{title}</h1>
      <p>{t("directory.planning.intro")}</p>
      <form method="get" action={pathTo("planning", locale)} class="search-form">
        <SelectField
          ctx={ctx}
          name="municipality"
          label={t("directory.planning.municipality")}
          hint={t("directory.planning.municipalityHint")}
          options={options}
          value={chosen?.code ?? ""}
          emptyLabel={t("directory.manage.choose")}
        />
        <button type="submit" class="button">
          {t("directory.planning.show")}
        </button>
      </form>
      {chosen && (
        <>
          <h2>{t("directory.planning.areaHeading")}</h2>
          {chosen.areas.length === 0 ? (
            <p>{t("directory.planning.noArea")}</p>
          ) : (
            <ul>
              {chosen.areas.map((a) => (
                <li key={a.id}>
                  <a href={pathTo("area", locale, { id: a.id })}>{a.name}</a>
                  {" · "}
                  <a href={`${pathTo("projects", locale)}?area=${encodeURIComponent(a.id)}&status=running`}>
                    {t("directory.planning.runningProjects")}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <AreaContacts ctx={ctx} contacts={contacts} areaNames={areaNames} />
          <p>
            <a href={`${pathTo("projects", locale)}?q=${encodeURIComponent(chosen.nameFi)}`}>
              {t("directory.planning.projectsInMunicipality", { name: chosen.name })}
            </a>
          </p>
        </>
      )}
      <section aria-labelledby="planning-partners">
        <h2 id="planning-partners">{t("directory.planning.partnersHeading")}</h2>
        <p>{t("directory.planning.partnersIntro")}</p>
        <form method="get" action={pathTo("partners", locale)}>
          <TextAreaField ctx={ctx} name="text" label={t("directory.partners.text")} hint={t("directory.partners.textHint")} rows={4} />
          <CheckboxesField ctx={ctx} name="targetGroup" legend={t("projects.fields.targetGroups")} options={targetGroups} checked={[]} />
          <SelectField
            ctx={ctx}
            name="actionArea"
            label={t("projects.fields.actionArea")}
            options={actionAreas}
            emptyLabel={t("directory.partners.anyActionArea")}
          />
          <button type="submit" class="button">
            {t("directory.partners.submit")}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export async function planningRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const render = async (req: FastifyRequest, reply: FastifyReply, code: string | null) => {
    const chosen = code ? await municipalityWithAreas(db, code, req.locale) : null;
    if (code && !chosen) throw new HttpError(404);
    const [keys, labels, contacts] = await Promise.all([
      listMunicipalityKeys(db),
      loadLabels(db, req.locale),
      chosen
        ? contactsOfAreas(
            db,
            req.user,
            chosen.areas.map((a) => a.id),
          )
        : Promise.resolve([]),
    ]);
    const name = (m: { nameFi: string; nameSv: string | null; nameEn: string | null }) =>
      (req.locale === "sv" && m.nameSv) || (req.locale === "en" && m.nameEn) || m.nameFi;
    const sorted = (m: Map<string, string>) =>
      [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, req.locale));
    return sendPage(
      reply,
      <PlanningPage
        ctx={pageContext(req, reply)}
        municipalities={keys.map((m) => ({ value: m.code, label: name(m) })).sort((a, b) => a.label.localeCompare(b.label, req.locale))}
        chosen={chosen}
        contacts={contacts}
        targetGroups={sorted(labels.targetGroup)}
        actionAreas={sorted(labels.actionArea)}
      />,
    );
  };

  registerPage(app, "planning", {
    get: async (req, reply) => {
      // The municipality form is a GET form: its answer moves to the municipality's own address.
      const { municipality } = chooseQuery.parse(req.query ?? {});
      if (municipality) return reply.redirect(pathTo("planningArea", req.locale, { municipality }), 303);
      return render(req, reply, null);
    },
  });

  registerPage(app, "planningArea", {
    get: async (req, reply) => {
      const params = municipalityParam.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      return render(req, reply, params.data.municipality);
    },
  });
}
