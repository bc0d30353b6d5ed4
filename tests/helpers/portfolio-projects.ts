import { sql } from "drizzle-orm";
import type { Executor } from "../../src/db/client.ts";
import type { PortfolioProject } from "../../src/modules/projects/portfolio.ts";

/**
 * Every project of the registry in the shape of the pure portfolio rules, read with plain per-table
 * SQL (not the aggregate queries under test), so that tests can compare the two computations.
 */
export async function loadPortfolioProjects(db: Executor): Promise<PortfolioProject[]> {
  const result = await db.execute(sql`select p.programme_id, p.action_area_id, o.type::text as lead_type,
      coalesce((select array_agg(area_id) from project_areas where project_id = p.id), '{}') as area_ids,
      coalesce((select array_agg(target_group_id) from project_target_groups where project_id = p.id), '{}') as target_group_ids,
      coalesce((select json_agg(json_build_object('status', status, 'changedOn', changed_on::text)) from project_status_history where project_id = p.id), '[]') as history
    from projects p left join organisations o on o.id = p.lead_organisation_id`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
  return rows.map((r) => ({
    programmeId: String(r.programme_id),
    actionAreaId: (r.action_area_id as string | null) ?? null,
    leadType: (r.lead_type as PortfolioProject["leadType"]) ?? null,
    areaIds: r.area_ids as string[],
    targetGroupIds: r.target_group_ids as string[],
    history: json(r.history) as PortfolioProject["history"],
  }));
}
