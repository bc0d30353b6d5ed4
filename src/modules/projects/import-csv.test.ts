import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvRules, decodeText, detectDelimiter, parseCsv } from "./import-csv.ts";

const rules: CsvRules = { required: ["code", "name"], optional: ["summary"], maxBytes: 1000, maxRows: 3 };
const utf8 = (text: string) => new TextEncoder().encode(text);
const parsed = (text: string | Uint8Array, r: CsvRules = rules) => {
  const result = parseCsv(typeof text === "string" ? utf8(text) : text, r);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
  return result.csv;
};
const problem = (text: string | Uint8Array, r: CsvRules = rules) => {
  const result = parseCsv(typeof text === "string" ? utf8(text) : text, r);
  if (result.ok) throw new Error("accepted");
  return result.problem;
};

describe("decoding", () => {
  it("reads UTF-8 without and with a byte-order mark", () => {
    expect(decodeText(utf8("ä"))).toEqual({ text: "ä", encoding: "utf-8" });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("ä")]))).toEqual({ text: "ä", encoding: "utf-8" });
  });
  it("reads Windows-1252 when the bytes are not UTF-8 (ä ö å € as Excel writes them)", () => {
    expect(decodeText(Uint8Array.from([0xe4, 0xf6, 0xe5, 0x80]))).toEqual({ text: "äöå€", encoding: "windows-1252" });
  });
  it("reads UTF-16 with a byte-order mark", () => {
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0xe4, 0x00, 0x41, 0x00]))).toEqual({ text: "äA", encoding: "utf-16le" });
    expect(decodeText(Uint8Array.from([0xfe, 0xff, 0x00, 0xe4]))).toEqual({ text: "ä", encoding: "utf-16be" });
  });
  it("reads nothing as empty UTF-8", () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: "", encoding: "utf-8" });
  });
});

