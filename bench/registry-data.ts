/**
 * Deterministic registry data at national-and-beyond scale (up to 100,000 projects) for the
 * benchmarks. It extends the demo generator (src/modules/projects/demo-data.ts): the same PRNG,
 * action-area shares and coordination-area weights, but with far more variety — every
 * municipality and maakunta of mainland Finland, national / regional / local scope, several
 * a hundred-odd activities named with Zipf-like frequency in the Finnish summaries, Swedish and English texts for some,
 * thousands of organisations (a few without a business ID), co-implementers, contacts, budgets,
 * and status histories from idea to embedded over 2014–2030. Pure: no I/O, same seed → same data.
 */
import { ACTION_AREAS, AREAS, addMonths, dayBetween, demoBusinessId, pickWeighted, prng } from "../src/modules/projects/demo-data.ts";
import { type ProjectInput, projectInput } from "../src/modules/projects/inputs.ts";
import type { Status } from "../src/modules/projects/rules.ts";
import {
  ACTIVITIES_FI,
  ACTIVITY_SENTENCES_FI,
  BY_ACTION_FI,
  BY_ACTION_SV,
  CLOSINGS_FI,
  CLOSINGS_SV,
  FIRST_NAMES,
  LAST_NAMES,
  NAMES_EN,
  NAMES_FI,
  NAMES_SV,
  OPENINGS_FI,
  OPENINGS_SV,
  ORGANISATIONS,
  SUMMARIES_EN,
} from "./vocabulary.ts";

/** The "today" of the generated data, fixed so that statuses never depend on the day it is run. */
export const BENCH_TODAY = "2026-06-30";
/** EURA codes are "S" + five digits: 100,000 is every code there is. */
export const BENCH_MAX_PROJECTS = 100_000;
export const BENCH_SEED = 2026;

export interface BenchMunicipality {
  code: string;
  nameFi: string;
  nameSv: string;
  maakuntaCode: string;
}
export interface BenchMaakunta {
  code: string;
  nameFi: string;
  nameSv: string;
}

export interface BenchProject {
  input: ProjectInput;
  /** Dated status changes, oldest first; the last one is the current status. */
  history: { status: Status; changedOn: string }[];
}

const ORG_TYPES = [
  { type: "ngo", weight: 35 },
  { type: "municipality", weight: 20 },
  { type: "wellbeing_county", weight: 5 },
  { type: "foundation", weight: 10 },
  { type: "educational", weight: 10 },
  { type: "university", weight: 6 },
  { type: "parish", weight: 5 },
  { type: "company", weight: 3 },
  { type: "state_authority", weight: 3 },
  { type: "other", weight: 3 },
] as const;

/**
 * The i-th project code: a permutation of S00000…S99999 (36,697 is coprime to 100,000), so that
 * codes are spread and do not follow the order of insertion.
 */
export function benchCode(i: number): string {
  return `S${String((i * 36_697 + 4_211) % BENCH_MAX_PROJECTS).padStart(5, "0")}`;
}

const ascii = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z]/g, "");

interface Organisation {
  name: string;
  type: (typeof ORG_TYPES)[number]["type"];
  businessId: string | null;
}

