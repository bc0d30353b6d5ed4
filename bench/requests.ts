/**
 * The requests of the load benchmark: deterministic lists of a few thousand different URLs per
 * scenario (Finnish and Swedish words, facet values, project codes, the three languages), so that
 * no cached answer to one URL flatters the result and every run sends the same requests.
 */
import { AREAS, prng } from "../src/modules/projects/demo-data.ts";
import { pathTo } from "../src/web/paths.ts";
import { benchCode } from "./registry-data.ts";
import { SEARCH_WORDS } from "./vocabulary.ts";

export const SCENARIOS = ["search", "project", "api"] as const;
export type Scenario = (typeof SCENARIOS)[number];

const P = "esf-2014-2020-tl5";
export const FACET_VALUES: Record<string, readonly string[]> = {
  area: AREAS.map((a) => a.id),
  maakunta: AREAS.flatMap((a) => a.maakunnat),
  actionArea: [`${P}:weakest-labour-market`, `${P}:youth`, `${P}:discrimination-deprivation`, `${P}:citizen-led-urban`],
  status: ["running", "running", "ended", "ended", "embedded", "applied", "planning", "idea"],
  funder: ["stm", "ely-4", "ely-7", "ely-10", "ely-13"],
  targetGroup: [
    "long-term-unemployed",
    "partial-work-ability",
    "young-people",
    "immigrants",
    "homeless",
    "disabled",
    "substance-mental-health",
  ],
  startYear: Array.from({ length: 16 }, (_, i) => String(2015 + i)),
  orgType: ["ngo", "municipality", "foundation", "educational", "university", "parish"],
};

const SEEDS: Record<Scenario, number> = { search: 31, project: 37, api: 41 };

/** `n` request paths of one scenario; the same on every run. */
export function requestPaths(scenario: Scenario, { count, n = 5000 }: { count: number; n?: number }): string[] {
  const rand = prng(SEEDS[scenario]);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const locale = () => {
    const r = rand();
    return r < 0.7 ? "fi" : r < 0.9 ? "sv" : "en";
  };
  /** A text query and two facets (one value each, sometimes two), mostly the first page. */
  const searchQuery = () => {
    const qs = new URLSearchParams({ q: pick(SEARCH_WORDS) });
    const facets = Object.keys(FACET_VALUES);
    const first = pick(facets);
    const second = pick(facets.filter((f) => f !== first));
    for (const f of [first, second]) {
      const values = FACET_VALUES[f] ?? [];
      qs.append(f, pick(values));
      if (rand() < 0.2) qs.append(f, pick(values));
    }
    if (rand() < 0.1) qs.set("page", String(2 + Math.floor(rand() * 4)));
    return qs.toString();
  };
  const next = (): string => {
    if (scenario === "project") return pathTo("project", locale(), { code: benchCode(Math.floor(rand() * count)) });
    if (scenario === "api") return `/api/v1/projects?${searchQuery()}`;
    return `${pathTo("projects", locale())}?${searchQuery()}`;
  };
  return Array.from({ length: n }, next);
}
