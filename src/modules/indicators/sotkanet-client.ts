// A client for THL's Sotkanet REST API 1.1 (DOMAIN.md §5): /indicators, /indicators/<id>, /regions
// and /json?indicator=…&years=…&genders=…. It only fetches: each answer is returned as the bytes of
// a "file" of the exact shape the file importer reads (parse-sotkanet.ts), so a fetched answer and
// an uploaded one go through the same importer, row report and idempotent re-import.
// Every request has a timeout; requests are paced (one at a time, a pause between them) so that
// Sokra stays a polite client of a public service. Errors say which address failed and why.
import { parseSotkanetFile } from "./parse-sotkanet.ts";

export interface SotkanetClientOptions {
  /** E.g. https://sotkanet.fi/rest/1.1 (no trailing slash needed). */
  baseUrl: string;
  /** The most one request may take, headers and body together. */
  timeoutMs: number;
  /** The least time between the start of two requests. */
  pacingMs: number;
  /** The largest answer accepted. */
  maxBytes?: number;
  /** For tests of the pacing: the clock and the pause. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type SotkanetFetchProblem =
  | { key: "http"; url: string; status: number }
  | { key: "timeout"; url: string; seconds: number }
  | { key: "network"; url: string; detail: string }
  | { key: "notJson"; url: string }
  | { key: "unexpectedShape"; url: string; expected: string }
  | { key: "tooLarge"; url: string };

export class SotkanetFetchError extends Error {
  constructor(public readonly problem: SotkanetFetchProblem) {
    super(`Sotkanet: ${problem.key} at ${problem.url}`);
    this.name = "SotkanetFetchError";
  }
}

export interface FetchedFile {
  name: string;
  url: string;
  bytes: Uint8Array;
}

export type SotkanetGender = "total" | "male" | "female";

const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

export function createSotkanetClient(options: SotkanetClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, "");
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let lastStart: number | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function getOnce(path: string, expected: "indicators" | "regions" | "data", name: string): Promise<FetchedFile> {
    const url = `${base}${path}`;
    if (lastStart !== null) {
      const wait = lastStart + options.pacingMs - now();
      if (wait > 0) await sleep(wait);
    }
    lastStart = now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    let bytes: Uint8Array;
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { accept: "application/json" } });
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new SotkanetFetchError({ key: "http", url, status: response.status });
      }
      const declared = Number(response.headers.get("content-length"));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel().catch(() => {});
        throw new SotkanetFetchError({ key: "tooLarge", url });
      }
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      if (error instanceof SotkanetFetchError) throw error;
      if (controller.signal.aborted) {
        throw new SotkanetFetchError({ key: "timeout", url, seconds: Math.round(options.timeoutMs / 100) / 10 });
      }
      const detail = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new SotkanetFetchError({ key: "network", url, detail: detail.slice(0, 200) });
    } finally {
      clearTimeout(timer);
    }
    if (bytes.length > maxBytes) throw new SotkanetFetchError({ key: "tooLarge", url });
    // The answer must be JSON of the expected kind; its rows are checked by the importer.
    const parsed = parseSotkanetFile(bytes);
    if (!parsed.ok) {
      if (parsed.problem.key === "notJson") throw new SotkanetFetchError({ key: "notJson", url });
      // An empty list is a valid answer (no values for those years); the importer reports it.
      if (parsed.problem.key === "empty") return { name, url, bytes };
      throw new SotkanetFetchError({ key: "unexpectedShape", url, expected });
    }
    if (parsed.kind !== expected) throw new SotkanetFetchError({ key: "unexpectedShape", url, expected });
    return { name, url, bytes };
  }

  /** One request at a time, in the order asked. */
  function get(path: string, expected: "indicators" | "regions" | "data", name: string): Promise<FetchedFile> {
    const next = queue.then(() => getOnce(path, expected, name));
    queue = next.catch(() => {});
    return next;
  }

  return {
    /** All indicators' metadata (a large list; used to find ids by Finnish title). */
    indicators: () => get("/indicators", "indicators", "indicators.json"),
    indicator: (id: number) => get(`/indicators/${id}`, "indicators", `indicators-${id}.json`),
    regions: () => get("/regions", "regions", "regions.json"),
    data: (id: number, years: readonly number[], genders: readonly SotkanetGender[]) => {
      const query = [`indicator=${id}`, ...years.map((y) => `years=${y}`), ...genders.map((g) => `genders=${g}`)].join("&");
      return get(`/json?${query}`, "data", `data-${id}-${years[0]}-${years[years.length - 1]}.json`);
    },
  };
}

export type SotkanetClient = ReturnType<typeof createSotkanetClient>;
