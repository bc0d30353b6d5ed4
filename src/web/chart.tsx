/**
 * Small accessible charts rendered on the server as SVG (docs/decisions/0007): no JavaScript, no
 * inline style attributes (the Content-Security-Policy forbids them) — only SVG presentation
 * attributes and the CSS classes of app.css. Every chart is an image with a title and description
 * for screen readers; the page shows its numbers in a table beside or under it.
 *
 * Layout: the charts are as wide as their container. Horizontal positions are percentages and
 * vertical ones pixels, so text keeps its size on a 360 px phone instead of shrinking with a viewBox.
 *
 * One to three series (classes chart-series-N, chart-bar-N, chart-line-N in app.css), told apart
 * by more than colour: the colours (Okabe–Ito blue, vermillion, bluish green; each at least 3:1
 * against white) differ for colour-vision deficiencies, the second bar series is hatched, lines
 * have their own dash pattern and marker shape, and every bar carries its number.
 */
import type { ComponentChildren } from "preact";

/** Splits a label into lines of at most `max` characters at spaces (a long word keeps its own line). */
export function wrapLabel(label: string, max = 34): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

/** Round axis ticks from 0 covering `max`: steps of 1, 2 or 5 × 10^k, about `count` of them. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    ticks.push(Math.round(v * 1e9) / 1e9);
    if (v >= max) break;
  }
  return ticks;
}

const pct = (x: number) => `${Math.round(x * 1000) / 1000}%`;

function Legend({ series, id, kind, looks }: { series: readonly string[]; id: string; kind: "bar" | "line"; looks?: readonly number[] }) {
  if (series.length < 2) return null;
  return (
    <ul class="chart-legend">
      {series.map((label, i) => (
        <li key={label}>
          <svg class="chart-swatch" width="32" height="16" aria-hidden="true" focusable="false">
            {kind === "bar" ? (
              // The hatch is the chart's own pattern: url(#…) works across the page's SVG elements.
              <rect
                x="2"
                y="3"
                width="28"
                height="10"
                class={`chart-bar chart-bar-${i}`}
                fill={i === 1 ? `url(#${id}-hatch)` : undefined}
              />
            ) : (
              <g class={`chart-line chart-line-${looks?.[i] ?? i}`}>
                <line x1="0" x2="32" y1="8" y2="8" />
                <Marker series={looks?.[i] ?? i} x="16" y={8} />
              </g>
            )}
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
}

/** The hatch of the second bar series, defined once per chart. */
function Defs({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" class="chart-series-1" />
        <rect width="2" height="6" class="chart-hatch" />
      </pattern>
    </defs>
  );
}

/** A point marker of a line: circle, square or triangle by series. */
function Marker({ series, x, y }: { series: number; x: string; y: number }) {
  const cls = `chart-series-${series} chart-marker`;
  if (series === 0) return <circle cx={x} cy={y} r="4.5" class={cls} />;
  if (series === 1) return <rect x={x} y={y} width="9" height="9" transform="translate(-4.5 -4.5)" class={cls} />;
  return (
    <svg x={x} y={y} width="1" height="1" overflow="visible" aria-hidden="true">
      <polygon points="0,-6 5.5,4 -5.5,4" class={cls} />
    </svg>
  );
}

function Frame({
  id,
  title,
  description,
  height,
  series,
  kind,
  looks,
  children,
}: {
  id: string;
  title: string;
  description: string;
  height: number;
  series: readonly string[];
  kind: "bar" | "line";
  looks?: readonly number[];
  children: ComponentChildren;
}) {
  return (
    <div class="chart">
      <Legend series={series} id={id} kind={kind} looks={looks} />
      <svg class="chart-svg" width="100%" height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {kind === "bar" && <Defs id={id} />}
        {children}
      </svg>
    </div>
  );
}

export interface BarChartProps {
  /** Unique on the page: prefixes the ids of the title, description and hatch pattern. */
  id: string;
  title: string;
  /** What the chart shows, for screen readers (the numbers are in the table beside it). */
  description: string;
  /** Labels of the series (1–3), in the order of `values`. */
  series: readonly string[];
  rows: readonly { label: string; values: readonly number[] }[];
  format: (n: number) => string;
}

const BAR = 18;
const BAR_GAP = 3;
const LINE = 19;
const ROW_GAP = 14;
/** Share of the width the longest bar takes; the rest holds its number. */
const BAR_SPAN = 82;

