import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import type { Role } from "../accounts/roles.ts";
import { IMPORT_LIMITS, SAMPLE_FILE } from "./import-service.ts";
import { projectImportRuns, projects } from "./schema.ts";

let t: TestApp;
let admin: Agent;
let coordinator: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAgent(t, (await createUser(t, "admin")).email);
  coordinator = await loginAgent(t, (await createUser(t, "national_coordinator")).email);
});
afterAll(async () => t?.close());

const FORM = "/fi/hallinta/hanketuonti";
const sample = readFileSync(SAMPLE_FILE);
const upload = (agent: Agent, data: Uint8Array | string, form: Record<string, string> = {}, name = "hankkeet.csv") =>
  agent.get(FORM).then(() => agent.postFile(FORM, form, { field: "file", name, data }));
const runCount = async () => (await t.database.db.select().from(projectImportRuns)).length;

describe("project import pages", () => {
  it.each([
    ["/fi/hallinta/hanketuonti", "Hankkeiden tuonti"],
    ["/sv/administration/projektimport", "Import av projekt"],
    ["/en/admin/project-import", "Import projects"],
  ])("%s shows the upload form to an administrator", async (url, h1) => {
    const res = await admin.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>${h1}</h1>`);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toContain('type="file"');
    expect(res.body).toContain("beneficiary_business_id");
    expect(res.body).not.toContain("<script");
  });

  it("a national coordinator may import too, and finds the form from the project search", async () => {
    expect((await coordinator.get(FORM)).statusCode).toBe(200);
    expect((await coordinator.get("/fi/hankkeet")).body).toContain(`href="${FORM}"`);
    expect((await new Agent(t.app).get("/fi/hankkeet")).body).not.toContain(FORM);
  });

  it("imports the sample: POST → 303 → the stored report; reloading it imports nothing", async () => {
    const res = await upload(admin, sample);
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/fi\/hallinta\/hanketuonti\/[0-9a-f-]{36}$/);
    const runs = await runCount();

    const report = await admin.get(location);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain("<h1>Tuonnin tulos</h1>");
    expect(report.body).toContain("Tuonti tallennettiin.");
    expect(report.body).toContain('<a href="/fi/hankkeet/S20064">S20064</a>');
    expect(report.body.match(/tag tag--created/g)).toHaveLength(3);
    expect(report.body).toContain("Toiminta-alue otettiin päätoteuttajan kotikunnasta");
    expect(report.body).toContain("Julkista kuvausta ei ole vielä annettu");
    expect(report.body).toContain("Päätoteuttajan kotikunta on rahoittajan alueen ulkopuolella");
    expect(report.body).toContain("merkistö UTF-8, erotin pilkku");
    await admin.get(location);
    expect(await runCount()).toBe(runs);
    expect(await t.database.db.select().from(projects)).toHaveLength(3);

    // The same report in Swedish and English.
    const sv = await admin.get(location.replace("/fi/hallinta/hanketuonti/", "/sv/administration/projektimport/"));
    expect(sv.body).toContain("Importen sparades.");
    expect(sv.body).toContain("Skapat");
    const en = await admin.get(location.replace("/fi/hallinta/hanketuonti/", "/en/admin/project-import/"));
    expect(en.body).toContain("The served area was taken from the lead organisation");

    // The upload page lists it.
    expect((await admin.get(FORM)).body).toContain(`href="${location}"`);
  });

  it("a second import of the same file says every row is unchanged", async () => {
    const res = await upload(coordinator, sample);
    const report = await coordinator.get(String(res.headers.location));
    expect(report.body).toContain("Mitään ei muuttunut");
    expect(report.body.match(/tag tag--unchanged/g)).toHaveLength(3);
  });

  it("all or nothing by default; the box imports the valid rows and skips the rejected", async () => {
    const text = sample
      .toString("utf8")
      .replace("S21015", "S31015")
      .replace("S21994", "S31994")
      .replace("2388924-4", "2388924-5")
      .replaceAll(",", ";")
      .replace('"Hämeen elinkeino-; liikenne- ja ympäristökeskus"', "Hämeen ELY-keskus")
      .replaceAll('"Keski-Suomen elinkeino-; liikenne- ja ympäristökeskus"', "Keski-Suomen ELY-keskus");
    const all = await upload(admin, text);
    const report = await admin.get(String(all.headers.location));
    expect(report.body).toContain("Mitään ei tallennettu");
    expect(report.body).toContain('href="#row-3"');
    expect(report.body).toContain("Tarkista Y-tunnus");
    expect(report.body).toContain("Olisi luotu");
    expect(report.body).toContain("erotin puolipiste");
    expect(await t.database.db.select().from(projects).where(eq(projects.code, "S31994"))).toHaveLength(0);

    const skip = await upload(admin, text, { skipRejected: "yes" });
    const skipped = await admin.get(String(skip.headers.location));
    expect(skipped.body).toContain("1 hylätty rivi ohitettiin.");
    expect(await t.database.db.select().from(projects).where(eq(projects.code, "S31994"))).toHaveLength(1);
    expect(await t.database.db.select().from(projects).where(eq(projects.code, "S31015"))).toHaveLength(0);
  });

  it("refuses a bad file on the form, with the reason next to the file field and nothing stored", async () => {
    const runs = await runCount();
    const cases: [Uint8Array | string, string][] = [
      ["", "Tiedosto on tyhjä"],
      ["project_code;project_name\nS1;x\n", "Tiedostosta puuttuvat sarakkeet priority_axis, specific_objective"],
      ["project_code|project_name\nS1|x\n", "Tiedostosta löytyi vain yksi sarake"],
      [Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "Tiedosto on Excel-työkirja"],
      [sample.toString("utf8").split("\n")[0] ?? "", "vain otsikkorivi"],
    ];
    for (const [data, message] of cases) {
      const res = await upload(admin, data);
      expect(res.statusCode, message).toBe(400);
      expect(res.body).toContain(message);
      expect(res.body).toContain('href="#field-file"');
      expect(res.body).toContain("<title>Virhe: Hankkeiden tuonti – Sokra</title>");
    }
    expect(await runCount()).toBe(runs);
  });

  it("asks for a file when none was chosen, and keeps the box ticked", async () => {
    await admin.get(FORM);
    const none = await admin.postFile(
      FORM,
      { skipRejected: "yes" },
      { field: "file", name: "", data: "", type: "application/octet-stream" },
    );
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("Valitse tuotava CSV-tiedosto");
    expect(none.body).toMatch(/name="skipRejected" value="yes" checked/);
    expect((await admin.postFile(FORM, {}, null)).statusCode).toBe(400);
  });

  it("refuses a file over the size limit with a clear message", async () => {
    const big = Buffer.alloc(IMPORT_LIMITS.maxBytes + 1, 0x61);
    const res = await upload(admin, big);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Tiedosto on liian suuri: enintään 5 Mt.");
  });

  it("refuses a form without its CSRF token", async () => {
    await admin.get(FORM);
    const res = await admin.postFile(FORM, {}, { field: "file", name: "x.csv", data: sample }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("<h1>Lomake vanheni</h1>");
  });

  it("survives malformed multipart bodies (never 500)", async () => {
    await admin.get(FORM);
    const csrf = `--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrf}\r\n`;
    const bodies: [string, string][] = [
      ["multipart/form-data; boundary=x", "garbage"],
      ["multipart/form-data", "--x\r\n"],
      ["multipart/form-data; boundary=x", `${csrf}--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc`],
      ["multipart/form-data; boundary=x", `${csrf}${csrf}${csrf}${csrf}${csrf}${csrf}--x--\r\n`],
      [
        "multipart/form-data; boundary=x",
        `${csrf}--x\r\nContent-Disposition: form-data; name="skipRejected"\r\n\r\n${"y".repeat(5000)}\r\n--x--\r\n`,
      ],
      ["application/x-www-form-urlencoded", `_csrf=${encodeURIComponent(admin.csrf)}&file=abc`],
      ["application/json", "{}"],
    ];
    for (const [type, payload] of bodies) {
      const res = await admin.postRaw(FORM, payload, type);
      expect(res.statusCode, payload.slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, payload.slice(0, 80)).toBeLessThan(500);
      expect(res.body, payload.slice(0, 80)).toMatch(/^<!doctype html>/); // the translated error page, not JSON
      await admin.get(FORM);
    }
  });
});

describe("who may import", () => {
  it("anonymous: 401 for the form, the upload and a report", async () => {
    const anon = new Agent(t.app);
    const page = await anon.get(FORM);
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain("Tämä sivu näkyy vain kirjautuneille käyttäjille.");
    expect((await anon.postFile(FORM, {}, { field: "file", name: "x.csv", data: sample })).statusCode).toBe(401);
    expect((await anon.get(`${FORM}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(401);
  });

  it.each<Role>(["area_coordinator", "project_member", "ministry_viewer", "researcher"])(
    "%s: 403, and nothing is imported",
    async (role) => {
      const agent = await loginAgent(t, (await createUser(t, role)).email);
      const runs = await runCount();
      const page = await agent.get(FORM);
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain("<h1>Ei käyttöoikeutta</h1>");
      await agent.get("/fi/oma-tili");
      const res = await agent.postFile(FORM, {}, { field: "file", name: "x.csv", data: sample });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain("<h1>Ei käyttöoikeutta</h1>");
      expect(await runCount()).toBe(runs);
      const [run] = await t.database.db.select().from(projectImportRuns).limit(1);
      expect((await agent.get(`${FORM}/${run?.id}`)).statusCode).toBe(403);
    },
  );

  it("a report is shown to its importer and to administrators, not to another coordinator", async () => {
    const res = await upload(coordinator, sample);
    const location = String(res.headers.location);
    expect((await coordinator.get(location)).statusCode).toBe(200);
    expect((await admin.get(location)).statusCode).toBe(200);
    const other = await loginAgent(t, (await createUser(t, "national_coordinator")).email);
    expect((await other.get(location)).statusCode).toBe(404);
    expect((await admin.get(`${FORM}/not-a-uuid`)).statusCode).toBe(404);
    expect((await admin.get(`${FORM}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });
});
