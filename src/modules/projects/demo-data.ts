/**
 * A deterministic demo programme for trying Sokra out: about 560 projects of ESF 2014–2020
 * priority axis 5, with the real shares by action area (40 / 27 / 25 / 9 %), about half of them in
 * the East and North areas, and dates such that on 31.1.2019 exactly 135 projects were running and
 * 159 had ended (THL's figures). Everything is marked as demo data. Pure: no I/O, same seed → same data.
 */
import { businessIdCheckDigit } from "./business-id.ts";
import type { Status } from "./rules.ts";

export const DEMO_AS_OF = "2019-01-31";
export const DEMO_RUNNING_ON_AS_OF = 135;
export const DEMO_ENDED_ON_AS_OF = 159;
export const DEMO_TOTAL = 560;

/** mulberry32: a small, well-known seeded PRNG, so that demo data is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoMunicipality {
  code: string;
  nameFi: string;
  maakuntaCode: string;
}

export interface DemoProject {
  code: string;
  programmeId: string;
  objectiveId: string;
  actionAreaId: string;
  scope: "national" | "regional" | "local";
  funderId: string;
  nameFi: string;
  nameSv: string;
  summaryFi: string;
  summarySv: string;
  municipalityCodes: string[];
  maakuntaCodes: string[];
  lead: { name: string; type: "ngo" | "municipality" | "foundation" | "educational" | "university" | "parish"; businessId: string };
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  budgetTotal: number;
  publicFunding: number;
  targetGroupIds: string[];
  participantsPlannedWomen: number;
  participantsPlannedMen: number;
  participantsPlannedOther: number;
  /** Dated status changes, oldest first; the last one is the current status. */
  history: { status: Status; changedOn: string }[];
}

const P = "esf-2014-2020-tl5";
/** Action areas with their shares of TL5 projects (THL 19.6.2023; the published shares sum to 101 %). */
export const ACTION_AREAS = [
  { id: `${P}:weakest-labour-market`, weight: 40, groups: ["long-term-unemployed", "partial-work-ability", "older-unemployed"] },
  { id: `${P}:youth`, weight: 27, groups: ["young-people"] },
  {
    id: `${P}:discrimination-deprivation`,
    weight: 25,
    groups: ["immigrants", "ethnic-minorities", "homeless", "released-prisoners", "disabled", "substance-mental-health"],
  },
  { id: `${P}:citizen-led-urban`, weight: 9, groups: ["long-term-unemployed", "immigrants", "young-people"] },
] as const;

/** Share of projects per coordination area: about half in the East and North. */
export const AREAS = [
  { id: "east", weight: 28, funder: "ely-7", maakunnat: ["10", "11", "12"] },
  { id: "north", weight: 22, funder: "ely-13", maakunnat: ["17", "18", "19"] },
  { id: "south", weight: 28, funder: "ely-4", maakunnat: ["01", "05", "07", "08", "09"] },
  { id: "central_west", weight: 22, funder: "ely-10", maakunnat: ["02", "04", "06", "13", "14", "15", "16"] },
] as const;

