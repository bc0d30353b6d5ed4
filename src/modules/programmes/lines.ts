/**
 * Named items typed one per line in a form: `code | Finnish name | Swedish name | English name`.
 * Pure; used for a programme's specific objectives and action areas on the administration page.
 */

export interface NamedItem {
  code: string;
  name: { fi: string; sv: string; en: string };
}

export interface LineError {
  /** 1-based line number in the text the user typed. */
  line: number;
  /** i18n key of what is wrong. */
  key: "errors.lineParts" | "errors.lineCode" | "errors.lineDuplicate" | "errors.textTooLong" | "errors.controlCharacters";
}

const MAX_NAME = 300;

/** One non-empty line → an item, or what is wrong with it. */
function readLine(raw: string, codePattern: RegExp): NamedItem | LineError["key"] {
  if (/\p{Cc}/u.test(raw.replace(/\t/g, " "))) return "errors.controlCharacters";
  const parts = raw.split("|").map((p) => p.trim());
  if (parts.length !== 4 || parts.some((p) => p === "")) return "errors.lineParts";
  const [code, fi, sv, en] = parts as [string, string, string, string];
  if (!codePattern.test(code)) return "errors.lineCode";
  if ([fi, sv, en].some((n) => n.length > MAX_NAME)) return "errors.textTooLong";
  return { code, name: { fi, sv, en } };
}

export function parseNamedLines(text: string, codePattern: RegExp, maxItems = 50): { items: NamedItem[]; errors: LineError[] } {
  const items: NamedItem[] = [];
  const errors: LineError[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r\n|\n|\r/);
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === "") continue;
    const result = readLine(raw, codePattern);
    if (typeof result === "string") errors.push({ line: i + 1, key: result });
    else if (seen.has(result.code)) errors.push({ line: i + 1, key: "errors.lineDuplicate" });
    else {
      seen.add(result.code);
      items.push(result);
    }
  }
  if (items.length > maxItems) errors.push({ line: lines.length, key: "errors.textTooLong" });
  return { items, errors };
}

/** The lines of a programme's items, for showing a form again or a saved programme. */
export function formatNamedLines(items: readonly NamedItem[]): string {
  return items.map((i) => `${i.code} | ${i.name.fi} | ${i.name.sv} | ${i.name.en}`).join("\n");
}

/** A lowercase slug for ids: letters a–z and digits, words joined with "-" (ä → a, ö → o, å → a). */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}
