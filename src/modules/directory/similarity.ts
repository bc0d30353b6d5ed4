/**
 * Pure rules of the partner finder: the words of a summary, the words two summaries share (tolerant
 * of Finnish and Swedish inflection), the final score and the explanation of a match.
 */

/** Words too common in project summaries to say anything about similarity. */
const STOPWORDS = new Set(
  [
    // Finnish
    "hanke",
    "hankkeen",
    "hankkeessa",
    "hankkeella",
    "hankkeeseen",
    "hankkeet",
    "hankkeiden",
    "hankkeissa",
    "tavoite",
    "tavoitteena",
    "tavoitteet",
    "toiminta",
    "toimintaa",
    "myös",
    "sekä",
    "joiden",
    "jotka",
    "jossa",
    "jonka",
    "heidän",
    "kautta",
    "lisäksi",
    "avulla",
    "kanssa",
    "mukaan",
    "osana",
    "tukea",
    "tukeva",
    "tuetaan",
    "kehittää",
    "kehitetään",
    "kehittäminen",
    "parantaa",
    "yhteistyössä",
    "tämä",
    "tässä",
    "näiden",
    "niiden",
    "olla",
    "ovat",
    "ollut",
    "voida",
    "voivat",
    "mukana",
    "esimerkiksi",
    "erityisesti",
    // Swedish
    "projektet",
    "projekt",
    "projektets",
    "målet",
    "syftet",
    "genom",
    "eller",
    "samt",
    "också",
    "deras",
    "vilka",
    "inom",
    "mellan",
    "kommer",
    "utveckla",
    "stöda",
    "stödja",
    "stöder",
    "arbete",
    "arbetet",
    // English
    "project",
    "projects",
    "through",
    "which",
    "their",
    "about",
    "support",
    "develop",
    "other",
    "these",
    "those",
  ].map((w) => w.toLowerCase()),
);

/** Words shorter than this carry too little to compare. */
export const MIN_WORD_LENGTH = 5;

/** The distinct content words of a text, lower-case, in order of first appearance; hyphenated compounds stay whole (huono-osaisuus). */
export function contentWords(text: string | null | undefined): string[] {
  if (!text) return [];
  const seen = new Set<string>();
  for (const match of text.toLowerCase().matchAll(/\p{L}+(?:-\p{L}+)*/gu)) {
    const word = match[0];
    if (word.length < MIN_WORD_LENGTH || STOPWORDS.has(word)) continue;
    seen.add(word);
  }
  return [...seen];
}

/**
 * Two words are the same word in different forms when one is a prefix of the other, or they share
 * a stem of at least four letters and at least 60 % of the shorter word, after which the shorter
 * has at most three letters left and the longer at most five (Finnish case endings:
 * kuntoutus / kuntoutuksen / kuntoutukseen; nuoret / nuorten).
 */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  if (long.startsWith(short) && short.length >= MIN_WORD_LENGTH) return true;
  let common = 0;
  while (common < short.length && short[common] === long[common]) common++;
  return common >= 4 && common >= 0.6 * short.length && short.length - common <= 3 && long.length - common <= 5;
}

/** The words of `source` that also appear (in some form) in `other`, in the source's form and order. */
export function sharedWords(source: readonly string[], other: readonly string[], limit = 5): string[] {
  const out: string[] = [];
  for (const word of source) {
    if (out.length >= limit) break;
    if (out.some((w) => sameStem(w, word))) continue;
    if (other.some((o) => sameStem(word, o))) out.push(word);
  }
  return out;
}

/**
 * The words of a query for PostgreSQL's to_tsquery, joined with "|" (any of them). Only letters
 * reach the query (compounds are split at their hyphens), so no input can break its syntax. At most `limit` words, the longest first
 * (long words are the specific ones).
 */
export function orQuery(words: readonly string[], limit = 24): string {
  const picked = [...new Set(words.flatMap((w) => w.split("-")))]
    .filter((w) => /^\p{L}+$/u.test(w))
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, limit);
  return picked.join(" | ");
}

export interface MatchFacts {
  /** Text rank of the candidate's summary against the source words (0 when none match). */
  textRank: number;
  sharedTargetGroups: readonly string[];
  sameActionArea: boolean;
  /** Source words found in the candidate's summary. */
  sharedWords: readonly string[];
}

/** Weights of the score: a shared target group or the same action area weighs about as much as a good text match. */
export const WEIGHTS = { text: 1, targetGroup: 0.25, actionArea: 0.2 } as const;

export function score(facts: Pick<MatchFacts, "textRank" | "sharedTargetGroups" | "sameActionArea">): number {
  return (
    WEIGHTS.text * Math.max(0, facts.textRank) +
    WEIGHTS.targetGroup * facts.sharedTargetGroups.length +
    (facts.sameActionArea ? WEIGHTS.actionArea : 0)
  );
}

export type Reason = { kind: "targetGroups"; names: string[] } | { kind: "actionArea"; name: string } | { kind: "words"; words: string[] };

/** Why a project matched, most telling first: shared target groups, the same action area, shared words. */
export function reasons(facts: MatchFacts, names: { targetGroup: (id: string) => string; actionArea: string | null }): Reason[] {
  const out: Reason[] = [];
  if (facts.sharedTargetGroups.length) out.push({ kind: "targetGroups", names: facts.sharedTargetGroups.map(names.targetGroup) });
  if (facts.sameActionArea && names.actionArea) out.push({ kind: "actionArea", name: names.actionArea });
  if (facts.sharedWords.length) out.push({ kind: "words", words: [...facts.sharedWords] });
  return out;
}

/**
 * The words to search with: the rarest (they say most about a summary and keep the set of matching
 * projects small), among those found in at least one project and in at most `maxFrequency` of them;
 * a word too common to tell projects apart is left out (it still shows in the explanation).
 */
export function chooseQueryWords(frequencies: ReadonlyMap<string, number>, limit = 6, maxFrequency = 1000): string[] {
  return [...frequencies]
    .filter(([, n]) => n >= 1 && n <= maxFrequency)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([w]) => w);
}
