import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { recordAudit } from "../audit/audit.ts";
import { matchOrCreateOrganisation } from "../organisations/queries.ts";
import { actionAreas, funders, programmeFunders, programmes, specificObjectives, targetGroups } from "../programmes/schema.ts";
import { areaMaakunnat, areas, maakunnat, municipalities } from "../regions/schema.ts";
import type { ImportedProjectInput, ProjectInput } from "./inputs.ts";
import { checkStatusChange, codeMatchesPattern, deriveAreas, type StructureArea } from "./rules.ts";
import {
  projectAreas,
  projectCoImplementers,
  projectMaakunnat,
  projectMunicipalities,
  projectStatusHistory,
  projects,
  projectTargetGroups,
} from "./schema.ts";

/** Field → i18n error key, for references that the schema alone cannot check. */
export type ProjectErrors = Partial<Record<keyof ProjectInput | "form", string>>;

/** A project from the form (Finnish summary required) or from an import (summary may be missing). */
export type SaveProjectInput = ProjectInput | ImportedProjectInput;

export type SaveResult =
  | {
      ok: true;
      id: string;
      code: string;
      created: boolean;
      /** False when the input equals what is stored: then nothing was written, not even the audit entry. */
      changed: boolean;
      /** Fields and relations that an update changed (empty for a new project). */
      changedFields: string[];
    }
  | { ok: false; errors: ProjectErrors };

/** What a project is related to, each list sorted, to tell whether an update changes anything. */
interface Related {
  municipalityCodes: string[];
  maakuntaCodes: string[];
  areas: string[];
  targetGroupIds: string[];
  coImplementers: string[];
}

