import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The hand-written migration `…_event_questions_attendance_data` (0017) moves events saved with one
 * question and one attendance flag to the question, answer and per-session attendance tables,
 * before the next one drops the old columns.
 */
const folder = resolve(import.meta.dirname, "../../../drizzle");
const partial = mkdtempSync(join(tmpdir(), "sokra-migrations-"));
afterAll(() => rmSync(partial, { recursive: true, force: true }));

describe("migration of events with one question and one attendance flag", () => {
  it("the question, its answers, the code of every session and the attendance survive the move", async () => {
    // The migrations before the hand-written data move: the new tables exist, the old columns too.
    cpSync(folder, partial, { recursive: true });
    const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
    const dataMove = journal.entries.findIndex((e) => e.tag.endsWith("_event_questions_attendance_data"));
    expect(dataMove).toBeGreaterThan(0);
    writeFileSync(join(partial, "meta/_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, dataMove) }));
    const client = new PGlite({ extensions: { pg_trgm } });
    const db = drizzle(client);
    try {
      await migrate(db, { migrationsFolder: partial });
      const start = "2026-05-01T07:00:00Z";
      await client.exec(`
        insert into events (id, type, title_fi, title_sv, title_en, audience, capacity, registration_deadline,
          question_fi, question_sv, question_en, attendance_code, starts_at, ends_at)
        values
          ('00000000-0000-4000-8000-000000000001', 'planning_workshop', 'Paja', 'Verkstad', 'Workshop', 'everyone', 10,
           '${start}', 'Ruokavalio?', 'Kost?', 'Diet?', 'ABC234', '${start}', '2026-05-08T10:00:00Z'),
          ('00000000-0000-4000-8000-000000000002', 'seminar', 'Seminaari', 'Seminarium', 'Seminar', 'everyone', 10,
           '${start}', '', '', '', 'XYZ789', '${start}', '2026-05-01T10:00:00Z');
        insert into event_sessions (id, event_id, ordinal, starts_at, ends_at) values
          ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', 1, '${start}', '2026-05-01T10:00:00Z'),
          ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-000000000001', 2, '2026-05-08T07:00:00Z', '2026-05-08T10:00:00Z'),
          ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-000000000002', 1, '${start}', '2026-05-01T10:00:00Z');
        insert into event_registrations (id, event_id, name, email, organisation, answer, status, attended) values
          ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000001', 'A', 'a@example.fi', 'O', 'Vegaani', 'confirmed', true),
          ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-000000000001', 'B', 'b@example.fi', 'O', null, 'confirmed', false),
          ('00000000-0000-4000-8000-0000000000c3', '00000000-0000-4000-8000-000000000002', 'C', 'c@example.fi', 'O', 'ei', 'confirmed', true);
      `);
      // The rest: the data move (0016) and the drop of the old columns (0017).
      await migrate(db, { migrationsFolder: folder });
      const rows = async (sql: string) => (await client.query(sql)).rows;
      expect(await rows("select event_id, ordinal, text_fi, text_sv, text_en, required from event_questions")).toEqual([
        {
          event_id: "00000000-0000-4000-8000-000000000001",
          ordinal: 1,
          text_fi: "Ruokavalio?",
          text_sv: "Kost?",
          text_en: "Diet?",
          required: false,
        },
      ]);
      // The seminar had no question: its stray answer had nothing to answer and is not kept.
      expect(await rows("select registration_id, answer from event_answers")).toEqual([
        { registration_id: "00000000-0000-4000-8000-0000000000c1", answer: "Vegaani" },
      ]);
      expect(await rows("select id, attendance_code from event_sessions order by id")).toEqual([
        { id: "00000000-0000-4000-8000-0000000000a1", attendance_code: "ABC234" },
        { id: "00000000-0000-4000-8000-0000000000a2", attendance_code: "ABC234" },
        { id: "00000000-0000-4000-8000-0000000000b1", attendance_code: "XYZ789" },
      ]);
      expect(await rows("select registration_id, session_id from event_attendance order by registration_id, session_id")).toEqual([
        { registration_id: "00000000-0000-4000-8000-0000000000c1", session_id: "00000000-0000-4000-8000-0000000000a1" },
        { registration_id: "00000000-0000-4000-8000-0000000000c1", session_id: "00000000-0000-4000-8000-0000000000a2" },
        { registration_id: "00000000-0000-4000-8000-0000000000c3", session_id: "00000000-0000-4000-8000-0000000000b1" },
      ]);
      const columns = await rows(
        "select table_name, column_name from information_schema.columns where (table_name = 'events' and column_name in ('question_fi', 'attendance_code')) or (table_name = 'event_registrations' and column_name in ('answer', 'attended'))",
      );
      expect(columns).toEqual([]);
    } finally {
      await client.close();
    }
  }, 120_000);
});
