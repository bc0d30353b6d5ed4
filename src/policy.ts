import type { Role } from "./modules/accounts/roles.ts";
import type { Visibility } from "./modules/directory/schema.ts";
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
  /** See, download, correct and erase one's own directory entry and what Sokra holds about oneself. */
  "directory.ownData": "signed-in",
  /**
   * Create and edit organisations and people of the directory by hand (docs/decisions/0011, "Who
   * edits the directory"); which person is decided by `mayEditPerson`.
   */
  "directory.manage": ["admin", "national_coordinator", "area_coordinator"],
  /** Import organisations and people from CSV and read the reports of one's own imports. */
  "directory.import": ["admin", "national_coordinator"],
  /** Open survey rounds, issue codes, import answers and read results of a project; which project is decided by `mayManageSurvey`. */
  "surveys.manage": ["admin", "national_coordinator", "area_coordinator", "project_member"],
  /** Read pooled survey results of an area, an action area or the programme (suppressed, no item-level data). */
  "surveys.rollup": ["admin", "national_coordinator", "area_coordinator", "ministry_viewer"],
  /** Download the item-level survey dataset (codes replaced by identifiers random per export; audit-logged). */
  "surveys.dataset": ["researcher"],
  /** Load a new version or an official translation of a survey instrument. */
  "surveys.instruments": ["admin"],
  /** Create events and manage them (edit, participants, attendance, cancel); which event is decided by `mayManageEvent`. */
  "events.manage": ["admin", "national_coordinator", "area_coordinator"],
  /** Read the reach figures of events and export them. */
  "events.reach": ["admin", "national_coordinator", "area_coordinator"],
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

/** The project's own members and its coordinators run its survey and read its results. */
export function mayManageSurvey(user: SessionUser | null, project: ProjectScope): boolean {
  if (!user || !can(user, "surveys.manage")) return false;
  if (user.role === "project_member") return project.memberUserIds.includes(user.id);
  return coordinates(user, project);
}

/**
 * Pooled survey results (docs/decisions/0012): national coordinators, administrators and ministry
 * viewers read every roll-up; an area coordinator reads the national ones (programme, action area)
 * and the one of their own coordination area, not other areas' area-level results.
 */
export function mayReadSurveyRollup(user: SessionUser | null, group: { kind: "programme" | "area" | "actionArea"; id: string }): boolean {
  if (!user || !can(user, "surveys.rollup")) return false;
  if (user.role !== "area_coordinator" || group.kind !== "area") return true;
  return user.areaId !== null && user.areaId === group.id;
}

/**
 * Whose per-project rows a roll-up shows: null = every project's; for an area coordinator only the
 * projects of their own area (a national roll-up must not give them other areas' finer figures);
 * "" = none (an area coordinator without an area).
 */
export function surveyRollupProjectArea(user: SessionUser): string | null {
  return user.role === "area_coordinator" ? (user.areaId ?? "") : null;
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
  return (
    can(user, "users.list") ||
    can(user, "outbox.read") ||
    can(user, "programmes.manage") ||
    can(user, "surveys.instruments") ||
    can(user, "indicators.versions") ||
    can(user, "indicators.import")
  );
}

/** Roles that see the entries of people who chose "coordinators only". */
const DIRECTORY_COORDINATORS: readonly Role[] = ["admin", "national_coordinator", "area_coordinator"];

/**
 * Whether a viewer may see a person's directory entry (name, title, organisation, e-mail, phone):
 * the person chose public, signed-in users, or coordinators only; a person always sees their own
 * entry; an erased entry is shown to nobody. Every view, search, export and API answer filters by this.
 */
export function maySeePerson(
  viewer: SessionUser | null,
  person: { visibility: Visibility; userId: string | null; erased: boolean },
): boolean {
  if (person.erased) return false;
  if (viewer && person.userId === viewer.id) return true;
  if (person.visibility === "public") return true;
  if (!viewer) return false;
  if (person.visibility === "signed_in") return true;
  return DIRECTORY_COORDINATORS.includes(viewer.role);
}

/**
 * Editing a person by hand: administrators edit every entry; national and area coordinators the
 * entries not linked to a user account (a person with an account keeps their own entry through
 * "My data"). Erased entries are edited by nobody.
 */
export function mayEditPerson(user: SessionUser | null, person: { userId: string | null; erased: boolean }): boolean {
  if (!user || !can(user, "directory.manage") || person.erased) return false;
  return user.role === "admin" || person.userId === null;
}

/** Only administrators link a directory entry to a user account (it lets the account see and erase the entry). */
export function mayLinkAccount(user: SessionUser | null): boolean {
  return user?.role === "admin";
}

/** Coordinators and researchers of an area: national coordinators and administrators name them anywhere, an area coordinator in their own area. */
export function mayAssignAreaRole(user: SessionUser | null, areaId: string): boolean {
  if (!user || !can(user, "directory.manage")) return false;
  if (user.role === "area_coordinator") return user.areaId === areaId;
  return true;
}

/** The visibilities a viewer may see (for filtering in SQL; own entry aside). */
export function visibleVisibilities(viewer: SessionUser | null): Visibility[] {
  if (!viewer) return ["public"];
  return DIRECTORY_COORDINATORS.includes(viewer.role) ? ["public", "signed_in", "coordinators"] : ["public", "signed_in"];
}

/**
 * Events: administrators and national coordinators manage every event; an area coordinator the
 * events targeted at their area (not national ones, which belong to the national team).
 */
export function mayManageEvent(user: SessionUser | null, event: { areaIds: readonly string[] }): boolean {
  if (!user || !can(user, "events.manage")) return false;
  if (user.role === "admin" || user.role === "national_coordinator") return true;
  return user.areaId !== null && event.areaIds.includes(user.areaId);
}

/** 401 for an anonymous request, 403 for a user who may not manage this event. */
export function authorizeEvent(user: SessionUser | null, event: { areaIds: readonly string[] }): asserts user is SessionUser {
  if (!user) throw new HttpError(401);
  if (!mayManageEvent(user, event)) throw new HttpError(403);
}
