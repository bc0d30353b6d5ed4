import { asc, count, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { matchOrCreateOrganisation } from "../organisations/queries.ts";
import { projects } from "../projects/schema.ts";
import { listCoordinationAreas } from "../regions/queries.ts";
import { PROJECT_ROLES, people, VISIBILITIES } from "./schema.ts";
import { insertPerson } from "./service.ts";

/** Made-up names for the demo directory (no real person). */
const FIRST = ["Aino", "Eero", "Helmi", "Juho", "Kerttu", "Lauri", "Minna", "Niilo", "Oona", "Pekka", "Riikka", "Sami", "Tuula", "Ville"];
const LAST = ["Demola", "Esimerkki", "Kokeilu", "Malli", "Harjoitus", "Testinen", "Näyte"];

/**
 * The demo directory, once: a coordinator (public) and a researcher (signed-in users only) for each
 * coordination area, and a person with a role in each of the first demo projects, with every
 * visibility in turn. Returns how many people were added.
 */
export async function seedDemoDirectory(db: Db, today: string): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(people);
  if ((existing?.n ?? 0) > 0) return 0;
  let added = 0;
  await db.transaction(async (tx) => {
    const coordination = await matchOrCreateOrganisation(tx, { name: "Osallisuuden koordinaatio (demo)", type: "other", businessId: null });
    const areas = await listCoordinationAreas(tx);
    for (const [i, area] of areas.entries()) {
      await insertPerson(
        tx,
        null,
        {
          name: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`,
          title: "Alueellinen koordinaattori (demo)",
          organisationId: coordination.id,
          email: `koordinaattori.${area.id.replace(/_/g, "-")}@example.fi`,
          phone: `+35850000${String(100 + i)}`,
          visibility: "public",
          consentOn: today,
        },
        { area: { areaId: area.id, role: "coordinator" } },
      );
      await insertPerson(
        tx,
        null,
        {
          name: `${FIRST[(i + 7) % FIRST.length]} ${LAST[(i + 3) % LAST.length]}`,
          title: "Tutkija (demo)",
          organisationId: coordination.id,
          email: `tutkija.${area.id.replace(/_/g, "-")}@example.fi`,
          phone: `+35850000${String(200 + i)}`,
          visibility: "signed_in",
          consentOn: today,
        },
        { area: { areaId: area.id, role: "researcher" } },
      );
      added += 2;
    }
    const demoProjects = await tx
      .select({ id: projects.id, leadId: projects.leadOrganisationId })
      .from(projects)
      .where(eq(projects.isDemo, true))
      .orderBy(asc(projects.code))
      .limit(40);
    for (const [i, p] of demoProjects.entries()) {
      await insertPerson(
        tx,
        null,
        {
          name: `${FIRST[(i * 3) % FIRST.length]} ${LAST[(i * 5) % LAST.length]}`,
          title: "Projektipäällikkö (demo)",
          organisationId: p.leadId,
          email: `hanke${i + 1}@example.fi`,
          phone: `+35840000${String(1000 + i)}`,
          visibility: VISIBILITIES[i % VISIBILITIES.length] ?? "public",
          consentOn: today,
        },
        { project: { projectId: p.id, role: PROJECT_ROLES[i % PROJECT_ROLES.length] ?? "project_manager" } },
      );
      added++;
    }
  });
  return added;
}
