import { desc, eq, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { effectiveK } from "../../stats/suppression.ts";
import { recordAudit } from "../audit/audit.ts";
import { surveyInstruments, surveySettings } from "./schema.ts";

/** The k in force: the administrator's setting, else the configured default; never below 3. */
export async function suppressionK(db: Executor, configured: number): Promise<number> {
  const [row] = await db.select({ k: surveySettings.minRespondents }).from(surveySettings).where(eq(surveySettings.id, "default"));
  return effectiveK(row?.k ?? configured);
}

export async function setSuppressionK(db: Db, actorId: string, k: number): Promise<void> {
  await db.transaction(async (tx) => {
    const value = effectiveK(k);
    await tx
      .insert(surveySettings)
      .values({ id: "default", minRespondents: value })
      .onConflictDoUpdate({ target: surveySettings.id, set: { minRespondents: value } });
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "survey.settings.k",
      entity: "survey_settings",
      entityId: "default",
      changes: { k: value },
    });
  });
}

/** Every loaded instrument version with its language flags and whether answers lock it. */
export async function listInstruments(db: Executor) {
  return db
    .select({
      id: surveyInstruments.id,
      key: surveyInstruments.key,
      version: surveyInstruments.version,
      definition: surveyInstruments.definition,
      // Qualified by hand: drizzle writes bare column names in a one-table query ("id" would be ambiguous).
      answers: sql<number>`(select count(*)::int from survey_responses a join survey_rounds r on r.id = a.round_id where r.instrument_id = survey_instruments.id)`,
    })
    .from(surveyInstruments)
    .orderBy(surveyInstruments.key, desc(surveyInstruments.version));
}
