import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FACET_VALUES } from "../../../bench/requests.ts";
import { SEARCH_WORDS } from "../../../bench/vocabulary.ts";
import { referenceSearch } from "../../../tests/helpers/search-reference.ts";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.ts";
import { seedDemoProjects } from "./demo-seed.ts";
import { FACETS, type SearchResult, SORTS, searchParams, searchProjects } from "./search.ts";

// The in-memory facets and orders (search.ts, facet-index.ts) must give exactly what one SQL
// statement over the same data gives (tests/helpers/search-reference.ts): every hit in order, the
// total, and every facet count, for random searches over the demo programme.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoProjects(t.database.db, "2026-11-25");
}, 120_000);
afterAll(async () => t?.close());

const normalised = (r: Omit<SearchResult, "version">) => ({
  total: r.total,
  hits: r.hits,
  facets: Object.fromEntries(FACETS.map((f) => [f, [...r.facets[f]].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))])),
});

// Zero to three facets with one or two values (sometimes one no project has), as people choose them.
const facetChoice = fc
  .uniqueArray(fc.constantFrom(...Object.keys(FACET_VALUES)), { maxLength: 3 })
  .chain((facets) =>
    fc.record(
      Object.fromEntries(
        facets.map((f) => [f, fc.array(fc.constantFrom(...(FACET_VALUES[f] ?? []), "unknown-value"), { minLength: 1, maxLength: 2 })]),
      ),
    ),
  );
const query = fc.record(
  {
    q: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...SEARCH_WORDS, "S1", "hanke", "nuorten tuki", "ungdomar", "") },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    ),
    sort: fc.constantFrom(...SORTS),
    page: fc.constantFrom(1, 1, 2, 3, 30),
  },
  { requiredKeys: [] },
);

describe("the search agrees with one SQL statement over the same data", () => {
  it("for random text, facets, sorts, pages and languages (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(query, facetChoice, fc.constantFrom("fi" as const, "sv" as const, "en" as const), async (q, facets, locale) => {
        const params = searchParams.parse({ ...q, ...facets });
        const [found, expected] = await Promise.all([
          searchProjects(t.database.db, params, locale),
          referenceSearch(t.database.db, params, locale),
        ]);
        expect(normalised(found)).toEqual(normalised(expected));
      }),
      { numRuns: 150 },
    );
  }, 240_000);
});