/** Project name stems of the demo programme (the benchmark vocabulary builds on them). */
export const THEMES_FI = [
  "Osallisuuden polku",
  "Yhdessä eteenpäin",
  "Askel kerrallaan",
  "Verkosto",
  "Kohtaamo",
  "Voimaa arkeen",
  "Tuetusti työhön",
  "Paja",
  "Silta",
  "Kylä kuuluu kaikille",
];
const THEMES_SV = [
  "Delaktighetens stig",
  "Tillsammans framåt",
  "Ett steg i taget",
  "Nätverket",
  "Mötesplatsen",
  "Kraft i vardagen",
  "Med stöd till arbete",
  "Verkstaden",
  "Bron",
  "Byn hör till alla",
];
const SUMMARY_FI: Record<string, string> = {
  [`${P}:weakest-labour-market`]:
    "Hanke vahvistaa työelämän ulkopuolella olevien työ- ja toimintakykyä yksilöllisellä ohjauksella, vertaistuella ja työkokeiluilla.",
  [`${P}:youth`]:
    "Hanke tukee nuorten hyvinvointia ja osallisuutta matalan kynnyksen toiminnalla, etsivällä työllä ja yhdessä tekemisellä.",
  [`${P}:discrimination-deprivation`]:
    "Hanke edistää syrjintää ja huono-osaisuutta kokevien osallisuutta: palveluihin ohjausta, kokemusasiantuntijuutta ja kohtaavaa työtä.",
  [`${P}:citizen-led-urban`]:
    "Hanke kehittää asuinalueen toimintaa yhdessä asukkaiden kanssa: kohtaamispaikka, vapaaehtoistyö ja asukkaiden omat ideat.",
};
const SUMMARY_SV: Record<string, string> = {
  [`${P}:weakest-labour-market`]:
    "Projektet stärker arbets- och funktionsförmågan hos personer utanför arbetslivet med individuell handledning, kamratstöd och arbetsprövning.",
  [`${P}:youth`]:
    "Projektet stöder ungas välbefinnande och delaktighet med lågtröskelverksamhet, uppsökande arbete och att göra saker tillsammans.",
  [`${P}:discrimination-deprivation`]:
    "Projektet främjar delaktigheten hos grupper som utsätts för diskriminering och utanförskap: vägledning till tjänster, erfarenhetsexpertis och mötande arbete.",
  [`${P}:citizen-led-urban`]:
    "Projektet utvecklar verksamheten i bostadsområdet tillsammans med invånarna: mötesplats, frivilligarbete och invånarnas egna idéer.",
};
const ORG_KINDS = [
  { type: "ngo", name: (m: string) => `Yhdessä ry, ${m} (esimerkki)` },
  { type: "municipality", name: (m: string) => `${m}: sosiaalipalvelut (esimerkki)` },
  { type: "foundation", name: (m: string) => `Osallisuussäätiö sr, ${m} (esimerkki)` },
  { type: "educational", name: (m: string) => `Ammattiopisto, ${m} (esimerkki)` },
  { type: "university", name: (m: string) => `Ammattikorkeakoulu, ${m} (esimerkki)` },
  { type: "parish", name: (m: string) => `Seurakunta, ${m} (esimerkki)` },
] as const;

export function pickWeighted<T extends { weight: number }>(items: readonly T[], r: number): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let x = r * total;
  for (const i of items) {
    x -= i.weight;
    if (x < 0) return i;
  }
  return items[items.length - 1] as T;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
export function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return iso(d);
}
export function dayBetween(from: string, to: string, r: number): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const d = new Date(a + Math.floor((r * (b - a)) / 86_400_000) * 86_400_000);
  d.setUTCDate(1); // projects start on the first of a month, as in EURA
  return iso(d);
}

/** A valid business ID for the n-th demo organisation (bodies from 3 000 000 on; remainder 1 skipped). */
export function demoBusinessId(n: number): string {
  for (let body = 3_000_000 + n * 13; ; body++) {
    const digits = String(body).padStart(7, "0");
    const check = businessIdCheckDigit(digits);
    if (check !== null) return `${digits}-${check}`;
  }
}

