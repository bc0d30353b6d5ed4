import { can, mayCreateProject } from "../../../policy.ts";
import type { PageContext } from "../../../web/context.ts";
import { Layout } from "../../../web/layout.tsx";
import { INTL_LOCALE, LOCALES, type Locale } from "../../../web/locales.ts";
import { pathTo } from "../../../web/paths.ts";
import { apiListPath } from "../api-schemas.ts";
import type { Labels } from "../labels.ts";
import { FACETS, type Facet, PAGE_SIZE, type SearchParams, type SearchResult, SORTS } from "../search.ts";

/** Intl objects are costly to build (ICU data): one per language, shared by every page. */
const NUMBER_FORMAT = Object.fromEntries(LOCALES.map((l) => [l, new Intl.NumberFormat(INTL_LOCALE[l])])) as Record<
  Locale,
  Intl.NumberFormat
>;
/** The same order as `a.localeCompare(b, locale)`, without building a collator for every comparison. */
const COLLATOR = Object.fromEntries(LOCALES.map((l) => [l, new Intl.Collator(l)])) as Record<Locale, Intl.Collator>;

/** The label of one facet value in the page's language. */
export function facetValueLabel(ctx: PageContext, labels: Labels, facet: Facet, value: string): string {
  switch (facet) {
    case "status":
      return ctx.t(`projects.status.${value as "running"}`);
    case "orgType":
      return ctx.t(`organisationTypes.${value as "ngo"}`);
    case "startYear":
      return value;
    default:
      return labels[facet].get(value) ?? value;
  }
}

/** The query string of the current search with some parameters changed (for paging and sorting links). */
export function searchQuery(params: SearchParams, changes: Partial<SearchParams>): string {
  const merged = { ...params, ...changes };
  const qs = new URLSearchParams();
  if (merged.q) qs.set("q", merged.q);
  for (const f of FACETS) for (const v of merged[f]) qs.append(f, v);
  if (merged.sort !== "relevance") qs.set("sort", merged.sort);
  if (merged.page > 1) qs.set("page", String(merged.page));
  const s = qs.toString();
  return s ? `?${s}` : "";
}

