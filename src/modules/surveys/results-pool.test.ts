import { afterAll, describe, expect, it } from "vitest";
import { AnswerPacker, computeResults, type PackedAnswers } from "./compute.ts";
import type { Instrument } from "./instrument.ts";
import {
  closeResultsWorker,
  computeOffThread,
  resultsWorkerRunning,
  setResultsWorkerLogger,
  useResultsWorkerScript,
} from "./results-pool.ts";

const instrument = {
  version: 1,
  source: "test",
  scale: { min: 1, max: 5, labels: { fi: [], sv: [], en: [] } },
  items: Array.from({ length: 4 }, (_, i) => ({ id: `i${i}` })),
  scoring: { method: "mean-of-answered", minAnswered: 2 },
} as unknown as Instrument;

/** A deterministic pseudo-random set of answers over three projects, with anonymous and unanswered ones. */
function packed(n: number): PackedAnswers {
  const p = new AnswerPacker(n, 4);
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < n; i++) {
    const answers = Array.from({ length: 4 }, () => (next() < 0.1 ? "" : String(1 + Math.floor(next() * 5)))).join(",");
    const code = next() < 0.05 ? null : `C${Math.floor(i / 2)}`;
    p.add(`p${Math.floor(i / 2) % 3}`, code, i % 2 === 1, answers);
  }
  return p.done();
}

describe("the survey results worker", () => {
  afterAll(closeResultsWorker);

  it("starts under the test runner and gives exactly the figures computed on the main thread", async () => {
    expect(await resultsWorkerRunning()).toBe(true);
    const ids = ["p0", "p1", "p2", "none"];
    const onMain = await computeResults(packed(5_000), instrument, ids, 2, () => {});
    const inWorker = await computeOffThread(packed(5_000), instrument, ids, 2);
    expect(inWorker).toEqual(onMain);
    expect(inWorker.pooled.analysis.n).toBeGreaterThan(100);
    expect(inWorker.perProject.map((p) => p.projectId)).toEqual(["p0", "p1", "p2"]);
  });

  it("runs computations given at the same time, each with its own answers, and starts again after being closed", async () => {
    const [a, b] = await Promise.all([
      computeOffThread(packed(300), instrument, ["p0"], 2),
      computeOffThread(packed(900), instrument, ["p0"], 2),
    ]);
    expect(a.pooled.analysis.nPreResponses).toBe(150);
    expect(b.pooled.analysis.nPreResponses).toBe(450);
    await closeResultsWorker();
    const c = await computeOffThread(packed(300), instrument, ["p0"], 2);
    expect(c).toEqual(a);
    expect(await resultsWorkerRunning()).toBe(true);
  });

  it("packs no rows as empty results", async () => {
    const r = await computeOffThread(new AnswerPacker(0, 0).done(), null, [], 2);
    expect(r.pooled.analysis.nPreResponses).toBe(0);
    expect(r.perProject).toEqual([]);
  });

  it("computes on the main thread, and says so, when the worker cannot start", async () => {
    const logged: string[] = [];
    setResultsWorkerLogger((msg) => logged.push(msg));
    const real = new URL("./results-worker.ts", import.meta.url);
    try {
      await useResultsWorkerScript(new URL("./no-such-worker.ts", import.meta.url));
      expect(await resultsWorkerRunning()).toBe(false);
      const ids = ["p0", "p1", "p2"];
      const r = await computeOffThread(packed(2_000), instrument, ids, 2);
      expect(r).toEqual(await computeResults(packed(2_000), instrument, ids, 2, () => {}));
      expect(logged.some((m) => m.includes("could not be started"))).toBe(true);
      expect(logged.some((m) => m.includes("main thread"))).toBe(true);
    } finally {
      await useResultsWorkerScript(real);
      setResultsWorkerLogger((msg, err) => console.error(msg, err));
    }
    expect(await resultsWorkerRunning()).toBe(true);
  });
});