describe("delimiter", () => {
  it.each([
    ["code,name", ","],
    ["code;name", ";"],
    ["code\tname", "\t"],
    ['"a;b",c,d', ","], // a semicolon inside quotes does not count
    ["code;name,with comma;x", ";"],
    ["one column", ","],
    ["", ","],
    ["a;b\nc,d,e,f,g", ";"], // only the header line decides
  ])("%j → %j", (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe("parsing a file", () => {
  it("refuses an empty file, a byte-order mark alone and blank lines", () => {
    expect(problem("")).toEqual({ key: "empty" });
    expect(problem(Uint8Array.from([0xef, 0xbb, 0xbf]))).toEqual({ key: "empty" });
    expect(problem(" \r\n\r\n")).toEqual({ key: "empty" });
  });

  it("refuses a file with the header alone (or with rows of empty cells)", () => {
    expect(problem("code,name\n")).toEqual({ key: "noRows" });
    expect(problem("code;name\r\n;\r\n;;\r\n")).toEqual({ key: "noRows" });
  });

  it("reads one row, with trimmed cells and spreadsheet row numbers", () => {
    const csv = parsed("code,name\n S1 , Hanke \n");
    expect(csv.rows).toEqual([{ row: 2, cells: { code: "S1", name: "Hanke" }, cellCount: 2, missingCells: [] }]);
    expect(csv).toMatchObject({ encoding: "utf-8", delimiter: ",", columns: ["code", "name"], ignoredColumns: [] });
  });

  it("reads Finnish Excel: semicolons, CRLF, a byte-order mark, quoted cells with line breaks", () => {
    const csv = parsed(`\ufeffcode;name;summary\r\nS1;"Hanke; osa 1";"rivi 1\r\nrivi 2"\r\n\r\nS2;Toinen;\r\n`);
    expect(csv.delimiter).toBe(";");
    expect(csv.rows.map((r) => [r.row, r.cells.code, r.cells.name, r.cells.summary])).toEqual([
      [2, "S1", "Hanke; osa 1", "rivi 1\r\nrivi 2"],
      [5, "S2", "Toinen", ""],
    ]);
  });

  it("reads Windows-1252 bytes", () => {
    const bytes = Uint8Array.from([...utf8("code;name\nS1;K"), 0xe4, ...utf8("rk"), 0xe4, 0xe4, 0x0a]);
    const csv = parsed(bytes);
    expect(csv.encoding).toBe("windows-1252");
    expect(csv.rows[0]?.cells.name).toBe("Kärkää");
  });

  it("matches column names without regard to case and spaces, and ignores unknown ones", () => {
    const csv = parsed("CODE , Name,Extra,,summary\nS1,A,x,y,z\n");
    expect(csv.columns).toEqual(["code", "name", "extra", "", "summary"]);
    expect(csv.ignoredColumns).toEqual(["extra"]);
    expect(csv.rows[0]?.cells).toEqual({ code: "S1", name: "A", summary: "z" });
  });

  it("names every missing required column, and says when the delimiter was not found", () => {
    expect(problem("code,summary\nS1,x\n")).toEqual({ key: "missingColumns", columns: ["name"], oneColumn: false });
    expect(problem("code|name\nS1|x\n")).toEqual({ key: "missingColumns", columns: ["code", "name"], oneColumn: true });
  });

  it("refuses a column that is there twice", () => {
    expect(problem("code,name,Code\nS1,A,B\n")).toEqual({ key: "duplicateColumns", columns: ["code"] });
  });

  it("keeps short rows with their missing cells, and long rows' extra cells are not read", () => {
    const csv = parsed("code,name\nS1\nS2,B,extra\n");
    expect(csv.rows.map((r) => [r.cells, r.cellCount, r.missingCells])).toEqual([
      [{ code: "S1", name: "" }, 1, ["name"]],
      [{ code: "S2", name: "B" }, 3, []],
    ]);
  });

  it("takes a quote inside an unquoted cell as text", () => {
    expect(parsed('code,name\nS1,Yhdistys "Apu" ry\n').rows[0]?.cells.name).toBe('Yhdistys "Apu" ry');
  });

  it("refuses an unclosed quote with its row number", () => {
    expect(problem('code,name\nS1,A\nS2,"B\n')).toEqual({ key: "malformed", row: 3 });
  });

  it("refuses rows beyond the limit (the limit itself is accepted)", () => {
    expect(parsed("code,name\n1,a\n2,b\n3,c\n").rows).toHaveLength(3);
    expect(problem("code,name\n1,a\n2,b\n3,c\n4,d\n")).toEqual({ key: "tooManyRows", maxRows: 3 });
    // Rows of empty cells do not count.
    expect(parsed("code,name\n1,a\n,\n2,b\n,\n3,c\n,\n").rows).toHaveLength(3);
  });

  it("refuses bytes beyond the size limit (the limit itself is accepted)", () => {
    const header = "code,name\n1,";
    const exact = header + "x".repeat(1000 - header.length);
    expect(parsed(exact).rows).toHaveLength(1);
    expect(problem(`${exact}x`)).toEqual({ key: "tooLarge", maxMegabytes: 1000 / (1024 * 1024) });
  });

  it("recognises an Excel workbook and binary data", () => {
    expect(problem(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toEqual({ key: "spreadsheet" });
    expect(problem(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]))).toEqual({ key: "spreadsheet" });
    expect(problem(utf8("code,name\n1,\u0000\n"))).toEqual({ key: "binary" });
    // UTF-16 without a byte-order mark is full of NULs.
    expect(problem(Uint8Array.from([0x63, 0, 0x2c, 0, 0x6e, 0]))).toEqual({ key: "binary" });
  });
});

describe("parsing under random input", () => {
  const big: CsvRules = { required: ["code", "name"], optional: ["summary"], maxBytes: 100_000, maxRows: 50 };

  it("never throws on random bytes: always rows or one problem", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const result = parseCsv(bytes, big);
        expect(typeof result.ok).toBe("boolean");
        if (!result.ok) expect(result.problem.key).toBeTruthy();
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on random text that starts with a valid header", () => {
    fc.assert(
      fc.property(fc.constantFrom(",", ";"), fc.string({ unit: "binary", maxLength: 300 }), (d, body) => {
        const result = parseCsv(utf8(`code${d}name\n${body}`), big);
        if (result.ok) for (const r of result.csv.rows) expect(r.row).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads back what a CSV writer wrote, with either delimiter, any text in the cells and the right row numbers", () => {
    // Any text, with the characters that matter to CSV (line breaks, delimiters, quotes) often.
    const cell = fc
      .array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 4 }), fc.constantFrom("\n", "\r\n", ";", ",", '"', " ", "ä")), {
        maxLength: 8,
      })
      .map((parts) => parts.join(""))
      .filter((s) => !s.includes("\u0000"));
    fc.assert(
      fc.property(
        fc.constantFrom(",", ";"),
        fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        (delimiter, rows, crlf) => {
          const text = stringify([["code", "name"], ...rows], {
            delimiter,
            record_delimiter: crlf ? "windows" : "unix",
            quoted: true,
          });
          const result = parseCsv(utf8(text), big);
          // Each record starts one line after the previous one plus its line breaks inside cells.
          const breaks = (t: string) => t.match(/\r\n|\r|\n/g)?.length ?? 0;
          let line = 2;
          const numbered = rows.map(([a, b]) => {
            const at = line;
            line += 1 + breaks(a) + breaks(b);
            return { a, b, at };
          });
          const kept = numbered.filter(({ a, b }) => a.trim() !== "" || b.trim() !== "");
          if (kept.length === 0) {
            expect(result).toEqual({ ok: false, problem: { key: "noRows" } });
            return;
          }
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.csv.delimiter).toBe(delimiter);
          expect(result.csv.rows.map((r) => [r.row, r.cells.code, r.cells.name])).toEqual(
            kept.map(({ a, b, at }) => [at, a.trim(), b.trim()]),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
