/** The roles of Sokra. The policy module (src/policy.ts) decides what each may do. */
export const ROLES = ["admin", "national_coordinator", "area_coordinator", "project_member", "ministry_viewer", "researcher"] as const;
export type Role = (typeof ROLES)[number];

/** Roles that are bound to one coordination area. */
export const AREA_BOUND_ROLES: readonly Role[] = ["area_coordinator"];
