import { Worker } from "node:worker_threads";
import { type ComputeReply, computeResults, type GroupResults, type PackedAnswers, packedBuffers } from "./compute.ts";
import type { Instrument } from "./instrument.ts";

/**
 * Survey figures are computed in one long-lived worker thread (started on first use, unref'd so
 * that it never keeps the process alive, ended by `closeResultsWorker` at app close): a roll-up
 * over a programme takes seconds of CPU that would otherwise hold up the requests on the main
 * event loop. The answers are handed over as typed arrays whose buffers are transferred, not
 * copied. When the worker cannot be started, the figures are computed on the main thread (with
 * pauses between chunks) and that is logged once.
 */

/** Lets the requests waiting meanwhile run (a roll-up's computation takes over a second of CPU). */
export const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Pending {
  resolve: (r: GroupResults) => void;
  reject: (err: Error) => void;
}

let worker: Worker | null = null;
/** Resolves true when the worker is running, false when it could not start. */
let ready: Promise<boolean> | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;
let warnedFallback = false;
let script = new URL("./results-worker.ts", import.meta.url);

/** For tests: the worker's script (a broken one shows the fallback). Ends the running worker. */
export async function useResultsWorkerScript(url: URL): Promise<void> {
  await closeResultsWorker();
  script = url;
  warnedFallback = false;
}

/** Where the failure to start the worker is reported (the app's logger; console by default). */
let logError: (msg: string, err: unknown) => void = (msg, err) => console.error(msg, err);
export function setResultsWorkerLogger(log: (msg: string, err: unknown) => void): void {
  logError = log;
}

function start(): Promise<boolean> {
  if (ready) return ready;
  ready = new Promise<boolean>((resolve) => {
    let w: Worker;
    try {
      // The worker is TypeScript like the rest of the app: loaded through tsx as src/main.ts is.
      w = new Worker(script, { execArgv: ["--import", "tsx"] });
    } catch (err) {
      logError("survey results worker could not be started; computing on the main thread", err);
      resolve(false);
      return;
    }
    w.unref();
    worker = w;
    let online = false;
    w.on("message", (reply: ComputeReply | { ready: true }) => {
      if ("ready" in reply) {
        online = true;
        resolve(true);
        return;
      }
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.results);
      else p.reject(new Error(`survey results worker: ${reply.error}`));
    });
    w.on("error", (err) => {
      if (!online) logError("survey results worker could not be started; computing on the main thread", err);
      else logError("survey results worker failed", err);
    });
    w.once("exit", (code) => {
      if (worker === w) {
        worker = null;
        ready = null;
      }
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new Error(`survey results worker exited (code ${code})`));
      }
      if (!online) resolve(false);
    });
  });
  return ready;
}

/**
 * The figures of the packed answers, computed in the worker (or, when it cannot start, on the
 * main thread). The packed arrays are transferred to the worker: do not use them afterwards.
 */
export async function computeOffThread(
  packed: PackedAnswers,
  instrument: Instrument | null,
  projectIds: readonly string[],
  followUp: number,
): Promise<GroupResults> {
  const w = (await start()) ? worker : null;
  if (!w) {
    if (!warnedFallback) {
      warnedFallback = true;
      logError("survey results are computed on the main thread", new Error("no results worker"));
    }
    return await computeResults(packed, instrument, projectIds, followUp, yieldToRequests);
  }
  const id = nextId++;
  return await new Promise<GroupResults>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, packed, instrument, projectIds, followUp }, packedBuffers(packed));
  });
}

/** Whether computations run in the worker (starting it when needed); false = on the main thread. */
export async function resultsWorkerRunning(): Promise<boolean> {
  return (await start()) && worker !== null;
}

/** Ends the worker (at app close; a later computation starts a new one). */
export async function closeResultsWorker(): Promise<void> {
  const w = worker;
  worker = null;
  ready = null;
  if (w) await w.terminate();
}
