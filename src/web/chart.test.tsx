import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { BarChart, LineChart, niceTicks, wrapLabel } from "./chart.tsx";

const format = (n: number) => new Intl.NumberFormat("fi-FI").format(n);

describe("wrapLabel", () => {
  it("keeps a short label on one line", () => expect(wrapLabel("Nuoret")).toEqual(["Nuoret"]));
  it("is one empty line for an empty label", () => expect(wrapLabel("  ")).toEqual([""]));
  it("breaks at spaces within the limit", () => {
    expect(wrapLabel("Heikoimmassa työmarkkina-asemassa olevien osallisuus", 34)).toEqual([
      "Heikoimmassa työmarkkina-asemassa",
      "olevien osallisuus",
    ]);
  });
  it("gives a word longer than the limit its own line", () => {
    expect(wrapLabel("a mielenterveyskuntoutujat b", 10)).toEqual(["a", "mielenterveyskuntoutujat", "b"]);
  });
  it("breaks exactly at the limit", () => {
    expect(wrapLabel("aaaa bbbb", 9)).toEqual(["aaaa bbbb"]);
    expect(wrapLabel("aaaa bbbbb", 9)).toEqual(["aaaa", "bbbbb"]);
  });
});

describe("niceTicks", () => {
  it.each([
    [0, [0, 1]],
    [-5, [0, 1]],
    [Number.NaN, [0, 1]],
    [1, [0, 0.5, 1]],
    [4, [0, 1, 2, 3, 4]],
    [7, [0, 2, 4, 6, 8]],
    [135, [0, 50, 100, 150]],
    [198, [0, 50, 100, 150, 200]],
    [200, [0, 50, 100, 150, 200]],
    [1000, [0, 500, 1000]],
  ])("max %d → %j", (max, ticks) => expect(niceTicks(max)).toEqual(ticks));
  it("always starts at 0 and reaches the maximum in round steps", () => {
    for (const max of [3, 17, 99, 101, 560, 12_345, 100_000]) {
      const t = niceTicks(max);
      expect(t[0]).toBe(0);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(max);
      expect(t.length).toBeLessThanOrEqual(7);
      const step = (t[1] ?? 0) - (t[0] ?? 0);
      expect(step / 10 ** Math.floor(Math.log10(step))).toSatisfy((m: number) => [1, 2, 5].includes(Math.round(m)));
    }
  });
});

describe("BarChart", () => {
  const html = renderToString(
    <BarChart
      id="c1"
      title="Running and ended by area"
      description="Two bars per row."
      series={["Running", "Ended"]}
      rows={[
        { label: "East", values: [40, 59] },
        { label: "South", values: [51, 0] },
      ]}
      format={format}
    />,
  );

  it("is an image named by its title and description", () => {
    expect(html).toContain('role="img" aria-labelledby="c1-title c1-desc"');
    expect(html).toContain('<title id="c1-title">Running and ended by area</title>');
    expect(html).toContain('<desc id="c1-desc">Two bars per row.</desc>');
  });

  it("uses no inline style attributes (the CSP forbids them)", () => {
    expect(html).not.toMatch(/\sstyle=/);
  });

  it("scales bars to the largest value and writes every number beside its bar", () => {
    expect(html).toContain('width="82%"'); // 59, the largest
    expect(html).toContain(`width="${Math.round((40 / 59) * 82 * 1000) / 1000}%"`);
    expect(html).toContain('width="0%"');
    for (const n of ["40", "59", "51", "0"]) expect(html).toContain(`>${n}</text>`);
  });

  it("hatches the second series and shows a legend with both", () => {
    expect(html).toContain('<pattern id="c1-hatch"');
    expect(html.match(/fill="url\(#c1-hatch\)"/g)).toHaveLength(3); // two bars and the legend swatch
    expect(html).toContain("Running</li>");
    expect(html).toContain("Ended</li>");
  });

  it("draws nothing wrong for no rows or all zeros", () => {
    const empty = renderToString(<BarChart id="e" title="t" description="d" series={["A"]} rows={[]} format={format} />);
    expect(empty).toContain("<svg");
    expect(empty).not.toContain("NaN");
    const zeros = renderToString(
      <BarChart id="z" title="t" description="d" series={["A"]} rows={[{ label: "x", values: [0] }]} format={format} />,
    );
    expect(zeros).not.toContain("NaN");
    expect(zeros).not.toContain("chart-legend"); // one series needs no legend
  });
});

describe("LineChart", () => {
  const points = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022].map((y, i) => ({ label: String(y), values: [i * 10, 5, 200 - i] }));
  const html = renderToString(
    <LineChart
      id="t"
      title="By year"
      description="Lines."
      series={["Running", "Started", "Ended"]}
      looks={[0, 2, 1]}
      points={points}
      format={format}
    />,
  );

  it("is an image with a title and description and no inline styles", () => {
    expect(html).toContain('role="img" aria-labelledby="t-title t-desc"');
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toContain("NaN");
  });

  it("gives each series its own look: colour, dash and marker shape", () => {
    expect(html).toContain('class="chart-line chart-line-0"');
    expect(html).toContain('class="chart-line chart-line-2"');
    expect(html).toContain('class="chart-line chart-line-1"');
    expect(html.match(/<circle/g)?.length).toBe(points.length + 1); // markers + legend
    expect(html.match(/<polygon/g)?.length).toBe(points.length + 1);
  });

  it("labels every year, marking every other one (counting back from the last) as minor", () => {
    for (const p of points) expect(html).toContain(`>${p.label}</text>`);
    expect(html).toMatch(/chart-x chart-x--minor"[^>]*>2021</);
    expect(html).toMatch(/class="chart-tick chart-x"[^>]*>2022</);
  });

  it("puts a single point in the middle", () => {
    const one = renderToString(
      <LineChart id="o" title="t" description="d" series={["A"]} points={[{ label: "2020", values: [3] }]} format={format} />,
    );
    expect(one).toContain('cx="50%"');
    expect(one).not.toContain("NaN");
  });
});
