// Sokra's own aggregation against the composites a data set publishes (pure). Every published
// dimension or total value is recomputed from the data set's own median-relative sub-indicators of
// the same level, area and year; a value that does not reproduce is a data anomaly, reported with
// both numbers. No area, year or value is treated specially.
import { areaScores, type Dimension, REPRODUCTION_TOLERANCE, reproduces, type ScaledIndicator } from "./method.ts";
import type { ValueRow } from "./rows.ts";

export interface CatalogueEntry {
  id: string;
  kind: "raw" | "relative" | "published";
  dimension: string;
}

export interface Anomaly {
  row: number;
  indicatorId: string;
  level: string;
  regionCode: string;
  year: number;
  published: number;
  /** Sokra's value from the rows present; null when the rows do not allow one at all. */
  computed: number | null;
  /**
   * Diagnosis of a dimension: the sub-indicators of that dimension which other areas of the same
   * level and year have and this area lacks (a row that may be missing).
   */
  missing?: string[];
  /**
   * Diagnosis of a dimension: the value ONE more sub-indicator would need for the published mean,
   * (n + 1) × published − Σ present. For the README's Kauniainen case it is the ≈ 50.4 of the
   * "Korkeat asiakasmaksut" row the README names; null for a total or when nothing is present.
   */
  impliedMissingValue?: number | null;
  /**
   * Diagnosis of a total: whether the published total is the mean of the area's PUBLISHED
   * dimensions (then its difference is inherited from a dimension's anomaly); null when the area
   * lacks a published dimension.
   */
  totalFollowsPublishedDimensions?: boolean | null;
}

export interface Comparison {
  compared: number;
  reproduced: number;
  /** The largest difference among the reproduced values. */
  maxDifference: number;
  tolerance: number;
  anomalies: Anomaly[];
}

export function compareWithPublished(rows: readonly ValueRow[], catalogue: ReadonlyMap<string, CatalogueEntry>): Comparison {
  type Group = { subs: ValueRow[]; published: ValueRow[] };
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const entry = catalogue.get(r.indicatorId);
    if (!entry || r.gender !== "total") continue;
    const isSub = entry.kind === "relative" && ["human", "social", "economic"].includes(entry.dimension);
    const isPublished = entry.kind === "published" && ["human", "social", "economic", "total"].includes(entry.dimension);
    if (!isSub && !isPublished) continue;
    const k = `${r.level}|${r.regionCode}|${r.year}`;
    let g = groups.get(k);
    if (!g) {
      g = { subs: [], published: [] };
      groups.set(k, g);
    }
    (isSub ? g.subs : g.published).push(r);
  }
  // The sub-indicators each level, year and dimension has in any area (to name missing rows).
  const present = new Map<string, Set<string>>();
  for (const [k, g] of groups) {
    const levelYear = k.slice(0, k.indexOf("|")) + k.slice(k.lastIndexOf("|"));
    for (const s of g.subs) {
      const key = `${levelYear}|${catalogue.get(s.indicatorId)?.dimension}`;
      let set = present.get(key);
      if (!set) {
        set = new Set();
        present.set(key, set);
      }
      set.add(s.indicatorId);
    }
  }
  const out: Comparison = { compared: 0, reproduced: 0, maxDifference: 0, tolerance: REPRODUCTION_TOLERANCE, anomalies: [] };
  for (const g of groups.values()) {
    if (g.published.length === 0) continue;
    const indicators: ScaledIndicator[] = g.subs.map((s) => ({
      id: s.indicatorId,
      dimension: catalogue.get(s.indicatorId)?.dimension as Dimension,
      values: new Map([["area", s.value]]),
    }));
    const scores = areaScores(indicators, ["area"]).get("area");
    for (const p of g.published) {
      const dimension = catalogue.get(p.indicatorId)?.dimension as Dimension | "total";
      const computed = scores ? scores[dimension] : null;
      out.compared += 1;
      if (reproduces(p.value, computed)) {
        out.reproduced += 1;
        out.maxDifference = Math.max(out.maxDifference, Math.abs(p.value - (computed as number)));
      } else {
        const anomaly: Anomaly = {
          row: p.row,
          indicatorId: p.indicatorId,
          level: p.level,
          regionCode: p.regionCode,
          year: p.year,
          published: p.value,
          computed,
        };
        if (dimension === "total") {
          const dims = ["human", "social", "economic"].map(
            (d) => g.published.find((q) => catalogue.get(q.indicatorId)?.dimension === d)?.value,
          );
          anomaly.totalFollowsPublishedDimensions = dims.every((v) => v !== undefined)
            ? reproduces(p.value, ((dims[0] as number) + (dims[1] as number) + (dims[2] as number)) / 3)
            : null;
        } else {
          const own = g.subs.filter((s) => catalogue.get(s.indicatorId)?.dimension === dimension);
          const ownIds = new Set(own.map((s) => s.indicatorId));
          const all = present.get(`${p.level}|${p.year}|${dimension}`) ?? new Set<string>();
          anomaly.missing = [...all].filter((id) => !ownIds.has(id)).sort();
          anomaly.impliedMissingValue = own.length === 0 ? null : (own.length + 1) * p.value - own.reduce((sum, s) => sum + s.value, 0);
        }
        out.anomalies.push(anomaly);
      }
    }
  }
  out.anomalies.sort(
    (a, b) =>
      a.level.localeCompare(b.level) ||
      a.year - b.year ||
      a.regionCode.localeCompare(b.regionCode) ||
      a.indicatorId.localeCompare(b.indicatorId),
  );
  return out;
}
