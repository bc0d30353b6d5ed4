// The maakunta choropleth: SVG paths computed on the server with d3-geo from the simplified
// boundaries (National Land Survey, via the regions module), cached per boundary set. No inline
// styles (CSP): each area's colour is a CSS class (map-class-0 … 4, map-class-none in app.css).
import { geoArea, geoPath, geoTransverseMercator } from "d3-geo";
import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import { mapClass } from "../map-scale.ts";

export interface MapArea {
  code: string;
  name: string;
  boundary: { type: "Polygon" | "MultiPolygon"; coordinates: unknown } | null;
}

const WIDTH = 360;
const HEIGHT = 620;
const cache = new Map<string, Map<string, string>>();

/**
 * d3-geo reads rings on the sphere: an exterior ring must run clockwise. GeoJSON (RFC 7946) and the
 * shipped boundaries run counter-clockwise, which d3 reads as "the whole globe but this area". Each
 * polygon whose area exceeds a hemisphere is turned around.
 */
export function rewind(geometry: Geometry): Geometry {
  const fix = (rings: Position[][]) => {
    const polygon = { type: "Polygon" as const, coordinates: rings };
    return geoArea(polygon) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings;
  };
  if (geometry.type === "Polygon") return { ...geometry, coordinates: fix(geometry.coordinates) };
  if (geometry.type === "MultiPolygon") return { ...geometry, coordinates: geometry.coordinates.map(fix) };
  return geometry;
}

/** Path data per area code in ETRS-TM35FIN-like projection (transverse Mercator at 27° E), fitted to the box. */
export function mapPaths(areas: readonly MapArea[]): Map<string, string> {
  const key = areas.map((a) => `${a.code}:${JSON.stringify(a.boundary).length}`).join("|");
  const hit = cache.get(key);
  if (hit) return hit;
  const features: Feature<Geometry, { code: string }>[] = areas
    .filter((a) => a.boundary)
    .map((a) => ({ type: "Feature", properties: { code: a.code }, geometry: rewind(a.boundary as unknown as Geometry) }));
  const collection: FeatureCollection<Geometry, { code: string }> = { type: "FeatureCollection", features };
  const projection = geoTransverseMercator().rotate([-27, 0]).fitSize([WIDTH, HEIGHT], collection);
  const path = geoPath(projection).digits(1);
  const out = new Map<string, string>();
  for (const f of features) out.set(f.properties.code, path(f) ?? "");
  cache.set(key, out);
  return out;
}

export function Choropleth({
  id,
  title,
  description,
  areas,
  values,
  format,
}: {
  id: string;
  title: string;
  description: string;
  areas: readonly MapArea[];
  values: ReadonlyMap<string, number | null>;
  format: (n: number | null) => string;
}) {
  const paths = mapPaths(areas);
  return (
    <svg
      class="choropleth"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      width={WIDTH}
      height={HEIGHT}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {areas.map((a) => {
        const d = paths.get(a.code);
        if (!d) return null;
        const value = values.get(a.code) ?? null;
        const k = mapClass(value);
        // An image holds no links (axe: nested-interactive); the table beside the map links every area.
        return (
          <path key={a.code} d={d} class={`map-area map-class-${k === null ? "none" : k}`} data-code={a.code}>
            <title>{`${a.name}: ${format(value)}`}</title>
          </path>
        );
      })}
    </svg>
  );
}
