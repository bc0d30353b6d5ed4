/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The network picture island: draws the graph of an area's or a theme's projects and organisations
 * with d3-force. The page holds the same content as a list and works fully without this script;
 * the CSP allows no inline script, so this is a static file (built with esbuild: npm run build:islands).
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from "d3-force";

interface GraphNode extends SimulationNodeDatum {
  id: string;
  kind: "project" | "organisation";
  label: string;
  degree: number;
}
interface GraphLink {
  source: string | GraphNode;
  target: string | GraphNode;
  role: "lead" | "co_implementer" | "partner";
}

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 900;
const HEIGHT = 600;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

async function draw(container: HTMLElement) {
  const src = container.dataset.src;
  if (!src) return;
  const res = await fetch(src, { headers: { accept: "application/json" } });
  if (!res.ok) return;
  const graph = (await res.json()) as { nodes: GraphNode[]; links: GraphLink[] };
  if (graph.nodes.length === 0) return;
  const simulation = forceSimulation(graph.nodes)
    .force(
      "link",
      forceLink<GraphNode, GraphLink>(graph.links)
        .id((d) => d.id)
        .distance(40),
    )
    .force("charge", forceManyBody().strength(-60))
    // A weak pull to the middle keeps separate clusters together (charge alone drives them apart).
    .force("x", forceX(WIDTH / 2).strength(0.06))
    .force("y", forceY(HEIGHT / 2).strength(0.09))
    .force("collide", forceCollide(12))
    .stop();
  // Laid out at once (no animation): nothing moves on the page, which suits everyone.
  for (let i = 0; i < 300; i++) simulation.tick();

  const svg = el("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: "network-svg",
    role: "img",
    "aria-labelledby": "network-picture-title",
  });
  const title = el("title", { id: "network-picture-title" });
  title.textContent = container.dataset.title ?? "";
  svg.append(title);
  // Fit the laid-out graph into the picture with a margin.
  const xs = graph.nodes.map((n) => n.x ?? 0);
  const ys = graph.nodes.map((n) => n.y ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((WIDTH - 40) / Math.max(1, maxX - minX), (HEIGHT - 40) / Math.max(1, maxY - minY), 3);
  const clamp = (v: number | undefined, max: number) =>
    max === WIDTH
      ? 20 + ((v ?? 0) - minX) * scale + (WIDTH - 40 - (maxX - minX) * scale) / 2
      : 20 + ((v ?? 0) - minY) * scale + (HEIGHT - 40 - (maxY - minY) * scale) / 2;
  for (const l of graph.links) {
    const s = l.source as GraphNode;
    const t = l.target as GraphNode;
    svg.append(
      el("line", {
        x1: clamp(s.x, WIDTH),
        y1: clamp(s.y, HEIGHT),
        x2: clamp(t.x, WIDTH),
        y2: clamp(t.y, HEIGHT),
        class: l.role === "lead" ? "network-link network-link--lead" : "network-link",
      }),
    );
  }
  for (const n of graph.nodes) {
    const x = clamp(n.x, WIDTH);
    const y = clamp(n.y, HEIGHT);
    const r = 4 + Math.min(8, n.degree * 1.5);
    const shape =
      n.kind === "project"
        ? el("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r, class: "network-node network-node--project" })
        : el("circle", { cx: x, cy: y, r, class: "network-node network-node--organisation" });
    const tip = el("title", {});
    tip.textContent = n.label;
    shape.append(tip);
    svg.append(shape);
  }
  container.replaceChildren(svg);
  container.hidden = false;
}

for (const container of document.querySelectorAll<HTMLElement>("[data-network-picture]")) {
  draw(container).catch(() => {
    // The list below holds the same content; a picture that cannot be drawn is simply not shown.
  });
}
