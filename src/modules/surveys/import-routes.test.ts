import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareWithR, dir, expected } from "../../../tests/helpers/r-fixture.ts";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { auditLog } from "../audit/schema.ts";
import { projectInput } from "../projects/inputs.ts";
import { projectMembers } from "../projects/schema.ts";
import { saveProject } from "../projects/service.ts";
import { checkAnswerRows } from "./import.ts";
import { instrumentSchema } from "./instrument.ts";
import { groupResults } from "./results.ts";
import { surveyResponses, surveyRounds } from "./schema.ts";

let t: TestApp;
const ids = new Map<string, string>();
const users: Record<string, string> = {};
const fixture = readFileSync(new URL("responses.csv", dir), "utf8");
const [header, ...lines] = fixture.trim().split("\n");
const fileOf = (code: string) => `${header}\n${lines.filter((l) => l.startsWith(`${code},`)).join("\n")}\n`;
const esis = instrumentSchema.parse(JSON.parse(readFileSync(new URL("../../../data/instruments/esis-v1.json", import.meta.url), "utf8")));

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000" });
  for (const role of ["project_member", "ministry_viewer"] as const) users[role] = (await createUser(t, role)).email;
  const member = await loginAgent(t, users.project_member as string);
  const memberId = (await t.database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, users.project_member as string) }))
    ?.id as string;
  for (const code of expected.meta.group_order.filter((g) => g !== "ALL")) {
    const saved = await saveProject(
      t.database.db,
      null,
      projectInput.parse({
        code,
        programmeId: "esf-2014-2020-tl5",
        scope: "national",
        nameFi: `Tuontihanke ${code}`,
        summaryFi: "Synteettisen aineiston hanke.",
        lead: { name: "Testiyhdistys ry", type: "ngo", businessId: "" },
        status: "running",
        statusChangedOn: "2020-01-01",
      }),
      { today: "2026-11-25" },
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    ids.set(code, saved.id);
    await t.database.db.insert(projectMembers).values({ projectId: saved.id, userId: memberId });
    for (const [opensOn, closesOn] of [
      ["2025-01-01", "2025-03-31"],
      ["2025-09-01", "2025-10-31"],
    ]) {
      await member.get(`/fi/hankkeet/${code}/kysely`);
      expect(
        (
          await member.post(`/fi/hankkeet/${code}/kysely`, {
            action: "openRound",
            opensOn: opensOn as string,
            closesOn: closesOn as string,
          })
        ).statusCode,
      ).toBe(303);
    }
  }
}, 120_000);
afterAll(async () => t?.close());

