import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../audit/audit.ts";
import { regionalAuthorities, regionalStructures } from "../regions/schema.ts";
import type { ProgrammeForm, TargetGroupForm } from "./inputs.ts";
import type { NamedItem } from "./lines.ts";
import { slugify } from "./lines.ts";
import { funders, programmes, targetGroups } from "./schema.ts";
import { type ProgrammeFile, writeProgramme } from "./seed.ts";

export type ProgrammeErrors = Partial<Record<keyof ProgrammeForm | "form", string>>;

/**
 * Adds a programme from the administration form, in one transaction with its audit entry. The
 * programme gets the same rows as one loaded from data/programmes/*.json.
 */
export async function createProgramme(
  db: Db,
  actorId: string,
  form: ProgrammeForm,
  items: { objectives: NamedItem[]; actionAreas: NamedItem[] },
): Promise<{ ok: true; id: string } | { ok: false; errors: ProgrammeErrors }> {
  return db.transaction(async (tx) => {
    const errors: ProgrammeErrors = {};
    // Two administrators adding the same id at once: the second waits here, then finds it taken
    // (writeProgramme upserts, so without this it would overwrite the first one's programme).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`programme:${form.id}`}))`);
    const [taken] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, form.id));
    if (taken) errors.id = "errors.programmeIdTaken";
    const [structure] = await tx.select().from(regionalStructures).where(eq(regionalStructures.id, form.regionalStructure));
    if (!structure) errors.regionalStructure = "errors.unknownChoice";
    const ministries = await tx.select().from(funders).where(inArray(funders.id, form.funders));
    const authorities = await tx.select().from(regionalAuthorities).where(inArray(regionalAuthorities.id, form.funders));
    const funderList: ProgrammeFile["funders"] = [];
    for (const id of new Set(form.funders)) {
      const m = ministries.find((x) => x.id === id && x.kind === "ministry");
      const a = authorities.find((x) => x.id === id);
      if (m) funderList.push({ id, kind: "ministry", name: { fi: m.nameFi, sv: m.nameSv, en: m.nameEn } });
      else if (a) funderList.push({ id, kind: "regional_authority", regionalAuthority: a.id });
      else errors.funders = "errors.unknownChoice";
    }
    if (Object.keys(errors).length) return { ok: false as const, errors };
    const file: ProgrammeFile = {
      id: form.id,
      name: { fi: form.nameFi, sv: form.nameSv, en: form.nameEn },
      periodStart: form.periodStart,
      periodEnd: form.periodEnd,
      regionalStructure: form.regionalStructure,
      ...(form.projectCodePattern ? { projectCodePattern: form.projectCodePattern } : {}),
      specificObjectives: items.objectives,
      actionAreas: items.actionAreas,
      funders: funderList,
    };
    await writeProgramme(tx, file);
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "programme.create",
      entity: "programme",
      entityId: file.id,
      changes: { ...file },
    });
    return { ok: true as const, id: file.id };
  });
}

/** Adds a target group at the end of the list; its id is a slug of its English (or Finnish) name. */
export async function addTargetGroup(
  db: Db,
  actorId: string,
  form: TargetGroupForm,
): Promise<{ ok: true; id: string } | { ok: false; errors: Partial<Record<keyof TargetGroupForm, string>> }> {
  return db.transaction(async (tx) => {
    // One addition at a time: two of the same name would both pass the check and take one id.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('target-groups'))`);
    const [same] = await tx
      .select({ id: targetGroups.id })
      .from(targetGroups)
      .where(sql`lower(${targetGroups.nameFi}) = ${form.nameFi.toLocaleLowerCase("fi")}`);
    if (same) return { ok: false as const, errors: { nameFi: "errors.targetGroupExists" } };
    const base = slugify(form.nameEn) || slugify(form.nameFi) || "group";
    const existing = new Set((await tx.select({ id: targetGroups.id }).from(targetGroups)).map((r) => r.id));
    let id = base;
    for (let n = 2; existing.has(id); n++) id = `${base}-${n}`;
    const [max] = await tx.select({ n: sql<number>`coalesce(max(${targetGroups.sortOrder}), -1)::int` }).from(targetGroups);
    await tx
      .insert(targetGroups)
      .values({ id, nameFi: form.nameFi, nameSv: form.nameSv, nameEn: form.nameEn, sortOrder: (max?.n ?? -1) + 1 });
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "targetGroup.create",
      entity: "target_group",
      entityId: id,
      changes: { ...form },
    });
    return { ok: true as const, id };
  });
}
