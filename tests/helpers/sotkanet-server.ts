// A local stand-in for the Sotkanet REST API in tests: serves stored files (tests/fixtures/sotkanet)
// of the documented shape by path and query, plus failures on demand. Never the network.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";

export const FIXTURES = resolve(import.meta.dirname, "../fixtures/sotkanet");

export type Answer =
  | { file: string; status?: number }
  | { body: string; status: number }
  | { hang: true }
  /** Answers with the file, but each request also records itself (for pacing tests). */
  | { json: unknown };

export interface FakeSotkanet {
  baseUrl: string;
  /** Request paths with their query, in the order they came, with the time each came. */
  requests: { url: string; at: number }[];
  /** path (with query, e.g. "/json?indicator=127&years=2021") → answer; "*" for any other. */
  routes: Map<string, Answer>;
  close(): Promise<void>;
}

export async function startFakeSotkanet(routes: Record<string, Answer>, port = 0): Promise<FakeSotkanet> {
  const map = new Map(Object.entries(routes));
  const requests: { url: string; at: number }[] = [];
  const hanging = new Set<import("node:http").ServerResponse>();
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? "").replace(/^\/rest\/1\.1/, "");
    requests.push({ url, at: Date.now() });
    const answer = map.get(url) ?? map.get(url.split("?")[0] ?? "") ?? map.get("*");
    if (!answer) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    if ("hang" in answer) {
      hanging.add(res);
      return;
    }
    if ("json" in answer) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer.json));
      return;
    }
    if ("file" in answer) {
      res
        .writeHead(answer.status ?? 200, { "content-type": "application/json; charset=utf-8" })
        .end(readFileSync(resolve(FIXTURES, answer.file)));
      return;
    }
    res.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body);
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  const address = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${address.port}/rest/1.1`,
    requests,
    routes: map,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
