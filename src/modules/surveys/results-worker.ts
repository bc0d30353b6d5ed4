import { parentPort } from "node:worker_threads";
import { type ComputeReply, type ComputeRequest, computeResults } from "./compute.ts";

// The results worker (results-pool.ts): computes survey figures off the main thread, one request
// at a time, without pauses (nothing else runs on this thread).
const port = parentPort;
if (!port) throw new Error("results-worker.ts runs only as a worker thread");
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
