import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { type ComputeReply, type ComputeRequest, computeResults } from "./compute.ts";

// The results worker (results-pool.ts): computes survey figures off the main thread, one request
// at a time, without pauses (nothing else runs on this thread).
const port = parentPort;
if (!port) throw new Error("results-worker.ts runs only as a worker thread");
// A lower priority for this thread only (Linux nice values are per thread): when the cores are
// busy, the requests on the main thread run first and the recompute takes the time left over.
try {
  setPriority(10);
} catch {
  // Not permitted here: the worker runs at the process's priority.
}
port.on("message", (req: ComputeRequest) => {
  computeResults(req.packed, req.instrument, req.projectIds, req.followUp, () => {}).then(
    (results) => port.postMessage({ id: req.id, ok: true, results } satisfies ComputeReply),
    (err: unknown) =>
      port.postMessage({
        id: req.id,
        ok: false,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies ComputeReply),
  );
});
// Loaded and listening: only now does the pool send work (a worker that fails to load gets none).
port.postMessage({ ready: true });
