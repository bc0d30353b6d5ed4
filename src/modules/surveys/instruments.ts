import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../audit/audit.ts";
import { type Instrument, instrumentSchema } from "./instrument.ts";
import { surveyInstruments, surveyResponses, surveyRounds } from "./schema.ts";

const dataDir = resolve(import.meta.dirname, "../../../data/instruments");

/** The instrument Sokra uses for new rounds. */
export const DEFAULT_INSTRUMENT_KEY = "esis";

/** Every instrument file shipped in data/instruments, validated. */
export function readInstrumentFiles(): Instrument[] {
  return readdirSync(dataDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => instrumentSchema.parse(JSON.parse(readFileSync(resolve(dataDir, f), "utf8"))));
}

/** Loads the shipped versions that the database does not have yet; an existing version is never changed here. */
export async function seedInstruments(db: Db): Promise<void> {
  for (const definition of readInstrumentFiles()) {
    await db.insert(surveyInstruments).values({ key: definition.key, version: definition.version, definition }).onConflictDoNothing();
  }
}

export interface StoredInstrument {
  id: string;
  definition: Instrument;
}

/** The newest version of an instrument. */
export async function latestInstrument(db: Executor, key = DEFAULT_INSTRUMENT_KEY): Promise<StoredInstrument | null> {
  const [row] = await db
    .select({ id: surveyInstruments.id, definition: surveyInstruments.definition })
    .from(surveyInstruments)
    .where(eq(surveyInstruments.key, key))
    .orderBy(desc(surveyInstruments.version))
    .limit(1);
  return row ?? null;
}

export async function instrumentById(db: Executor, id: string): Promise<StoredInstrument | null> {
  const [row] = await db
    .select({ id: surveyInstruments.id, definition: surveyInstruments.definition })
    .from(surveyInstruments)
    .where(eq(surveyInstruments.id, id));
  return row ?? null;
}

export type LoadResult = { ok: true; id: string; created: boolean } | { ok: false; error: "locked" };

/**
 * An administrator loads a new version or an official translation. A version that has answers is
 * locked: loading it again with other content is refused.
 */
export async function loadInstrument(db: Db, actorId: string, definition: Instrument): Promise<LoadResult> {
  return db.transaction(async (tx): Promise<LoadResult> => {
    const [existing] = await tx
      .select({ id: surveyInstruments.id })
      .from(surveyInstruments)
      .where(and(eq(surveyInstruments.key, definition.key), eq(surveyInstruments.version, definition.version)))
      .for("update");
    if (existing) {
      const [used] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(surveyResponses)
        .innerJoin(surveyRounds, eq(surveyRounds.id, surveyResponses.roundId))
        .where(eq(surveyRounds.instrumentId, existing.id));
      if ((used?.n ?? 0) > 0) return { ok: false, error: "locked" };
      await tx.update(surveyInstruments).set({ definition, loadedAt: new Date() }).where(eq(surveyInstruments.id, existing.id));
      await recordAudit(tx, {
        actorUserId: actorId,
        action: "survey.instrument.replace",
        entity: "survey_instrument",
        entityId: existing.id,
        changes: { key: definition.key, version: definition.version },
      });
      return { ok: true, id: existing.id, created: false };
    }
    const [row] = await tx
      .insert(surveyInstruments)
      .values({ key: definition.key, version: definition.version, definition })
      .returning({ id: surveyInstruments.id });
    const id = (row as { id: string }).id;
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "survey.instrument.load",
      entity: "survey_instrument",
      entityId: id,
      changes: { key: definition.key, version: definition.version },
    });
    return { ok: true, id, created: true };
  });
}
