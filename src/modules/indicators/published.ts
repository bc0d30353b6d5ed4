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
        out.anomalies.push({
          row: p.row,
          indicatorId: p.indicatorId,
          level: p.level,
          regionCode: p.regionCode,
          year: p.year,
          published: p.value,
          computed,
        });
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
