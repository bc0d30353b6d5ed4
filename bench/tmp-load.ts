import autocannon from "autocannon";
import { requestPaths } from "./requests.ts";

const paths = requestPaths((process.argv[3] ?? "search") as "search", { count: 100000 });
let i = 0;
const r = await autocannon({
  url: "http://127.0.0.1:3310",
  connections: 10,
  duration: Number(process.argv[2] ?? 15),
  requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
});
console.log(r.requests.average, r.latency.p50, r.latency.p97_5, r.non2xx);
