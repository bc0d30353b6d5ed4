import { count, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { municipalities } from "../regions/schema.ts";
import { generateDemoProjects } from "./demo-data.ts";
import { projectInput } from "./inputs.ts";
import { projectStatusHistory, projects } from "./schema.ts";
import { saveProject } from "./service.ts";

/** Loads the demo programme once (nothing happens when demo projects already exist). Returns how many were added. */
export async function seedDemoProjects(db: Db, today: string): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(projects).where(eq(projects.isDemo, true));
  if ((existing?.n ?? 0) > 0) return 0;
  const munis = await db
    .select({ code: municipalities.code, nameFi: municipalities.nameFi, maakuntaCode: municipalities.maakuntaCode })
    .from(municipalities);
  let added = 0;
  for (const demo of generateDemoProjects(munis)) {
    const { history, ...fields } = demo;
    const current = history[history.length - 1];
    const input = projectInput.parse({ ...fields, status: current?.status, statusChangedOn: current?.changedOn });
    const r = await saveProject(db, null, input, { today, isDemo: true });
    if (!r.ok) throw new Error(`demo project ${demo.code}: ${JSON.stringify(r.errors)}`);
    await db.transaction(async (tx) => {
      await tx.delete(projectStatusHistory).where(eq(projectStatusHistory.projectId, r.id));
      await tx.insert(projectStatusHistory).values(history.map((h) => ({ projectId: r.id, status: h.status, changedOn: h.changedOn })));
    });
    added++;
  }
  return added;
}
