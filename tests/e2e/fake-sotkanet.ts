// A stand-in for the Sotkanet REST API during the e2e run (the journeys never use the network):
// serves the stored answers of tests/fixtures/sotkanet on 127.0.0.1:<SOTKANET_FAKE_PORT>.
import { startFakeSotkanet } from "../helpers/sotkanet-server.ts";

const port = Number(process.env.SOTKANET_FAKE_PORT ?? 3299);
await startFakeSotkanet(
  {
    "/healthz": { json: { ok: true } },
    "/regions": { file: "regions.json" },
    "/indicators/127": { file: "indicators-127.json" },
    "*": { file: "data-127-genders.json" },
  },
  port,
);
console.log(`fake Sotkanet on ${port}`);
