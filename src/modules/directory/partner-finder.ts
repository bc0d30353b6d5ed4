import type { Executor } from "../../db/client.ts";
import { projectForMatching } from "../projects/queries.ts";
import type { PartnerQuery } from "./inputs.ts";
import { documentFrequencies, findPartnerCandidates, type PartnerCandidate } from "./partner-queries.ts";
import { chooseQueryWords, contentWords, orQuery, sharedWords } from "./similarity.ts";

export interface PartnerMatch extends PartnerCandidate {
  /** Source words found in the candidate's name or summary (in some form). */
  sharedWords: string[];
  sameActionArea: boolean;
}

export interface PartnerResult {
  /** The project the search started from (null for free text or an unknown code). */
  source: { code: string; nameFi: string; nameSv: string | null; nameEn: string | null } | null;
  /** A code was given but no project has it. */
  unknownProject: boolean;
  /** Nothing to search with: no project, no text, no target group, no action area. */
  empty: boolean;
  matches: PartnerMatch[];
}

/** The partner finder: from a project (its summaries, target groups, action area) or from free text. */
export async function findPartners(db: Executor, q: PartnerQuery): Promise<PartnerResult> {
  const source = q.project ? await projectForMatching(db, q.project) : null;
  if (q.project && !source) return { source: null, unknownProject: true, empty: false, matches: [] };
  const sourceText = source ? [source.nameFi, source.summaryFi, source.nameSv, source.summarySv].filter(Boolean).join(" ") : q.text;
  const words = contentWords(sourceText);
  const targetGroupIds = source ? source.targetGroupIds : q.targetGroup;
  const actionAreaId = source ? source.actionAreaId : q.actionArea || null;
  // Compounds are looked up by their parts, as the query uses them.
  const parts = [...new Set(words.flatMap((w) => w.split("-")).filter((w) => w.length >= 4))];
  const query = orQuery(chooseQueryWords(await documentFrequencies(db, parts)));
  if (!query && targetGroupIds.length === 0 && !actionAreaId) return { source: null, unknownProject: false, empty: true, matches: [] };
  const candidates = await findPartnerCandidates(db, {
    query,
    targetGroupIds,
    actionAreaId,
    excludeProjectId: source?.id ?? null,
    excludeAreaIds: q.otherAreas && source ? source.areaIds : [],
    runningOnly: Boolean(q.running),
  });
  return {
    source: source ? { code: source.code, nameFi: source.nameFi, nameSv: source.nameSv, nameEn: source.nameEn } : null,
    unknownProject: false,
    empty: false,
    matches: candidates.map((c) => ({
      ...c,
      sharedWords: sharedWords(words, contentWords([c.nameFi, c.summaryFi, c.nameSv, c.summarySv].filter(Boolean).join(" "))),
      sameActionArea: actionAreaId !== null && c.actionAreaId === actionAreaId,
    })),
  };
}
