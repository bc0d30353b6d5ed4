import type { Role } from "./modules/accounts/roles.ts";
import type { SessionUser } from "./web/context.ts";
import { HttpError } from "./web/http-error.ts";

/**
 * The one place that decides who may do what. Every route calls `authorize` (or `can` to decide
 * what to show) before it reads or writes anything that is not public.
 */
export const ACTIONS = {
  /** See one's own account page. */
  "account.read": "signed-in",
  /** List users and their roles. */
  "users.list": ["admin"],
  /** Invite a user and choose the role. */
  "users.invite": ["admin"],
  /** Change another user's role, area or status. */
  "users.update": ["admin"],
  /** Read the mail outbox (mails held when no SMTP server is set). */
  "outbox.read": ["admin"],
  /** Import projects from a CSV file and read the reports of one's own imports (docs/decisions/0008). */
  "projects.import": ["admin", "national_coordinator"],
  /** Add programmes and target groups (reference data of the registry). */
  "programmes.manage": ["admin"],
  /** Create a project (an area coordinator only in their own area: see `mayEditProject`). */
  "projects.create": ["admin", "national_coordinator", "area_coordinator"],
  /** Open a project's edit form at all; which project is decided by `mayEditProject`. */
  "projects.edit": ["admin", "national_coordinator", "area_coordinator", "project_member"],
  /** Bind users to a project as its members; which project is decided by `mayManageMembers`. */
  "projects.members": ["admin", "national_coordinator", "area_coordinator"],
  /** Import indicator values (Sotkanet files, tidy CSV, the Diak format) and read the import reports. */
  "indicators.import": ["admin"],
  /** Create deprivation index versions (which indicators belong to it) and choose the current one. */
  "indicators.versions": ["admin"],
} as const satisfies Record<string, readonly Role[] | "signed-in">;

export type Action = keyof typeof ACTIONS;

export function can(user: SessionUser | null, action: Action): boolean {
  if (!user) return false;
  const rule: readonly Role[] | "signed-in" = ACTIONS[action];
  if (rule === "signed-in") return true;
  return rule.includes(user.role);
}

/** Throws 401 for an anonymous request and 403 for a user without the right. */
export function authorize(user: SessionUser | null, action: Action): asserts user is SessionUser {
  if (!user) throw new HttpError(401);
  if (!can(user, action)) throw new HttpError(403);
}

/** What the policy needs to know about one project to decide about it. */
export interface ProjectScope {
  /** Coordination areas derived from what the project serves. */
  areaIds: readonly string[];
  /** Users bound to the project as its members. */
  memberUserIds: readonly string[];
}

/** Coordinators of the whole programme, or the coordinator of one of the project's areas. */
function coordinates(user: SessionUser, project: ProjectScope): boolean {
  if (user.role === "admin" || user.role === "national_coordinator") return true;
  return user.role === "area_coordinator" && user.areaId !== null && project.areaIds.includes(user.areaId);
}

/** Coordinators edit the projects they coordinate; a project member edits the projects they are bound to. */
export function mayEditProject(user: SessionUser | null, project: ProjectScope): boolean {
  if (!user || !can(user, "projects.edit")) return false;
  if (user.role === "project_member") return project.memberUserIds.includes(user.id);
  return coordinates(user, project);
}

/** Only coordinators of the project bind and unbind its members. */
export function mayManageMembers(user: SessionUser | null, project: ProjectScope): boolean {
  return Boolean(user && can(user, "projects.members") && coordinates(user, project));
}

/** 401 for an anonymous request, 403 for a user who may not touch this project (projects are public, so 403 reveals nothing). */
export function authorizeProject(
  user: SessionUser | null,
  decide: (user: SessionUser | null, project: ProjectScope) => boolean,
  project: ProjectScope,
): asserts user is SessionUser {
  if (!user) throw new HttpError(401);
  if (!decide(user, project)) throw new HttpError(403);
}

/** Creating a project: an area coordinator must have an area (their projects must stay in it). */
export function mayCreateProject(user: SessionUser | null): boolean {
  if (!user || !can(user, "projects.create")) return false;
  return user.role !== "area_coordinator" || user.areaId !== null;
}

/**
 * The one area an area coordinator's project must keep: a coordinator may not create a project
 * outside their area, nor move one out of it (they would lose it). Null for everyone else.
 */
export function requiredProjectArea(user: SessionUser): string | null {
  return user.role === "area_coordinator" ? user.areaId : null;
}

/**
 * A project member may not change which coordination areas their project belongs to: that would
 * take it away from its coordinator. Coordinators may (within their own area, see above).
 */
export function keepsProjectAreas(user: SessionUser): boolean {
  return user.role === "project_member";
}

/** Whether the administration link is shown. */
export function seesAdministration(user: SessionUser | null): boolean {
  return can(user, "users.list") || can(user, "outbox.read") || can(user, "programmes.manage") || can(user, "indicators.versions");
}
