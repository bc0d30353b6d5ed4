import { z } from "zod";
import { ORGANISATION_TYPES } from "../organisations/schema.ts";
import { STATUSES } from "./rules.ts";

/** The facets of the public project search, in the order they are shown. */
export const FACETS = ["area", "maakunta", "actionArea", "status", "funder", "targetGroup", "startYear", "orgType"] as const;
export type Facet = (typeof FACETS)[number];

export const PAGE_SIZE = 20;
export const SORTS = ["relevance", "name", "start", "code"] as const;

const many = <T extends string>(item: z.ZodType<T, string>) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ""))
    .pipe(z.array(item).max(50))
    .catch([]);

// Ids of reference rows: printable text only (a NUL byte would crash PostgreSQL's text comparison).
const id = z
  .string()
  .max(100)
  .regex(/^[^\p{Cc}]*$/u);

/** Query string of the search page and the API. Unknown or malformed values are dropped, never an error. */
export const searchParams = z.object({
  // Control characters (a NUL byte crashes PostgreSQL's text functions) become spaces.
  q: z
    .string()
    .transform((v) => v.replace(/\p{Cc}/gu, " ").trim())
    .pipe(z.string().max(200))
    .catch("")
    .default(""),
  area: many(id),
  maakunta: many(z.string().regex(/^\d{2}$/)),
  actionArea: many(id),
  status: many(z.enum(STATUSES)),
  funder: many(id),
  targetGroup: many(id),
  startYear: many(z.string().regex(/^(19|20)\d{2}$/)),
  orgType: many(z.enum(ORGANISATION_TYPES)),
  sort: z.enum(SORTS).catch("relevance").default("relevance"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type SearchParams = z.infer<typeof searchParams>;
