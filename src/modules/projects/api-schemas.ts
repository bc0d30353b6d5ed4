import { z } from "zod";
import { API_PREFIX } from "../../web/api.ts";
import { LOCALES } from "../../web/locales.ts";
import { ORGANISATION_TYPES } from "../organisations/schema.ts";
import { STATUSES } from "./rules.ts";
import { FACETS, SORTS } from "./search.ts";

/**
 * The zod schemas of the open JSON API of the registry (/api/v1/projects). The same schemas validate
 * the requests, serialize the responses and generate the OpenAPI document (src/web/api.ts), so the
 * document cannot drift from what the API does. Field names are English and stable: change them only
 * with a new API version.
 */

/** The API's list of projects for a search page's query string (`?q=…&status=…` or empty), in the page's language. */
export function apiListPath(searchQueryString: string, locale: (typeof LOCALES)[number]): string {
  return `${API_PREFIX}/projects${searchQueryString ? `${searchQueryString}&` : "?"}lang=${locale}`;
}

/** The largest page of the list. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A repeatable filter; its example also serves the test that every documented parameter is accepted. */
const filter = <T extends z.ZodType<string>>(item: T, description: string, example: string) =>
  z
    .array(item)
    .max(50)
    .default([])
    .meta({ description: `${description} Repeat the parameter for several values (OR within a filter).`, examples: [[example]] });

const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, "Control characters are not allowed.");

/**
 * Query of the list: the filters of the public search page (search.ts `searchParams`), but strict —
 * a malformed or unknown parameter is a 400 with the reasons, never silently dropped, because an API
 * client would otherwise get wrong data without noticing.
 */
export const listQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(200)
    .refine((v) => !/\p{Cc}/u.test(v), "Control characters are not allowed.")
    .default("")
    .meta({
      description: "Free text: Finnish and Swedish full-text search of names and summaries, typo-tolerant name match, or a project code.",
      examples: ["nuoret"],
    }),
  area: filter(id, "Coordination area id (derived from the regions served; national projects belong to every area).", "east"),
  maakunta: filter(z.string().regex(/^\d{2}$/), "Maakunta (region) code of Statistics Finland, two digits.", "12"),
  actionArea: filter(id, "Action area id of the programme.", "esf-2014-2020-tl5:youth"),
  status: filter(z.enum(STATUSES), "Lifecycle status.", "running"),
  funder: filter(id, "Funder id: the ministry (`stm`) or an ELY centre.", "stm"),
  targetGroup: filter(id, "Target group id.", "young-people"),
  startYear: filter(z.string().regex(/^(19|20)\d{2}$/), "Year of the actual (or else planned) start.", "2018"),
  orgType: filter(z.enum(ORGANISATION_TYPES), "Type of the lead organisation.", "ngo"),
  sort: z
    .enum(SORTS)
    .default("relevance")
    .meta({
      description:
        "Order: `relevance` (best text match first; without `q` the newest start first), `name` (in `lang`), `start` (newest first), `code`.",
      examples: ["name"],
    }),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1)
    .meta({ description: "Page number, from 1.", examples: [2] }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `Projects per page, at most ${MAX_PAGE_SIZE}.`, examples: [50] }),
  lang: z
    .enum(LOCALES)
    .default("fi")
    .meta({
      description:
        "Language of the labels (`name` of statuses, areas, funders …), of the `html` links and of the `name` sort. Project texts come in every language they were given in.",
      examples: ["sv"],
    }),
  facets: z
    .enum(["true", "false"])
    .default("false")
    // Before the transform: the example is of the query string, not of the parsed boolean.
    .meta({
      description: "`true` adds the facet counts of the search page: each facet counted over the other chosen filters.",
      examples: ["true"],
    })
    .transform((v) => v === "true"),
});
export type ListQuery = z.output<typeof listQuery>;

export const codeParams = z.strictObject({
  code: z
    .string()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9-]+$/)
    .meta({ description: "Project code (case-insensitive).", examples: ["S20064"] }),
});

const reference = z
  .object({
    id: z.string().describe("Stable identifier (for regions and municipalities the code of Statistics Finland)."),
    name: z.string().describe("Label in the language asked for with `lang`."),
  })
  .meta({ id: "Reference", description: "A reference value: its id and its label in the language asked for." });