export function generateDemoProjects(municipalities: readonly DemoMunicipality[], seed = 2014): DemoProject[] {
  const rand = prng(seed);
  const byMaakunta = new Map<string, DemoMunicipality[]>();
  for (const m of municipalities) byMaakunta.set(m.maakuntaCode, [...(byMaakunta.get(m.maakuntaCode) ?? []), m]);
  const out: DemoProject[] = [];
  for (let i = 0; i < DEMO_TOTAL; i++) {
    // Dates: the first 159 ended by 31.1.2019, the next 135 were running then, the rest started later.
    let start: string;
    let end: string;
    if (i < DEMO_ENDED_ON_AS_OF) {
      start = dayBetween("2015-01-01", "2017-01-01", rand());
      end = addMonths(start, 12 + Math.floor(rand() * 12)); // ends by 2018-12 at the latest
    } else if (i < DEMO_ENDED_ON_AS_OF + DEMO_RUNNING_ON_AS_OF) {
      start = dayBetween("2016-09-01", "2019-01-01", rand());
      end = addMonths("2019-03-01", Math.floor(rand() * 30)); // still running on 31.1.2019
    } else {
      start = dayBetween("2019-03-01", "2022-06-01", rand());
      end = addMonths(start, 18 + Math.floor(rand() * 18));
      if (end > "2023-12-31") end = "2023-12-31";
    }
    end = iso(new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000)); // the day before a month starts
    const action = pickWeighted(ACTION_AREAS, rand());
    const national = rand() < 0.08;
    const area = pickWeighted(AREAS, rand());
    const maakunta = area.maakunnat[Math.floor(rand() * area.maakunnat.length)] ?? area.maakunnat[0];
    const candidates = byMaakunta.get(maakunta) ?? [];
    const regional = !national && rand() < 0.3;
    const munis =
      national || regional
        ? []
        : [
            ...new Set([0, 1, 2].slice(0, 1 + Math.floor(rand() * 3)).map(() => candidates[Math.floor(rand() * candidates.length)]?.code)),
          ].filter((c): c is string => Boolean(c));
    const homeName = candidates.find((c) => c.code === munis[0])?.nameFi ?? candidates[0]?.nameFi ?? "Suomi";
    const org = ORG_KINDS[Math.floor(rand() * ORG_KINDS.length)] ?? ORG_KINDS[0];
    const orgNumber = Math.floor(rand() * 180); // ~180 organisations, many leading several projects
    const theme = Math.floor(rand() * THEMES_FI.length);
    const budget = Math.round((150_000 + rand() * 1_350_000) / 1000) * 1000;
    const groups = action.groups.filter(() => rand() < 0.6);
    const people = 20 + Math.floor(rand() * 200);
    const women = Math.round(people * (0.35 + rand() * 0.3));
    const other = Math.floor(rand() * 3);
    const history: DemoProject["history"] = [
      { status: "applied", changedOn: addMonths(start, -4) },
      { status: "running", changedOn: start },
    ];
    if (end < "2026-11-25") history.push({ status: "ended", changedOn: end });
    // Embedding comes after 31.1.2019 only, so that the as-of counts stay exact.
    if (i >= DEMO_ENDED_ON_AS_OF && end < "2025-01-01" && rand() < 0.15) history.push({ status: "embedded", changedOn: addMonths(end, 6) });
    out.push({
      // S21003, S21018, …: never one of the real sample codes (S20064, S21015, S21994).
      code: `S2${String(1003 + i * 15).padStart(4, "0")}`,
      programmeId: P,
      objectiveId: `${P}:10.1`,
      actionAreaId: action.id,
      scope: national ? "national" : regional ? "regional" : "local",
      funderId: national ? "stm" : area.funder,
      nameFi: `${THEMES_FI[theme]} – ${national ? "valtakunnallinen" : homeName}`,
      nameSv: `${THEMES_SV[theme]} – ${national ? "riksomfattande" : homeName}`,
      summaryFi: SUMMARY_FI[action.id] ?? "",
      summarySv: SUMMARY_SV[action.id] ?? "",
      municipalityCodes: munis,
      maakuntaCodes: regional ? [maakunta] : [],
      lead: {
        name: org.name(national ? "Helsinki" : homeName).replace(/\(esimerkki\)$/, `${orgNumber} (esimerkki)`),
        type: org.type,
        businessId: demoBusinessId(orgNumber * ORG_KINDS.length + ORG_KINDS.indexOf(org)),
      },
      plannedStart: start,
      plannedEnd: end,
      actualStart: start,
      actualEnd: end,
      budgetTotal: budget,
      publicFunding: Math.round(budget * 0.85),
      targetGroupIds: groups.length ? groups : [action.groups[0]],
      participantsPlannedWomen: women,
      participantsPlannedMen: people - women - other,
      participantsPlannedOther: other,
      history,
    });
  }
  return out;
}
