import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { organisations } from "../organisations/schema.ts";
import {
  projectAreas,
  projectCoImplementers,
  projectMaakunnat,
  projectMunicipalities,
  projectStatusHistory,
  projects,
  projectTargetGroups,
} from "./schema.ts";

/** Everything public about one project, or null. */
export async function findProjectByCode(db: Executor, code: string) {
  const [project] = await db.select().from(projects).where(eq(projects.code, code)).limit(1);
  if (!project) return null;
  const id = project.id;
  const [lead] = project.leadOrganisationId
    ? await db.select().from(organisations).where(eq(organisations.id, project.leadOrganisationId))
    : [];
  const coImplementers = await db
    .select({ nameFi: organisations.nameFi, businessId: organisations.businessId, type: organisations.type })
    .from(projectCoImplementers)
    .innerJoin(organisations, eq(organisations.id, projectCoImplementers.organisationId))
    .where(eq(projectCoImplementers.projectId, id))
    .orderBy(asc(organisations.nameFi));
  const municipalityCodes = (await db.select().from(projectMunicipalities).where(eq(projectMunicipalities.projectId, id))).map(
    (r) => r.municipalityCode,
  );
  const maakuntaCodes = (await db.select().from(projectMaakunnat).where(eq(projectMaakunnat.projectId, id))).map((r) => r.maakuntaCode);
  const areaIds = (await db.select().from(projectAreas).where(eq(projectAreas.projectId, id))).map((r) => r.areaId);
  const targetGroupIds = (await db.select().from(projectTargetGroups).where(eq(projectTargetGroups.projectId, id))).map(
    (r) => r.targetGroupId,
  );
  const history = await db
    .select({ status: projectStatusHistory.status, changedOn: projectStatusHistory.changedOn })
    .from(projectStatusHistory)
    .where(eq(projectStatusHistory.projectId, id))
    .orderBy(asc(projectStatusHistory.changedOn));
  return { project, lead: lead ?? null, coImplementers, municipalityCodes, maakuntaCodes, areaIds, targetGroupIds, history };
}
export type ProjectDetails = NonNullable<Awaited<ReturnType<typeof findProjectByCode>>>;
