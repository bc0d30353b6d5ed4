import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import type { Role } from "../accounts/roles.ts";
import { auditLog } from "../audit/schema.ts";
import { organisations } from "../organisations/schema.ts";
import { projectInput } from "../projects/inputs.ts";
import { saveProject } from "../projects/service.ts";
import { areaContacts, people, personProjectRoles, type Visibility } from "./schema.ts";
import { insertPerson } from "./service.ts";

let t: TestApp;
const ids: Record<string, string> = {};
const ROLES_TO_TEST: Role[] = ["admin", "national_coordinator", "area_coordinator", "project_member", "ministry_viewer", "researcher"];
const agents = new Map<Role, Agent>();

async function project(code: string, nameFi: string, summaryFi: string, maakunta: string, extra: Record<string, unknown> = {}) {
  const r = await saveProject(
    t.database.db,
    null,
    projectInput.parse({
      code,
      programmeId: "esf-2014-2020-tl5",
      objectiveId: "esf-2014-2020-tl5:10.1",
      actionAreaId: "esf-2014-2020-tl5:discrimination-deprivation",
      scope: "regional",
      maakuntaCodes: [maakunta],
      funderId: "stm",
      nameFi,
      summaryFi,
      lead: { name: `${nameFi} ry`, type: "ngo", businessId: null },
      plannedStart: "2020-01-01",
      plannedEnd: "2022-12-31",
      targetGroupIds: ["young-people"],
      status: "running",
      statusChangedOn: "2020-01-01",
      ...extra,
    }),
    { today: "2026-11-25" },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.id;
}

/** One person per visibility, each with a phone number that must never leak to the wrong viewer. */
const PHONES: Record<Visibility, { name: string; phone: string; shown: string }> = {
  public: { name: "Paula Julkinen", phone: "+358401110001", shown: "040 1110001" },
  signed_in: { name: "Kalle Kirjautunut", phone: "+358401110002", shown: "040 1110002" },
  coordinators: { name: "Kirsi Koordinoitu", phone: "+358401110003", shown: "040 1110003" },
};

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000" });
  ids.east = await project("S90001", "Nuorten polku", "Nuorten kuntoutus ja vertaistuki työpajoissa Pohjois-Savossa.", "11");
  ids.south = await project("S90002", "Nuorten silta", "Nuorille kuntoutusta ja vertaistukea pääkaupunkiseudulla.", "01");
  ids.ended = await project("S90003", "Vanha kuntoutushanke", "Kuntoutus ja vertaistuki päättyneessä hankkeessa.", "01", {
    status: "ended",
    statusChangedOn: "2023-01-01",
  });
  ids.other = await project("S90004", "Metsäretket", "Luontoliikuntaa ikäihmisille.", "19", {
    actionAreaId: "esf-2014-2020-tl5:citizen-led-urban",
    targetGroupIds: ["older-unemployed"],
  });
  const [org] = await t.database.db
    .insert(organisations)
    .values({ nameFi: "Helsingin Diakonissalaitos", type: "foundation", businessId: "0116480-8", homeMunicipalityCode: "091" })
    .returning();
  ids.org = org?.id ?? "";
  for (const [visibility, p] of Object.entries(PHONES) as [Visibility, (typeof PHONES)["public"]][]) {
    ids[visibility] = await t.database.db.transaction((tx) =>
      insertPerson(
        tx,
        null,
        {
          name: p.name,
          title: "Koordinaattori",
          organisationId: ids.org ?? null,
          email: null,
          phone: p.phone,
          visibility,
          consentOn: "2026-01-01",
        },
        { area: { areaId: "east", role: "coordinator" }, project: { projectId: ids.east ?? "", role: "project_manager" } },
      ),
    );
  }
  for (const role of ROLES_TO_TEST) {
    const u = await createUser(t, role, { email: `${role}@example.fi` });
    agents.set(role, await loginAgent(t, u.email));
  }
});
afterAll(async () => t?.close());