export function SearchPage({
  ctx,
  params,
  result,
  labels,
}: {
  ctx: PageContext;
  params: SearchParams;
  result: SearchResult;
  labels: Labels;
}) {
  const { t, locale } = ctx;
  const number = NUMBER_FORMAT[locale];
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const action = pathTo("projects", locale);
  return (
    <Layout ctx={ctx} title={t("projects.search.title")}>
      <h1>{t("projects.search.title")}</h1>
      <p>{t("projects.search.intro")}</p>
      {mayCreateProject(ctx.user) && (
        <p>
          <a class="button button--secondary" href={pathTo("projectNew", ctx.locale)}>
            {t("projectForm.newTitle")}
          </a>
        </p>
      )}
      {can(ctx.user, "projects.import") && (
        <p>
          <a href={pathTo("projectImport", locale)}>{t("import.linkFromSearch")}</a>
        </p>
      )}
      <p>
        <a href={pathTo("portfolio", locale)}>{t("portfolio.searchLink")}</a>
      </p>
      <form method="get" action={action} class="search-form">
        <div class="search-layout">
          <div class="search-filters">
            <div class="field">
              <label class="field-label" for="field-q">
                {t("projects.search.q")}
              </label>
              <p class="field-hint" id="field-q-hint">
                {t("projects.search.qHint")}
              </p>
              <input id="field-q" name="q" type="search" class="input" value={params.q} aria-describedby="field-q-hint" />
            </div>
            {FACETS.map((facet) => {
              const options = result.facets[facet]
                .map((o) => ({ ...o, label: facetValueLabel(ctx, labels, facet, o.value) }))
                .sort((a, b) => (facet === "startYear" ? b.value.localeCompare(a.value) : COLLATOR[locale].compare(a.label, b.label)));
              const chosen = params[facet] as string[];
              // Keep chosen values visible even when they now match nothing.
              for (const v of chosen) {
                if (!options.some((o) => o.value === v))
                  options.push({ value: v, count: 0, label: facetValueLabel(ctx, labels, facet, v) });
              }
              if (options.length === 0) return null;
              return (
                <details key={facet} class="facet" open={chosen.length > 0 || facet === "area" || facet === "status"}>
                  <summary>
                    {t(`projects.facets.${facet}`)}
                    {chosen.length > 0 && <span class="facet-chosen"> ({t("projects.search.chosen", { count: chosen.length })})</span>}
                  </summary>
                  <fieldset class="checkboxes">
                    <legend class="visually-hidden">{t(`projects.facets.${facet}`)}</legend>
                    {options.map((o) => {
                      const id = `f-${facet}-${o.value.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
                      return (
                        <div key={o.value} class="checkbox">
                          <input type="checkbox" id={id} name={facet} value={o.value} checked={chosen.includes(o.value)} />
                          <label for={id}>
                            {o.label} <span class="count">({number.format(o.count)})</span>
                          </label>
                        </div>
                      );
                    })}
                  </fieldset>
                </details>
              );
            })}
            <button type="submit" class="button">
              {t("projects.search.submit")}
            </button>
            <p>
              <a href={action}>{t("projects.search.clear")}</a>
            </p>
          </div>
          <div class="search-results">
            <div class="results-bar">
              <p class="results-count" role="status">
                {t("projects.search.count", { count: result.total, formatted: number.format(result.total) })}
              </p>
              <div class="sort">
                <label for="field-sort">{t("projects.search.sort")}</label>{" "}
                <select id="field-sort" name="sort" class="select select--inline">
                  {SORTS.map((s) => (
                    <option key={s} value={s} selected={params.sort === s}>
                      {t(`projects.sort.${s}`)}
                    </option>
                  ))}
                </select>{" "}
                <button type="submit" class="button button--secondary">
                  {t("projects.search.apply")}
                </button>
              </div>
            </div>
            {result.hits.length === 0 ? (
              <p>{t("projects.search.none")}</p>
            ) : (
              <ol class="results">
                {result.hits.map((h) => (
                  <li key={h.code} class="result">
                    <h2 class="result-title">
                      <a href={pathTo("project", locale, { code: h.code })}>{h.name}</a>
                      {h.isDemo && <span class="tag tag--demo">{t("projects.demo")}</span>}
                    </h2>
                    <p class="result-meta">
                      {h.code} · {t(`projects.status.${h.status}`)}
                      {h.leadName && ` · ${h.leadName}`}
                      {h.areaIds.length > 0 && ` · ${h.areaIds.map((a) => labels.area.get(a) ?? a).join(", ")}`}
                      {h.plannedStart && ` · ${h.plannedStart.slice(0, 4)}–${h.plannedEnd?.slice(0, 4) ?? ""}`}
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {result.total > 0 && (
              <div class="downloads">
                <h2 class="downloads-title">{t("projects.export.title")}</h2>
                <ul>
                  <li>
                    <a href={`${pathTo("projectsCsv", locale)}${searchQuery(params, { page: 1 })}`}>{t("projects.export.csv")}</a>
                  </li>
                  <li>
                    <a href={`${pathTo("projectsXlsx", locale)}${searchQuery(params, { page: 1 })}`}>{t("projects.export.xlsx")}</a>
                  </li>
                  <li>
                    <a href={apiListPath(searchQuery(params, {}), locale)}>{t("api.searchLink")}</a>
                  </li>
                </ul>
              </div>
            )}
            {pages > 1 && (
              <nav class="pagination" aria-label={t("projects.search.pages")}>
                <ul>
                  {params.page > 1 && (
                    <li>
                      <a href={`${action}${searchQuery(params, { page: params.page - 1 })}`} rel="prev">
                        {t("projects.search.previous")}
                      </a>
                    </li>
                  )}
                  <li>{t("projects.search.pageOf", { page: params.page, pages })}</li>
                  {params.page < pages && (
                    <li>
                      <a href={`${action}${searchQuery(params, { page: params.page + 1 })}`} rel="next">
                        {t("projects.search.next")}
                      </a>
                    </li>
                  )}
                </ul>
              </nav>
            )}
          </div>
        </div>
      </form>
    </Layout>
  );
}