describe("importing answers from a CSV file", () => {
  it("refuses those who do not run the project's survey before reading the file", async () => {
    const anon = new Agent(t.app);
    expect(
      (
        await anon.postFile(
          "/fi/hankkeet/S91104/kysely/tuonti",
          {},
          { field: "file", name: "a.csv", data: fileOf("S91104") },
          { csrf: false },
        )
      ).statusCode,
    ).toBe(401);
    const viewer = await loginAgent(t, users.ministry_viewer as string);
    expect((await viewer.get("/fi/hankkeet/S91104/kysely/tuonti")).statusCode).toBe(403);
    expect(
      (await viewer.postFile("/fi/hankkeet/S91104/kysely/tuonti", {}, { field: "file", name: "a.csv", data: fileOf("S91104") })).statusCode,
    ).toBe(403);
  });

  it("the R fixture goes through the import, and results read from the database agree with R", async () => {
    const member = await loginAgent(t, users.project_member as string);
    for (const code of ids.keys()) {
      await member.get(`/fi/hankkeet/${code}/kysely/tuonti`);
      const res = await member.postFile(
        `/fi/hankkeet/${code}/kysely/tuonti`,
        {},
        { field: "file", name: `${code}.csv`, data: fileOf(code) },
      );
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
      const results = await groupResults(t.database.db, [ids.get(code) as string]);
      compareWithR(results.pooled.analysis, expected.groups[code] as Record<string, unknown>);
    }
    compareWithR((await groupResults(t.database.db, [...ids.values()])).pooled.analysis, expected.groups.ALL as Record<string, unknown>);
    const imported = await t.database.db.select({ source: surveyResponses.source }).from(surveyResponses);
    expect(imported).toHaveLength(lines.length);
    expect(new Set(imported.map((r) => r.source))).toEqual(new Set(["import"]));
    expect((await t.database.db.select().from(auditLog).where(eq(auditLog.action, "survey.answers.import"))).length).toBe(9);
  });

  it("a second import of the same file imports nothing and reports every row", async () => {
    const member = await loginAgent(t, users.project_member as string);
    await member.get("/fi/hankkeet/S97298/kysely/tuonti");
    const before = (await t.database.db.select().from(surveyResponses)).length;
    const res = await member.postFile(
      "/fi/hankkeet/S97298/kysely/tuonti",
      {},
      { field: "file", name: "again.csv", data: fileOf("S97298") },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("tällä koodilla on jo vastaus tällä kierroksella");
    expect((await t.database.db.select().from(surveyResponses)).length).toBe(before);
  });

  it("bad rows are reported row by row and nothing is imported", async () => {
    const member = await loginAgent(t, users.project_member as string);
    await member.get("/fi/hankkeet/S98314/kysely/tuonti");
    const rounds = await t.database.db
      .select()
      .from(surveyRounds)
      .where(eq(surveyRounds.projectId, ids.get("S98314") as string));
    const count = async () =>
      (
        await t.database.db
          .select()
          .from(surveyResponses)
          .where(eq(surveyResponses.roundId, rounds[0]?.id as string))
      ).length;
    const before = await count();
    const bad = `${header}\nS98314,NEWCODE1,pre,1,2,3,4,5,1,2,3,4,5\nS98314,NEWCODE2,pre,1,2,3,4,6,1,2,3,4,5\nS98314,NEW CODE!,mid,,,,,,,,,,\nS91104,NEWCODE3,pre,1,1,1,1,1,1,1,1,1,1\n`;
    const res = await member.postFile("/fi/hankkeet/S98314/kysely/tuonti", {}, { field: "file", name: "bad.csv", data: bad });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("item5: vastauksen pitää olla kokonaisluku 1–5 tai tyhjä");
    expect(res.body).toContain("round: kierroksen pitää olla pre tai post");
    expect(res.body).toContain("project_code: rivi kuuluu toiselle hankkeelle");
    expect(await count()).toBe(before);
    for (const [data, text] of [
      ["", "Tiedosto on tyhjä"],
      [`${header}\n`, "vain otsikkorivi"],
      ["a,b\n1,2\n", "project_code"],
    ] as const) {
      const r = await member.postFile("/fi/hankkeet/S98314/kysely/tuonti", {}, { field: "file", name: "x.csv", data });
      expect(r.statusCode).toBe(400);
      expect(r.body).toContain(text);
    }
    // No file chosen at all (the browser sends an empty part without a name).
    const none = await member.postFile("/fi/hankkeet/S98314/kysely/tuonti", {}, { field: "file", name: "", data: "" });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("Valitse tuotava CSV-tiedosto");
  });
});

describe("checkAnswerRows", () => {
  const row = (cells: Record<string, string>, n = 2) => ({ row: n, cells, cellCount: 13, missingCells: [] });
  const items = (values: string[]) => Object.fromEntries(values.map((v, i) => [`item${i + 1}`, v]));
  it("accepts blanks as missing and normalises the code", () => {
    const r = checkAnswerRows(esis, "S1", [
      row({ project_code: "s1", respondent_code: "ab-cd 12", round: "POST", ...items(["1", "", "3", "4", "5", "1", "2", "3", "4", "5"]) }),
    ]);
    expect(r.reports).toEqual([]);
    expect(r.answers[0]).toEqual({ row: 2, code: "ABCD12", round: "post", answers: [1, null, 3, 4, 5, 1, 2, 3, 4, 5] });
  });
  it("the same code in two rounds is fine, twice in one round is not", () => {
    const a = { project_code: "S1", respondent_code: "ABCD", ...items(Array(10).fill("3")) };
    const r = checkAnswerRows(esis, "S1", [
      row({ ...a, round: "pre" }, 2),
      row({ ...a, round: "post" }, 3),
      row({ ...a, round: "pre" }, 4),
    ]);
    expect(r.answers).toHaveLength(2);
    expect(r.reports).toEqual([{ row: 4, problems: [{ problem: "duplicate", column: "respondent_code" }] }]);
  });
  it("an empty row has nothing answered", () => {
    const r = checkAnswerRows(esis, "S1", [row({ project_code: "S1", respondent_code: "ABCD", round: "pre" })]);
    expect(r.reports[0]?.problems).toEqual([{ problem: "nothingAnswered" }]);
  });
  it("never throws and accepts only values on the scale", () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom("", "1", "5", "0", "6", "3.0", "\u0000", "pre", "post", "S1"));
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.constantFrom("project_code", "respondent_code", "round", "item1", "item2", "item10"), cell), {
          maxLength: 20,
        }),
        (rows) => {
          const r = checkAnswerRows(
            esis,
            "S1",
            rows.map((cells, i) => row(cells, i + 2)),
          );
          expect(r.answers.length + r.reports.length).toBe(rows.length);
          for (const a of r.answers) for (const v of a.answers) expect(v === null || (v >= 1 && v <= 5)).toBe(true);
        },
      ),
    );
  });
});