async function relatedOf(db: Executor, projectId: string): Promise<Related> {
  const ids = async <T>(rows: Promise<T[]>, pick: (r: T) => string) => (await rows).map(pick).sort();
  return {
    municipalityCodes: await ids(
      db.select().from(projectMunicipalities).where(eq(projectMunicipalities.projectId, projectId)),
      (r) => r.municipalityCode,
    ),
    maakuntaCodes: await ids(db.select().from(projectMaakunnat).where(eq(projectMaakunnat.projectId, projectId)), (r) => r.maakuntaCode),
    areas: await ids(db.select().from(projectAreas).where(eq(projectAreas.projectId, projectId)), (r) => r.areaId),
    targetGroupIds: await ids(
      db.select().from(projectTargetGroups).where(eq(projectTargetGroups.projectId, projectId)),
      (r) => r.targetGroupId,
    ),
    coImplementers: await ids(
      db.select().from(projectCoImplementers).where(eq(projectCoImplementers.projectId, projectId)),
      (r) => `${r.organisationId}:${r.role}`,
    ),
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

async function structureAreas(db: Executor, structureId: string): Promise<StructureArea[]> {
  const rows = await db
    .select({ id: areas.id, code: areaMaakunnat.maakuntaCode })
    .from(areas)
    .innerJoin(areaMaakunnat, eq(areaMaakunnat.areaId, areas.id))
    .where(eq(areas.structureId, structureId));
  const byArea = new Map<string, string[]>();
  for (const r of rows) byArea.set(r.id, [...(byArea.get(r.id) ?? []), r.code]);
  return [...byArea].map(([id, maakuntaCodes]) => ({ id, maakuntaCodes }));
}

/** Checks every reference of the input against the database; returns field errors (none = valid). */
async function checkReferences(
  db: Executor,
  input: SaveProjectInput,
): Promise<{ errors: ProjectErrors; municipalityMaakunnat: string[]; structureId: string | null }> {
  const errors: ProjectErrors = {};
  const [programme] = await db.select().from(programmes).where(eq(programmes.id, input.programmeId));
  if (!programme) return { errors: { programmeId: "errors.unknownChoice" }, municipalityMaakunnat: [], structureId: null };
  if (programme.projectCodePattern && !codeMatchesPattern(programme.projectCodePattern, input.code)) errors.code = "errors.projectCode";
  if (input.objectiveId) {
    const [o] = await db
      .select()
      .from(specificObjectives)
      .where(and(eq(specificObjectives.id, input.objectiveId), eq(specificObjectives.programmeId, programme.id)));
    if (!o) errors.objectiveId = "errors.unknownChoice";
  }
  if (input.actionAreaId) {
    const [a] = await db
      .select()
      .from(actionAreas)
      .where(and(eq(actionAreas.id, input.actionAreaId), eq(actionAreas.programmeId, programme.id)));
    if (!a) errors.actionAreaId = "errors.unknownChoice";
  }
  if (input.funderId) {
    const [f] = await db
      .select()
      .from(programmeFunders)
      .innerJoin(funders, eq(funders.id, programmeFunders.funderId))
      .where(and(eq(programmeFunders.programmeId, programme.id), eq(programmeFunders.funderId, input.funderId)));
    if (!f) errors.funderId = "errors.unknownChoice";
  }
  let municipalityMaakunnat: string[] = [];
  if (input.municipalityCodes.length) {
    const found = await db.select().from(municipalities).where(inArray(municipalities.code, input.municipalityCodes));
    if (found.length !== new Set(input.municipalityCodes).size) errors.municipalityCodes = "errors.unknownMunicipality";
    municipalityMaakunnat = found.map((m) => m.maakuntaCode);
  }
  if (input.maakuntaCodes.length) {
    const found = await db.select().from(maakunnat).where(inArray(maakunnat.code, input.maakuntaCodes));
    if (found.length !== new Set(input.maakuntaCodes).size) errors.maakuntaCodes = "errors.unknownChoice";
  }
  if (input.targetGroupIds.length) {
    const found = await db.select().from(targetGroups).where(inArray(targetGroups.id, input.targetGroupIds));
    if (found.length !== new Set(input.targetGroupIds).size) errors.targetGroupIds = "errors.unknownChoice";
  }
  return { errors, municipalityMaakunnat, structureId: programme.regionalStructureId };
}

/**
 * The project row's columns that come straight from the input (the save adds the source address,
 * the demo mark and the time). Shared with the benchmark's bulk loader, which must write exactly
 * what a save writes.
 */
export function projectColumns(input: SaveProjectInput, leadId: string) {
  return {
    code: input.code,
    programmeId: input.programmeId,
    objectiveId: input.objectiveId,
    actionAreaId: input.actionAreaId,
    scope: input.scope,
    funderId: input.funderId,
    nameFi: input.nameFi,
    nameSv: input.nameSv,
    nameEn: input.nameEn,
    summaryFi: input.summaryFi,
    summarySv: input.summarySv,
    summaryEn: input.summaryEn,
    leadOrganisationId: leadId,
    plannedStart: input.plannedStart,
    plannedEnd: input.plannedEnd,
    actualStart: input.actualStart,
    actualEnd: input.actualEnd,
    budgetTotal: input.budgetTotal,
    publicFunding: input.publicFunding,
    participantsPlannedWomen: input.participantsPlannedWomen,
    participantsPlannedMen: input.participantsPlannedMen,
    participantsPlannedOther: input.participantsPlannedOther,
    participantsActualWomen: input.participantsActualWomen,
    participantsActualMen: input.participantsActualMen,
    participantsActualOther: input.participantsActualOther,
    website: input.website,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
  };
}

/**
 * Creates (no `projectId`) or updates a project in one transaction: checks references, matches or
 * creates the organisations by business ID, replaces what it serves and its target groups, derives
 * its coordination areas, records a status change with its date, and writes the audit entry.
 * An update that changes nothing writes nothing (re-imports are idempotent) and says so.
 * `db` may be an open transaction: the save then runs in a savepoint of it.
 */
export async function saveProject(
  db: Executor,
  actorId: string | null,
  input: SaveProjectInput,
  options: {
    projectId?: string;
    today: string;
    isDemo?: boolean;
    /** An area coordinator's area: the project must belong to it after the save (policy.requiredProjectArea). */
    requiredAreaId?: string | null;
    /** A project member's save may not change the coordination areas (policy.keepsProjectAreas). */
    keepAreas?: boolean;
  },
): Promise<SaveResult> {
  try {
    return await saveInTransaction(db, actorId, input, options);
  } catch (err) {
    // Another save took the same code between our check and our insert.
    if (isUniqueViolation(err, "projects_code_idx")) return { ok: false, errors: { code: "errors.projectCodeTaken" } };
    throw err;
  }
}

function saveInTransaction(
  db: Executor,
  actorId: string | null,
  input: SaveProjectInput,
  options: Parameters<typeof saveProject>[3],
): Promise<SaveResult> {
  return db.transaction(async (tx): Promise<SaveResult> => {
    const { errors, municipalityMaakunnat, structureId } = await checkReferences(tx, input);
    const [sameCode] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.code, input.code));
    if (sameCode && sameCode.id !== options.projectId) errors.code = "errors.projectCodeTaken";
    const before = options.projectId ? (await tx.select().from(projects).where(eq(projects.id, options.projectId)))[0] : undefined;
    if (options.projectId && !before) errors.form = "errors.notFound";
    const history = before
      ? await tx
          .select({ status: projectStatusHistory.status, changedOn: projectStatusHistory.changedOn })
          .from(projectStatusHistory)
          .where(eq(projectStatusHistory.projectId, before.id))
      : [];
    const statusError = checkStatusChange(
      history,
      { status: input.status, changedOn: input.statusChangedOn ?? options.today },
      options.today,
    );
    if (statusError) errors.statusChangedOn = statusError;
    if (Object.keys(errors).length > 0 || !structureId) return { ok: false, errors };

    // Everything that can refuse the save is checked before anything is written.
    const maakuntaCodes = [...new Set(input.maakuntaCodes)].sort();
    const areas = deriveAreas(await structureAreas(tx, structureId), {
      scope: input.scope,
      maakuntaCodes,
      municipalityMaakuntaCodes: municipalityMaakunnat,
    });
    if (options.requiredAreaId && !areas.includes(options.requiredAreaId)) {
      return { ok: false, errors: { municipalityCodes: "errors.outsideYourArea" } };
    }
    if (options.keepAreas && before) {
      const was = (await tx.select({ areaId: projectAreas.areaId }).from(projectAreas).where(eq(projectAreas.projectId, before.id)))
        .map((r) => r.areaId)
        .sort();
      if (was.join() !== [...areas].sort().join()) return { ok: false, errors: { municipalityCodes: "errors.memberCannotMoveProject" } };
    }
    const lead = await matchOrCreateOrganisation(tx, input.lead);
    // Organisation → its role (co-implementer or partner); the first row of an organisation wins.
    const coIds = new Map<string, "co_implementer" | "partner">();
    for (const co of input.coImplementers) {
      const id = (await matchOrCreateOrganisation(tx, co)).id;
      if (!coIds.has(id)) coIds.set(id, co.role);
    }
    coIds.delete(lead.id);
    const values = {
      ...projectColumns(input, lead.id),
      status: input.status,
      // The form does not carry the source address: it keeps what an import stored.
      sourceUrl: "sourceUrl" in input ? input.sourceUrl : (before?.sourceUrl ?? null),
      isDemo: options.isDemo ?? before?.isDemo ?? false,
      updatedAt: new Date(),
    };
    const related: Related = {
      municipalityCodes: [...new Set(input.municipalityCodes)].sort(),
      maakuntaCodes,
      areas,
      targetGroupIds: [...new Set(input.targetGroupIds)].sort(),
      coImplementers: [...coIds].map(([id, role]) => `${id}:${role}`).sort(),
    };

    const changes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      if (key === "updatedAt") continue;
      const old = before ? (before as Record<string, unknown>)[key] : undefined;
      if (old !== value) changes[key] = before ? { from: old ?? null, to: value } : value;
    }
    if (before) {
      const was = await relatedOf(tx, before.id);
      for (const key of Object.keys(related) as (keyof Related)[]) {
        if (!sameList(was[key], related[key])) changes[key] = { from: was[key], to: related[key] };
      }
      if (Object.keys(changes).length === 0) {
        return { ok: true, id: before.id, code: input.code, created: false, changed: false, changedFields: [] };
      }
    } else {
      changes.areas = related.areas;
    }

    let id: string;
    if (before) {
      id = before.id;
      await tx.update(projects).set(values).where(eq(projects.id, id));
      for (const table of [projectMunicipalities, projectMaakunnat, projectAreas, projectTargetGroups, projectCoImplementers]) {
        await tx.delete(table).where(eq(table.projectId, id));
      }
    } else {
      const [row] = await tx.insert(projects).values(values).returning({ id: projects.id });
      if (!row) throw new Error("insert returned no row");
      id = row.id;
    }

    if (related.municipalityCodes.length)
      await tx.insert(projectMunicipalities).values(related.municipalityCodes.map((c) => ({ projectId: id, municipalityCode: c })));
    if (maakuntaCodes.length) await tx.insert(projectMaakunnat).values(maakuntaCodes.map((c) => ({ projectId: id, maakuntaCode: c })));
    if (related.areas.length) await tx.insert(projectAreas).values(related.areas.map((areaId) => ({ projectId: id, areaId })));
    if (related.targetGroupIds.length)
      await tx.insert(projectTargetGroups).values(related.targetGroupIds.map((g) => ({ projectId: id, targetGroupId: g })));
    if (coIds.size)
      await tx.insert(projectCoImplementers).values([...coIds].map(([organisationId, role]) => ({ projectId: id, organisationId, role })));

    if (!before || before.status !== input.status) {
      await tx
        .insert(projectStatusHistory)
        .values({ projectId: id, status: input.status, changedOn: input.statusChangedOn ?? options.today, changedBy: actorId });
    }

    await recordAudit(tx, {
      actorUserId: actorId,
      action: before ? "project.update" : "project.create",
      entity: "project",
      entityId: id,
      changes,
    });
    return { ok: true, id, code: input.code, created: !before, changed: true, changedFields: before ? Object.keys(changes) : [] };
  });
}