export function generateBenchProjects(
  municipalities: readonly BenchMunicipality[],
  maakunnat: readonly BenchMaakunta[],
  count: number,
  seed = BENCH_SEED,
): BenchProject[] {
  if (count > BENCH_MAX_PROJECTS) throw new Error(`at most ${BENCH_MAX_PROJECTS} projects (every EURA code)`);
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const byMaakunta = new Map<string, BenchMunicipality[]>();
  for (const m of municipalities) byMaakunta.set(m.maakuntaCode, [...(byMaakunta.get(m.maakuntaCode) ?? []), m]);
  const maakuntaName = new Map(maakunnat.map((m) => [m.code, m]));
  // Zipf-like ranks (weight 1 / rank) over the activities: a few common, most rare.
  const zipfTotal = ACTIVITIES_FI.reduce((sum, _, k) => sum + 1 / (k + 1), 0);
  const zipf = () => {
    let x = rand() * zipfTotal;
    for (let k = 0; k < ACTIVITIES_FI.length; k++) {
      x -= 1 / (k + 1);
      if (x < 0) return k;
    }
    return ACTIVITIES_FI.length - 1;
  };
  const homeOf = () => {
    const area = pickWeighted(AREAS, rand());
    const maakunta = pick(area.maakunnat);
    return { area, maakunta, municipality: pick(byMaakunta.get(maakunta) ?? []) };
  };

  // About one organisation per four projects; many lead or co-implement several projects.
  const organisations: Organisation[] = [];
  for (let n = 0; n < Math.max(10, Math.ceil(count / 4)); n++) {
    const { type } = pickWeighted(ORG_TYPES, rand());
    const place = homeOf().municipality?.nameFi ?? "Helsinki";
    const stem = pick(ORGANISATIONS[type] ?? ["Yhteisö"]);
    const name = type === "municipality" || type === "wellbeing_county" ? `${place}: ${stem} (${n})` : `${stem}, ${place} (${n})`;
    // Informal groups have no business ID: saveProject matches them by name.
    organisations.push({ name, type, businessId: type === "other" && rand() < 0.6 ? null : demoBusinessId(n) });
  }

  const out: BenchProject[] = [];
  for (let i = 0; i < count; i++) {
    const action = pickWeighted(ACTION_AREAS, rand());
    const actionKey = action.id.slice(action.id.indexOf(":") + 1);
    const home = homeOf();
    const r = rand();
    const scope: ProjectInput["scope"] = r < 0.06 ? "national" : r < 0.36 ? "regional" : "local";
    const maakuntaCodes: string[] = [];
    const municipalityCodes: string[] = [];
    if (scope === "regional") {
      maakuntaCodes.push(home.maakunta);
      const more = Math.floor(rand() * 3); // 0–2 more, mostly of the same coordination area
      for (let k = 0; k < more; k++)
        maakuntaCodes.push(rand() < 0.8 ? pick(home.area.maakunnat) : pick(pickWeighted(AREAS, rand()).maakunnat));
    } else if (scope === "local") {
      const candidates = byMaakunta.get(home.maakunta) ?? [];
      const n = 1 + Math.floor(rand() * rand() * 5); // mostly one, up to five municipalities
      for (let k = 0; k < n; k++) municipalityCodes.push(pick(candidates).code);
      if (rand() < 0.05) municipalityCodes.push(pick(municipalities).code);
    }
    const place =
      scope === "national"
        ? { fi: "valtakunnallinen", sv: "riksomfattande" }
        : scope === "regional"
          ? { fi: maakuntaName.get(home.maakunta)?.nameFi ?? "", sv: maakuntaName.get(home.maakunta)?.nameSv ?? "" }
          : { fi: home.municipality?.nameFi ?? "", sv: home.municipality?.nameSv ?? "" };
    const generation = rand() < 0.25 ? ` ${pick(["II", "III", "2.0", "plus"])}` : "";

    // Dates: starts from 9/2014 to 6/2030, 12–42 months long, sometimes extended by 3 or 6 months.
    const start = dayBetween("2014-09-01", "2030-06-01", rand());
    const plannedEnd = addMonths(start, 12 + Math.floor(rand() * 31));
    const plannedEndDay = dayBefore(plannedEnd);
    const actualEndDay = rand() < 0.2 ? dayBefore(addMonths(plannedEnd, pick([3, 6]))) : plannedEndDay;
    const applied = addMonths(start, -4);
    const history: BenchProject["history"] = [];
    if (rand() < 0.4) history.push({ status: "idea", changedOn: addMonths(start, -14) });
    if (rand() < 0.7) history.push({ status: "planning", changedOn: addMonths(start, -9) });
    history.push({ status: "applied", changedOn: applied });
    history.push({ status: "running", changedOn: start });
    history.push({ status: "ended", changedOn: actualEndDay });
    if (rand() < 0.15) history.push({ status: "embedded", changedOn: addMonths(actualEndDay, 6) });
    const past = history.filter((h) => h.changedOn <= BENCH_TODAY);
    if (past.length === 0) past.push({ status: "idea", changedOn: addMonths(BENCH_TODAY, -Math.floor(rand() * 12)) });
    const status = (past[past.length - 1] as { status: Status }).status;
    const started = status === "running" || status === "ended" || status === "embedded";
    const ended = status === "ended" || status === "embedded";

    const budget = Math.round((50_000 + rand() * rand() * 2_450_000) / 1000) * 1000;
    const people = 15 + Math.floor(rand() * 250);
    const women = Math.round(people * (0.3 + rand() * 0.4));
    const other = Math.floor(rand() * 4);
    const actual = (n: number) => (ended ? Math.round(n * (0.6 + rand() * 0.6)) : null);
    const groups = action.groups.filter(() => rand() < 0.5);
    if (groups.length === 0) groups.push(action.groups[0]);
    const targetGroupIds: string[] = [...groups];
    if (rand() < 0.1) targetGroupIds.push("organisation-staff");

    const sentences = (pool: readonly string[], n: number) => {
      const chosen = new Set<string>();
      for (let k = 0; k < n * 3 && chosen.size < n; k++) chosen.add(pick(pool));
      return [...chosen];
    };
    const activities = Array.from({ length: 3 }, () => ACTIVITIES_FI[zipf()] ?? "");
    const summaryFi = [
      pick(OPENINGS_FI),
      ...sentences(BY_ACTION_FI[actionKey] ?? [], 1 + Math.floor(rand() * 2)),
      pick(ACTIVITY_SENTENCES_FI)
        .replace("{a}", activities[0] ?? "")
        .replace("{b}", activities[1] ?? "")
        .replace("{c}", activities[2] ?? ""),
      ...(rand() < 0.5 ? [pick(CLOSINGS_FI)] : []),
    ].join(" ");
    const swedish = rand() < (home.maakunta === "15" || home.maakunta === "01" ? 0.6 : 0.2);
    const english = rand() < 0.08;
    const lead = pick(organisations);
    const coImplementers = rand() < 0.4 ? Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(organisations)) : [];
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const code = benchCode(i);

    const raw = {
      code,
      programmeId: "esf-2014-2020-tl5",
      objectiveId: "esf-2014-2020-tl5:10.1",
      actionAreaId: action.id,
      scope,
      funderId: scope === "national" ? "stm" : home.area.funder,
      nameFi: `${pick(NAMES_FI)}${generation} – ${place.fi}`,
      nameSv: swedish ? `${pick(NAMES_SV)}${generation} – ${place.sv}` : null,
      nameEn: english ? `${pick(NAMES_EN)}${generation} – ${place.fi}` : null,
      summaryFi,
      summarySv: swedish
        ? [pick(OPENINGS_SV), ...sentences(BY_ACTION_SV[actionKey] ?? [], 1), ...sentences(CLOSINGS_SV, 1)].join(" ")
        : null,
      summaryEn: english ? pick(SUMMARIES_EN) : null,
      municipalityCodes,
      maakuntaCodes,
      lead: { name: lead.name, type: lead.type, businessId: lead.businessId },
      coImplementers: coImplementers.map((o) => ({ name: o.name, type: o.type, businessId: o.businessId })),
      plannedStart: start,
      plannedEnd: plannedEndDay,
      actualStart: started ? start : null,
      actualEnd: ended ? actualEndDay : null,
      budgetTotal: budget,
      publicFunding: Math.round(budget * (0.75 + rand() * 0.25)),
      targetGroupIds,
      participantsPlannedWomen: women,
      participantsPlannedMen: people - women - other,
      participantsPlannedOther: other,
      participantsActualWomen: actual(women),
      participantsActualMen: actual(people - women - other),
      participantsActualOther: actual(other),
      website: rand() < 0.5 ? `https://hanke-${code.toLowerCase()}.example.fi/` : null,
      contactName: `${first} ${last}`,
      contactEmail: `${ascii(first)}.${ascii(last)}@example.fi`,
      contactPhone: `040 ${String(100 + Math.floor(rand() * 900))} ${String(1000 + Math.floor(rand() * 9000))}`,
      status,
      statusChangedOn: past[past.length - 1]?.changedOn,
    };
    out.push({ input: projectInput.parse(raw), history: past });
  }
  return out;
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