const localizedText = z
  .object({ fi: z.string(), sv: z.string().nullable(), en: z.string().nullable() })
  .meta({ id: "LocalizedText", description: "A text in Finnish (always) and in Swedish and English (when given)." });

const summaryText = z.object({ fi: z.string().nullable(), sv: z.string().nullable(), en: z.string().nullable() }).meta({
  id: "Summary",
  description:
    "The public summary in each language it was given in; Finnish is null only for imported records whose source had no summary.",
});

const isoDate = z.iso.date().nullable();

const organisation = z
  .object({
    name: z.string(),
    businessId: z.string().nullable().describe("Finnish business ID (Y-tunnus), e.g. `0116480-8`."),
    type: reference,
  })
  .meta({ id: "Organisation" });

const links = z.object({
  self: z.url().describe("This project in the API."),
  html: z.url().describe("The public project page in the language asked for."),
});

const projectFields = {
  code: z.string().describe("Project code (EURA style `S` + five digits for ESF projects)."),
  name: localizedText,
  status: reference.describe("Current lifecycle status: idea, planning, applied, running, ended or embedded."),
  programme: reference,
  actionArea: reference.nullable(),
  scope: reference.describe("national, regional or local."),
  funder: reference.nullable(),
  lead: organisation.nullable().describe("Lead organisation."),
  areas: z.array(reference).describe("Coordination areas, derived from the regions served by the programme's regional structure."),
  targetGroups: z.array(reference),
  plannedStart: isoDate,
  plannedEnd: isoDate,
  actualStart: isoDate,
  actualEnd: isoDate,
  budget: z.object({
    total: z.number().int().min(0).nullable().describe("Total budget, whole euros."),
    publicFunding: z.number().int().min(0).nullable().describe("Public funding, whole euros."),
  }),
  isDemo: z.boolean().describe("True for generated demonstration data, not a real project."),
  links,
};

export const projectSummary = z.object(projectFields).meta({ id: "ProjectSummary", description: "A project as listed by the search." });
export type ProjectSummary = z.output<typeof projectSummary>;

const participantCounts = z.object({
  women: z.number().int().min(0).nullable(),
  men: z.number().int().min(0).nullable(),
  other: z.number().int().min(0).nullable(),
});

export const projectDetail = z
  .object({
    ...projectFields,
    summary: summaryText,
    objective: reference.nullable().describe("Specific objective of the programme."),
    served: z.object({
      wholeCountry: z.boolean().describe("A national project serves the whole country."),
      maakunnat: z.array(reference).describe("Maakunnat (regions) served directly."),
      municipalities: z.array(reference).describe("Municipalities served."),
    }),
    coImplementers: z.array(organisation),
    partners: z.array(organisation).describe("Organisations taking part in the project without implementing it."),
    participants: z.object({ planned: participantCounts, actual: participantCounts }),
    website: z.string().nullable(),
    contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
    statusHistory: z
      .array(z.object({ status: reference, changedOn: z.iso.date() }))
      .describe("Every status the project has had, oldest first, with the day it took effect."),
    updatedAt: z.iso.datetime().describe("When the project was last changed."),
  })
  .meta({ id: "Project", description: "Everything public about one project, as on its project page." });
export type ProjectDetail = z.output<typeof projectDetail>;

const facetValue = z.object({ id: z.string(), name: z.string(), count: z.number().int().min(0) });

export const facetCounts = z
  .object(Object.fromEntries(FACETS.map((f) => [f, z.array(facetValue)])) as Record<(typeof FACETS)[number], z.ZodArray<typeof facetValue>>)
  .meta({ id: "FacetCounts", description: "Per facet, the values with the number of matching projects (as on the search page)." });

export const projectList = z
  .object({
    items: z.array(projectSummary),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE),
    total: z.number().int().min(0).describe("Number of projects matching the filters (all pages)."),
    facets: facetCounts.optional().describe("Only with `facets=true`."),
  })
  .meta({ id: "ProjectList" });
export type ProjectList = z.output<typeof projectList>;
