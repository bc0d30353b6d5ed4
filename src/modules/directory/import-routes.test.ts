import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import type { Role } from "../accounts/roles.ts";
import { organisations } from "../organisations/schema.ts";
import { areaContacts, people } from "./schema.ts";

let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000" });
  const u = await createUser(t, "admin", { email: "import-admin@example.fi" });
  admin = await loginAgent(t, u.email);
});
afterAll(async () => t?.close());

const upload = async (agent: Agent, kind: string, csv: string | Uint8Array, extra: Record<string, string> = {}) => {
  await agent.get("/fi/hallinta/verkostotuonti");
  return agent.postFile("/fi/hallinta/verkostotuonti", { kind, ...extra }, { field: "file", name: "data.csv", data: csv });
};

describe("directory import", () => {
  it("refuses every role but administrators and national coordinators, and anonymous visitors", async () => {
    expect((await new Agent(t.app).get("/fi/hallinta/verkostotuonti")).statusCode).toBe(401);
    for (const role of ["area_coordinator", "project_member", "ministry_viewer", "researcher"] as Role[]) {
      const u = await createUser(t, role);
      const agent = await loginAgent(t, u.email);
      expect((await agent.get("/fi/hallinta/verkostotuonti")).statusCode, role).toBe(403);
      await agent.get("/fi/omat-tiedot");
      const res = await agent.postFile(
        "/fi/hallinta/verkostotuonti",
        { kind: "organisations" },
        { field: "file", name: "a.csv", data: "x" },
      );
      expect(res.statusCode, role).toBe(403);
    }
    const nc = await createUser(t, "national_coordinator");
    expect((await (await loginAgent(t, nc.email)).get("/fi/hallinta/verkostotuonti")).statusCode).toBe(200);
  });

  it("imports organisations with ; and a Windows-1252 file, and reports row by row", async () => {
    const csv =
      "name_fi;business_id;type;home_municipality;website\nSäätiö Yksi;0116480-8;foundation;Helsinki;https://example.fi\nHuono;1234567-0;ngo;;\nToinen;2229500-6;club;;\n";
    const latin1 = Uint8Array.from([...csv].map((c) => c.charCodeAt(0)));
    const res = await upload(admin, "organisations", latin1, { skipRejected: "yes" });
    expect(res.statusCode).toBe(303);
    const report = await admin.get(res.headers.location as string);
    expect(report.body).toContain("Uusia 1, päivitettyjä 0, ennallaan 0, hylättyjä 2.");
    expect(report.body).toContain("Tarkista Y-tunnus");
    const [row] = await t.database.db.select().from(organisations).where(eq(organisations.businessId, "0116480-8"));
    expect(row).toMatchObject({ nameFi: "Säätiö Yksi", homeMunicipalityCode: "091", website: "https://example.fi" });
    // The same file again changes nothing.
    const again = await upload(admin, "organisations", latin1, { skipRejected: "yes" });
    expect((await admin.get(again.headers.location as string)).body).toContain("Uusia 0, päivitettyjä 0, ennallaan 1, hylättyjä 2.");
  });

  it("all-or-nothing saves nothing when a row is rejected; duplicate business IDs are named", async () => {
    const csv = "name_fi,business_id,type\nA,2229500-6,ngo\nB,2229500-6,ngo\n";
    const res = await upload(admin, "organisations", csv);
    const report = await admin.get(res.headers.location as string);
    expect(report.body).toContain("Mitään ei tallennettu");
    expect(report.body).toContain("Sama Y-tunnus on tiedostossa useammalla rivillä (2, 3)");
    expect(await t.database.db.select().from(organisations).where(eq(organisations.businessId, "2229500-6"))).toHaveLength(0);
  });

  it("imports people with an area role; refuses unknown references and existing e-mails", async () => {
    const csv = [
      "name,visibility,consent_date,email,phone,organisation_business_id,area,area_role",
      "Kaisa Koordinaattori,public,1.2.2026,kaisa@example.fi,040 123 4567,0116480-8,north,coordinator",
      "Ville Väärä,public,1.2.2026,ville@example.fi,,9999999-9,,",
      "Paula Puhelin,public,1.2.2026,,+99,,,",
    ].join("\n");
    const res = await upload(admin, "people", csv, { skipRejected: "yes" });
    const report = await admin.get(res.headers.location as string);
    expect(report.body).toContain("Uusia 1, päivitettyjä 0, ennallaan 0, hylättyjä 2.");
    const [kaisa] = await t.database.db.select().from(people).where(eq(people.email, "kaisa@example.fi"));
    expect(kaisa).toMatchObject({ phone: "+358401234567", visibility: "public", consentOn: "2026-02-01" });
    expect(
      await t.database.db
        .select()
        .from(areaContacts)
        .where(eq(areaContacts.personId, kaisa?.id ?? "")),
    ).toHaveLength(1);
    expect((await new Agent(t.app).get("/fi/alueet/north")).body).toContain("Kaisa Koordinaattori");
    const again = await upload(admin, "people", csv, { skipRejected: "yes" });
    expect((await admin.get(again.headers.location as string)).body).toContain("Henkilö tällä sähköpostiosoitteella on jo verkostossa");
  });

  it("explains a file with the wrong delimiter or no kind, and keeps the form", async () => {
    const wrong = await upload(admin, "people", "name|visibility|consent_date\nA|public|1.1.2026\n");
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("error-summary");
    const noKind = await upload(admin, "", "name_fi;business_id;type\n");
    expect(noKind.statusCode).toBe(400);
    expect(noKind.body).toContain("Valitse, mitä tiedosto sisältää");
    // A file with only its header row says what was missing in this import's words.
    const headerOnly = await upload(admin, "organisations", "name_fi;business_id;type\n");
    expect(headerOnly.statusCode).toBe(400);
    expect(headerOnly.body).toContain("eikä yhtään organisaatiota tai ihmistä");
    const noFile = await admin.postFile("/fi/hallinta/verkostotuonti", { kind: "people" }, { field: "file", name: "", data: "" });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.body).toContain("error-summary");
  });

  it("shows a report only to its importer (404 for others) and 404 for malformed ids", async () => {
    const res = await upload(admin, "organisations", "name_fi,business_id,type\nC,0201256-6,ngo\n");
    const nc = await createUser(t, "national_coordinator");
    const other = await loginAgent(t, nc.email);
    expect((await other.get(res.headers.location as string)).statusCode).toBe(404);
    expect((await admin.get("/fi/hallinta/verkostotuonti/nope")).statusCode).toBe(404);
  });
});
