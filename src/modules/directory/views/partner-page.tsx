import type { PageContext } from "../../../web/context.ts";
import { type Option, SelectField } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import type { PartnerQuery } from "../inputs.ts";
import type { PartnerResult } from "../partner-finder.ts";
import { reasons } from "../similarity.ts";
import { ProjectLink, projectName } from "./directory-pages.tsx";

export function PartnerPage({
  ctx,
  query,
  result,
  targetGroups,
  actionAreas,
  areaNames,
}: {
  ctx: PageContext;
  query: PartnerQuery;
  result: PartnerResult | null;
  targetGroups: Option[];
  actionAreas: Option[];
  areaNames: ReadonlyMap<string, string>;
}) {
  const { t, locale } = ctx;
  const tgName = new Map(targetGroups.map((o) => [o.value, o.label]));
  const aaName = new Map(actionAreas.map((o) => [o.value, o.label]));
  return (
    <Layout ctx={ctx} title={t("directory.partners.title")}>
      <p class="breadcrumb">
        <a href={pathTo("directory", locale)}>{t("directory.title")}</a>
      </p>
      <h1>{t("directory.partners.title")}</h1>
      <p>{t("directory.partners.intro")}</p>
      <form method="get" action={pathTo("partners", locale)} class="search-form">
        <div class="field">
          <label class="field-label" for="field-project">
            {t("directory.partners.project")}
          </label>
          <p class="field-hint" id="field-project-hint">
            {t("directory.partners.projectHint")}
          </p>
          <input id="field-project" name="project" class="input input--short" value={query.project} aria-describedby="field-project-hint" />
        </div>
        <div class="field">
          <label class="field-label" for="field-text">
            {t("directory.partners.text")}
          </label>
          <p class="field-hint" id="field-text-hint">
            {t("directory.partners.textHint")}
          </p>
          <textarea id="field-text" name="text" class="input" rows={4} aria-describedby="field-text-hint">
            {query.text}
          </textarea>
        </div>
        <fieldset class="field fieldset">
          <legend class="field-label">{t("projects.fields.targetGroups")}</legend>
          <div class="checkbox-columns">
            {targetGroups.map((o) => (
              <div key={o.value} class="checkbox">
                <input
                  type="checkbox"
                  id={`tg-${o.value}`}
                  name="targetGroup"
                  value={o.value}
                  checked={query.targetGroup.includes(o.value)}
                />
                <label for={`tg-${o.value}`}>{o.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <SelectField
          ctx={ctx}
          name="actionArea"
          label={t("projects.fields.actionArea")}
          options={actionAreas}
          value={query.actionArea}
          emptyLabel={t("directory.partners.anyActionArea")}
        />
        <fieldset class="field fieldset">
          <legend class="field-label">{t("directory.partners.filters")}</legend>
          <div class="checkbox">
            <input type="checkbox" id="field-otherAreas" name="otherAreas" value="yes" checked={Boolean(query.otherAreas)} />
            <label for="field-otherAreas">{t("directory.partners.otherAreas")}</label>
          </div>
          <div class="checkbox">
            <input type="checkbox" id="field-running" name="running" value="yes" checked={Boolean(query.running)} />
            <label for="field-running">{t("directory.partners.running")}</label>
          </div>
        </fieldset>
        <button type="submit" class="button">
          {t("directory.partners.submit")}
        </button>
      </form>
      {result && (
        <section aria-labelledby="partner-results">
          <h2 id="partner-results">{t("directory.partners.results")}</h2>
          {result.unknownProject && <p role="status">{t("directory.partners.unknownProject", { code: query.project })}</p>}
          {result.empty && <p role="status">{t("directory.partners.empty")}</p>}
          {result.source && (
            <p>
              {t("directory.partners.similarTo")} <ProjectLink ctx={ctx} project={{ ...result.source }} />
            </p>
          )}
          {!result.unknownProject && !result.empty && (
            <p role="status">{t("directory.partners.count", { count: result.matches.length })}</p>
          )}
          <ol class="results">
            {result.matches.map((m) => {
              const why = reasons(m, {
                targetGroup: (id) => tgName.get(id) ?? id,
                actionArea: m.actionAreaId ? (aaName.get(m.actionAreaId) ?? null) : null,
              });
              return (
                <li key={m.code} class="result">
                  <h3 class="result-title">
                    <ProjectLink ctx={ctx} project={m} />
                  </h3>
                  <p class="result-meta">
                    {[m.code, t(`projects.status.${m.status as "running"}`), m.areaIds.map((a) => areaNames.get(a) ?? a).join(", ")]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  <p class="why">
                    <span class="why-label">{t("directory.partners.why")}</span>{" "}
                    {why.length === 0
                      ? t("directory.partners.whyText")
                      : why
                          .map((r) =>
                            r.kind === "targetGroups"
                              ? t("directory.partners.sameTargetGroup", { list: r.names.join(", ") })
                              : r.kind === "actionArea"
                                ? t("directory.partners.sameActionArea", { name: r.name })
                                : t("directory.partners.sharedWords", { list: r.words.join(", ") }),
                          )
                          .join("; ")}
                  </p>
                </li>
              );
            })}
          </ol>
          {result.source && result.matches.length === 0 && (
            <p>{t("directory.partners.none", { name: projectName(result.source, locale) })}</p>
          )}
        </section>
      )}
    </Layout>
  );
}