/** Horizontal bars, grouped by row: the row's label on its own line(s) above one bar per series. */
export function BarChart({ id, title, description, series, rows, format }: BarChartProps) {
  const max = Math.max(0, ...rows.flatMap((r) => r.values));
  let y = 4;
  const groups = rows.map((row) => {
    const lines = wrapLabel(row.label);
    const top = y;
    const barsTop = top + lines.length * LINE + 4;
    y = barsTop + series.length * (BAR + BAR_GAP) + ROW_GAP;
    return (
      <g key={row.label}>
        <text class="chart-label" x="0" y={top + 15}>
          {lines.map((l, i) => (
            <tspan key={i} x="0" dy={i === 0 ? 0 : LINE}>
              {l}
            </tspan>
          ))}
        </text>
        {series.map((s, i) => {
          const v = row.values[i] ?? 0;
          const w = max > 0 ? (v / max) * BAR_SPAN : 0;
          const barY = barsTop + i * (BAR + BAR_GAP);
          return (
            <g key={s}>
              <rect
                x="0"
                y={barY}
                width={pct(w)}
                height={BAR}
                class={`chart-bar chart-bar-${i}`}
                fill={i === 1 ? `url(#${id}-hatch)` : undefined}
              />
              <text class="chart-value" x={pct(w)} dx="6" y={barY + BAR - 4}>
                {format(v)}
              </text>
            </g>
          );
        })}
      </g>
    );
  });
  return (
    <Frame id={id} title={title} description={description} height={Math.max(y, 24)} series={series} kind="bar">
      <line class="chart-axis" x1="0" x2="0" y1="0" y2={Math.max(y - ROW_GAP, 0)} />
      {groups}
    </Frame>
  );
}

export interface LineChartProps {
  id: string;
  title: string;
  description: string;
  series: readonly string[];
  /** The look (0–2: colour, dash, marker) of each series; by default its position. Keeps a meaning's look the same across charts. */
  looks?: readonly number[];
  /** The x values (e.g. years), shown under the chart. */
  points: readonly { label: string; values: readonly number[] }[];
  format: (n: number) => string;
}

const PLOT_TOP = 26;
const PLOT_HEIGHT = 200;
/** Room at the left for the axis labels and at the right for the last marker, in % of the width. */
const X_LEFT = 10;
const X_RIGHT = 4;

/** A line chart over years (or any ordered labels): one line per series, with its own dash and marker. */
export function LineChart({ id, title, description, series, looks, points, format }: LineChartProps) {
  const look = (k: number) => looks?.[k] ?? k;
  const max = Math.max(0, ...points.flatMap((p) => p.values));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] ?? 1;
  const n = points.length;
  const xOf = (i: number) => (n <= 1 ? 50 : X_LEFT + (i * (100 - X_LEFT - X_RIGHT)) / (n - 1));
  const yOf = (v: number) => PLOT_TOP + PLOT_HEIGHT - (v / top) * PLOT_HEIGHT;
  const height = PLOT_TOP + PLOT_HEIGHT + 34;
  // On a narrow screen every other label is hidden (CSS), counting back from the last one.
  const minor = (i: number) => n > 6 && (n - 1 - i) % 2 === 1;
  return (
    <Frame id={id} title={title} description={description} height={height} series={series} kind="line" looks={looks}>
      {ticks.map((v) => (
        <g key={v}>
          <line class={v === 0 ? "chart-axis" : "chart-grid"} x1="0" x2="100%" y1={yOf(v)} y2={yOf(v)} />
          <text class="chart-tick" x="0" y={yOf(v) - 5}>
            {format(v)}
          </text>
        </g>
      ))}
      {points.map((p, i) => (
        <text
          key={p.label}
          class={`chart-tick chart-x${minor(i) ? " chart-x--minor" : ""}`}
          x={pct(xOf(i))}
          y={PLOT_TOP + PLOT_HEIGHT + 22}
          text-anchor="middle"
        >
          {p.label}
        </text>
      ))}
      {series.map((s, k) => (
        <g key={s} class={`chart-line chart-line-${look(k)}`}>
          {points.slice(1).map((p, j) => (
            <line key={p.label} x1={pct(xOf(j))} y1={yOf(points[j]?.values[k] ?? 0)} x2={pct(xOf(j + 1))} y2={yOf(p.values[k] ?? 0)} />
          ))}
          {points.map((p, i) => (
            <Marker key={p.label} series={look(k)} x={pct(xOf(i))} y={yOf(p.values[k] ?? 0)} />
          ))}
        </g>
      ))}
    </Frame>
  );
}
