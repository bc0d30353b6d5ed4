import type { PageContext } from "../../../web/context.ts";
import { type Option, SelectField } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import type { organisationsWithProjects } from "../network.ts";

export const NETWORK_ISLAND = "/assets/islands/network.js";

export function NetworkPage({
  ctx,
  filter,
  areas,
  targetGroups,
  list,
  projectCount,
  limit,
}: {
  ctx: PageContext;
  filter: { area: string; targetGroup: string };
  areas: Option[];
  targetGroups: Option[];
  list: ReturnType<typeof organisationsWithProjects> | null;
  projectCount: number;
  limit: number;
}) {
  const { t, locale } = ctx;
  const query = new URLSearchParams({
    ...(filter.area ? { area: filter.area } : {}),
    ...(filter.targetGroup ? { targetGroup: filter.targetGroup } : {}),
  });
  const hasGraph = Boolean(list && list.length > 0);
  const pictureTitle = t("directory.network.pictureTitle", { projects: projectCount, organisations: list?.length ?? 0 });
  return (
    <Layout ctx={ctx} title={t("directory.network.title")} scripts={hasGraph ? [NETWORK_ISLAND] : []}>
      <p class="breadcrumb">
        <a href={pathTo("directory", locale)}>{t("directory.title")}</a>
      </p>
      <h1>{t("directory.network.title")}</h1>
      <p>{t("directory.network.intro")}</p>
      <form method="get" action={pathTo("network", locale)} class="search-form">
        <SelectField
          ctx={ctx}
          name="area"
          label={t("directory.network.area")}
          options={areas}
          value={filter.area}
          emptyLabel={t("directory.network.any")}
        />
        <SelectField
          ctx={ctx}
          name="targetGroup"
          label={t("directory.network.targetGroup")}
          options={targetGroups}
          value={filter.targetGroup}
          emptyLabel={t("directory.network.any")}
        />
        <button type="submit" class="button">
          {t("directory.network.show")}
        </button>
      </form>
      {list === null ? (
        <p>{t("directory.network.choose")}</p>
      ) : list.length === 0 ? (
        <p role="status">{t("directory.network.empty")}</p>
      ) : (
        <>
          <h2 id="network-picture-heading">{pictureTitle}</h2>
          <p class="hint-text">
            {t("directory.network.legend")} {t("directory.network.limit", { limit })}
          </p>
          {/* Filled by the island; hidden (and empty) without JavaScript, where the list says it all. */}
          <div
            class="network-picture"
            data-network-picture=""
            data-src={`${pathTo("networkJson", locale)}?${query}`}
            data-title={pictureTitle}
            hidden
          />
          <h2>{t("directory.network.listTitle")}</h2>
          <ul class="network-list">
            {list.map((o) => (
              <li key={o.id}>
                <a href={pathTo("organisation", locale, { id: o.id })}>{o.name}</a>
                <ul>
                  {o.projects.map((p) => (
                    <li key={`${p.code}-${p.role}`}>
                      <a href={pathTo("project", locale, { code: p.code })}>{p.name}</a> ({t(`directory.orgRoles.${p.role}`)})
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