const anonymous = () => new Agent(t.app);
const viewers = (): [string, () => Agent, Visibility[]][] => [
  ["anonymous", anonymous, ["public"]],
  ...ROLES_TO_TEST.map((r): [string, () => Agent, Visibility[]] => [
    r,
    () => agents.get(r) as Agent,
    ["admin", "national_coordinator", "area_coordinator"].includes(r) ? ["public", "signed_in", "coordinators"] : ["public", "signed_in"],
  ]),
];

describe("visibility × role in every view", () => {
  const pages = () => [
    ["directory search by organisation", "/fi/verkosto?q=diakonissalaitos"],
    ["organisation page", `/fi/verkosto/organisaatiot/${ids.org}`],
    ["area page", "/fi/alueet/east"],
    ["project page", "/fi/hankkeet/S90001"],
    ["Swedish area page", "/sv/omraden/east"],
  ];
  for (const [who, agent, sees] of viewers()) {
    it(`${who} sees exactly the people and phone numbers allowed`, async () => {
      for (const [label, url] of pages()) {
        const res = await agent().get(url ?? "");
        expect(res.statusCode, `${label}`).toBe(200);
        for (const [visibility, p] of Object.entries(PHONES) as [Visibility, (typeof PHONES)["public"]][]) {
          const allowed = sees.includes(visibility);
          expect(res.body.includes(p.shown), `${who} ${label} ${visibility} phone`).toBe(allowed);
          expect(res.body.includes(p.phone), `${who} ${label} ${visibility} tel: link`).toBe(allowed);
          expect(res.body.includes(p.name), `${who} ${label} ${visibility} name`).toBe(allowed);
        }
      }
      for (const visibility of ["public", "signed_in", "coordinators"] as Visibility[]) {
        const res = await agent().get(`/fi/verkosto/henkilot/${ids[visibility]}`);
        expect(res.statusCode, `${who} person page ${visibility}`).toBe(sees.includes(visibility) ? 200 : 404);
        if (res.statusCode === 404) expect(res.body).not.toContain(PHONES[visibility].shown);
      }
    });
  }

  it("the project page lists the project's people with their roles as far as the viewer may see them", async () => {
    const anon = await anonymous().get("/fi/hankkeet/S90001");
    expect(anon.body).toContain("Hankkeen ihmiset");
    expect(anon.body).toContain('Paula Julkinen</a><span class="person-role"> – Projektipäällikkö');
    expect(anon.body).not.toContain("Kalle Kirjautunut");
    const other = await anonymous().get("/fi/hankkeet/S90004");
    expect(other.body).not.toContain("Hankkeen ihmiset");
  });

  it("an anonymous project page follows a change of visibility, roles and area contacts at once (kept per registry version)", async () => {
    const page = async (code: string) => (await anonymous().get(`/fi/hankkeet/${code}`)).body;
    expect(await page("S90001")).toContain("Paula Julkinen");
    await t.database.db
      .update(people)
      .set({ visibility: "coordinators" })
      .where(eq(people.id, ids.public as string));
    const hidden = await page("S90001");
    expect(hidden).not.toContain("Paula Julkinen");
    expect(hidden).not.toContain(PHONES.public.shown);
    await t.database.db
      .update(people)
      .set({ visibility: "public" })
      .where(eq(people.id, ids.public as string));
    expect(await page("S90001")).toContain("Paula Julkinen");
    // A project without people gets its first person.
    expect(await page("S90004")).not.toContain("Hankkeen ihmiset");
    const [s90004] = await t.database.db
      .execute(sql`select id from projects where code = 'S90004'`)
      .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
    await t.database.db
      .insert(personProjectRoles)
      .values({ personId: ids.public as string, projectId: s90004?.id as string, role: "worker" });
    expect(await page("S90004")).toContain("Paula Julkinen");
    await t.database.db.delete(personProjectRoles).where(eq(personProjectRoles.projectId, s90004?.id as string));
    expect(await page("S90004")).not.toContain("Hankkeen ihmiset");
  });

  it("a person always sees their own entry, even coordinators-only, and its phone", async () => {
    const u = await createUser(t, "researcher", { email: "own-view@example.fi" });
    const agent = await loginAgent(t, u.email);
    const [row] = await t.database.db
      .insert(people)
      .values({ name: "Oma Näkymä", visibility: "coordinators", consentOn: "2026-01-01", phone: "+358409998877", userId: u.id })
      .returning();
    const page = await agent.get(`/fi/verkosto/henkilot/${row?.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("040 9998877");
    const other = await agents.get("researcher")?.get(`/fi/verkosto/henkilot/${row?.id}`);
    expect(other?.statusCode).toBe(404);
  });
});

describe("directory search", () => {
  it("tolerates typos and Finnish inflection", async () => {
    for (const q of ["Diakonisalaitos", "diakonissalaitoksen", "Helsingissä", "0116480-8"]) {
      const res = await anonymous().get(`/fi/verkosto?q=${encodeURIComponent(q)}`);
      expect(res.body, q).toContain("Helsingin Diakonissalaitos");
    }
    const person = await anonymous().get(`/fi/verkosto?q=${encodeURIComponent("Paula Julkisen")}`);
    expect(person.body).toContain("Paula Julkinen");
  });
  it("finds nothing for unrelated text and says so", async () => {
    const res = await anonymous().get("/fi/verkosto?q=zzqxw");
    expect(res.body).toContain("Organisaatioita ei löytynyt.");
    expect(res.body).toContain("Henkilöitä ei löytynyt.");
  });
  it("survives malformed queries", async () => {
    for (const url of ["/fi/verkosto?q=%00", "/fi/verkosto?q[]=a", `/fi/verkosto?q=${"x".repeat(5000)}`, "/fi/verkosto?q=%25_%5C"]) {
      expect((await anonymous().get(url)).statusCode, url).toBe(200);
    }
  });
});

describe("organisation and area pages", () => {
  it("lists an organisation's projects with its role and regions", async () => {
    const [lead] = await t.database.db.select().from(organisations).where(eq(organisations.nameFi, "Nuorten polku ry"));
    const res = await anonymous().get(`/fi/verkosto/organisaatiot/${lead?.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Nuorten polku");
    expect(res.body).toContain("Päätoteuttaja");
    expect(res.body).toContain("Pohjois-Savo");
  });
  it("answers 404 for unknown or malformed ids", async () => {
    for (const url of [
      "/fi/verkosto/organisaatiot/00000000-0000-4000-8000-000000000000",
      "/fi/verkosto/organisaatiot/nope",
      "/fi/verkosto/henkilot/nope",
      "/fi/alueet/nowhere",
      "/fi/alueet/%00",
    ]) {
      expect((await anonymous().get(url)).statusCode, url).toBe(404);
    }
  });
});

describe("partner finder", () => {
  it("finds similar projects from a project and says why", async () => {
    const res = await anonymous().get("/fi/kumppanihaku?project=S90001");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Nuorten silta");
    expect(res.body).toContain("sama kohderyhmä: Nuoret");
    expect(res.body).toMatch(/kuvauksissa yhteistä: [^<]*kuntoutus/);
    expect(res.body).not.toContain("S90001 ·");
    expect(res.body.indexOf("Nuorten silta")).toBeLessThan(
      res.body.indexOf("Metsäretket") === -1 ? Infinity : res.body.indexOf("Metsäretket"),
    );
  });
  it("filters: other areas only, running only", async () => {
    const sameArea = await project("S90005", "Nuorten paja", "Nuorten kuntoutus ja vertaistuki Kuopiossa.", "11");
    expect(sameArea).toBeTruthy();
    const all = await anonymous().get("/fi/kumppanihaku?project=S90001");
    expect(all.body).toContain("Nuorten paja");
    expect(all.body).toContain("Vanha kuntoutushanke");
    const filtered = await anonymous().get("/fi/kumppanihaku?project=S90001&otherAreas=yes&running=yes");
    expect(filtered.body).not.toContain("Nuorten paja");
    expect(filtered.body).not.toContain("Vanha kuntoutushanke");
    expect(filtered.body).toContain("Nuorten silta");
    expect(filtered.body).toMatch(/name="otherAreas" value="yes" checked/);
  });
  it("works from free text and target groups", async () => {
    const res = await anonymous().get(
      `/en/partner-finder?text=${encodeURIComponent("luontoliikunta ikäihmisille")}&targetGroup=older-unemployed`,
    );
    expect(res.body).toContain("Metsäretket");
    expect(res.body).toContain("same target group");
  });
  it("says when the code is unknown or nothing was given", async () => {
    expect((await anonymous().get("/fi/kumppanihaku?project=S99999")).body).toContain("Hanketta koodilla S99999 ei löytynyt.");
    expect((await anonymous().get("/fi/kumppanihaku")).body).not.toContain("Tulokset");
  });
  it("never answers 500 to random queries", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.string({ unit: fc.constantFrom("a", "|", "&", "!", "(", ":", "*", "\u0000", "'", "-", "ä") }),
        async (a, b) => {
          const res = await anonymous().get(
            `/fi/kumppanihaku?project=${encodeURIComponent(a)}&text=${encodeURIComponent(b)}&targetGroup=${encodeURIComponent(a)}`,
          );
          expect(res.statusCode).toBe(200);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("own data", () => {
  it("needs a login (401) for every own-data route", async () => {
    const a = anonymous();
    expect((await a.get("/fi/omat-tiedot")).statusCode).toBe(401);
    expect((await a.get("/fi/omat-tiedot.json")).statusCode).toBe(401);
    expect((await a.get("/fi/omat-tiedot/muokkaa")).statusCode).toBe(401);
    await a.get("/fi/kirjaudu");
    expect((await a.post("/fi/omat-tiedot/muokkaa", { name: "x", visibility: "public" })).statusCode).toBe(401);
    expect((await a.post("/fi/omat-tiedot/poista", { confirm: "yes" })).statusCode).toBe(401);
  });

  it("creates, corrects, downloads and erases one's own entry, audited", async () => {
    const u = await createUser(t, "project_member", { email: "own@example.fi", name: "Olli Oma" });
    const agent = await loginAgent(t, u.email);
    const form = await agent.get("/fi/omat-tiedot/muokkaa");
    expect(form.body).toContain('value="Olli Oma"');

    const bad = await agent.post("/fi/omat-tiedot/muokkaa", { name: "Olli Oma", email: "not-an-email", phone: "12", visibility: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Kirjoita sähköpostiosoite muodossa");
    expect(bad.body).toContain("Kirjoita puhelinnumero muodossa");
    expect(bad.body).toContain("Valitse, kuka näkee tietosi");
    expect(bad.body).toContain('value="not-an-email"');
    expect(await t.database.db.select().from(people).where(eq(people.userId, u.id))).toHaveLength(0);

    const unknownOrg = await agent.post("/fi/omat-tiedot/muokkaa", {
      name: "Olli Oma",
      organisationBusinessId: "2229500-6",
      visibility: "public",
    });
    expect(unknownOrg.statusCode).toBe(400);
    expect(unknownOrg.body).toContain("Organisaatiota tällä Y-tunnuksella ei ole rekisterissä");
    const badId = await agent.post("/fi/omat-tiedot/muokkaa", {
      name: "Olli Oma",
      organisationBusinessId: "2229500-7",
      visibility: "public",
    });
    expect(badId.statusCode).toBe(400);

    const ok = await agent.post("/fi/omat-tiedot/muokkaa", {
      name: "Olli Oma",
      title: "Projektityöntekijä",
      organisationBusinessId: "0116480-8",
      email: "Olli@Example.fi",
      phone: "+46 8 123 456 78",
      visibility: "signed_in",
    });
    expect(ok.statusCode).toBe(303);
    const [row] = await t.database.db.select().from(people).where(eq(people.userId, u.id));
    expect(row).toMatchObject({ email: "olli@example.fi", phone: "+46812345678", visibility: "signed_in", organisationId: ids.org });
    expect(row?.consentOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const page = await agent.get("/fi/omat-tiedot");
    expect(page.body).toContain("Kirjautuneet käyttäjät");
    expect(page.body).toContain("+46812345678");
    const json = await agent.get("/fi/omat-tiedot.json");
    expect(json.headers["content-disposition"]).toContain("attachment");
    const data = JSON.parse(json.body);
    expect(data.account.email).toBe("own@example.fi");
    expect(data.directoryEntry).toMatchObject({ name: "Olli Oma", phone: "+46812345678", visibility: "signed_in" });
    expect(data.auditEntriesAsActor.map((a: { action: string }) => a.action)).toContain("person.create");
    expect(JSON.stringify(data)).not.toContain("passwordHash");

    // Not seen by anonymous visitors, seen by another signed-in user.
    expect((await anonymous().get(`/fi/verkosto/henkilot/${row?.id}`)).statusCode).toBe(404);
    expect((await agents.get("researcher")?.get(`/fi/verkosto/henkilot/${row?.id}`))?.statusCode).toBe(200);

    const noConfirm = await agent.post("/fi/omat-tiedot/poista", {});
    expect(noConfirm.statusCode).toBe(400);
    expect(noConfirm.body).toContain("Vahvista poisto");
    expect(await t.database.db.select().from(people).where(eq(people.userId, u.id))).toHaveLength(1);

    const erased = await agent.post("/fi/omat-tiedot/poista", { confirm: "yes" });
    expect(erased.statusCode).toBe(303);
    expect(
      await t.database.db
        .select()
        .from(people)
        .where(eq(people.id, row?.id ?? "")),
    ).toHaveLength(0);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, row?.id ?? ""));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["person.create", "person.erase"]));
    expect(JSON.stringify(audit.find((a) => a.action === "person.erase"))).not.toContain("46812345678");
  });

  it("erasure anonymises the name where others' records refer to it, and only one's own entry", async () => {
    const u = await createUser(t, "area_coordinator", { email: "coord-erase@example.fi" });
    const agent = await loginAgent(t, u.email);
    const [mine] = await t.database.db
      .insert(people)
      .values({
        name: "Eija Erase",
        phone: "+358405550000",
        email: "eija@example.fi",
        visibility: "public",
        consentOn: "2026-01-01",
        userId: u.id,
      })
      .returning();
    await t.database.db.insert(areaContacts).values({ personId: mine?.id ?? "", areaId: "east", role: "coordinator" });
    await t.database.db.insert(personProjectRoles).values({ personId: mine?.id ?? "", projectId: ids.east ?? "", role: "worker" });
    // Trying to name someone else's entry changes nothing for them: the entry comes from the session.
    const res = await agent.post("/fi/omat-tiedot/poista", { confirm: "yes", personId: ids.public ?? "", id: ids.public ?? "" });
    expect(res.statusCode).toBe(303);
    const [after] = await t.database.db
      .select()
      .from(people)
      .where(eq(people.id, mine?.id ?? ""));
    expect(after).toMatchObject({ name: null, email: null, phone: null, userId: null });
    expect(after?.erasedAt).toBeInstanceOf(Date);
    const [other] = await t.database.db
      .select()
      .from(people)
      .where(eq(people.id, ids.public ?? ""));
    expect(other?.name).toBe("Paula Julkinen");
    expect((await anonymous().get("/fi/alueet/east")).body).not.toContain("Eija Erase");
    expect((await anonymous().get(`/fi/verkosto/henkilot/${mine?.id}`)).statusCode).toBe(404);
    // The account is closed: the same browser can erase nothing more, and no second audit entry appears.
    expect([401, 403]).toContain((await agent.post("/fi/omat-tiedot/poista", { confirm: "yes" })).statusCode);
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, mine?.id ?? ""));
    expect(entries.filter((e) => e.action === "person.erase")).toHaveLength(1);
  });

  it("the form handler never answers 500 to random input", async () => {
    const agent = agents.get("ministry_viewer") as Agent;
    await agent.get("/fi/omat-tiedot/muokkaa");
    const text = fc.string({ unit: fc.constantFrom("a", "ä", "0", "+", " ", "\u0000", "\n", "@", "-", ".") });
    await fc.assert(
      fc.asyncProperty(
        text,
        text,
        text,
        text,
        fc.constantFrom("public", "signed_in", "coordinators", "", "x\u0000"),
        async (name, email, phone, bid, visibility) => {
          const res = await agent.post("/fi/omat-tiedot/muokkaa", { name, email, phone, organisationBusinessId: bid, visibility });
          expect([303, 400]).toContain(res.statusCode);
        },
      ),
      { numRuns: 40 },
    );
  });
});
