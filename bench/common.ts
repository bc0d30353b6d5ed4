/** Command-line flags and the two benchmark databases, shared by the benchmark scripts. */
import { execSync } from "node:child_process";
import os from "node:os";

export type BenchDb = "postgres" | "pglite";

export const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/sokra_bench";
export const DEFAULT_PGLITE_DIR = "/tmp/sokra-bench-pglite";

/** Flags every benchmark script takes: which database, and where it is. */
export const DATABASE_OPTIONS = {
  db: { type: "string", default: "postgres" },
  url: { type: "string", default: DEFAULT_PG_URL },
  dir: { type: "string", default: DEFAULT_PGLITE_DIR },
} as const;

export function benchDb(value: string): BenchDb {
  if (value !== "postgres" && value !== "pglite") throw new Error(`--db must be postgres or pglite, not ${value}`);
  return value;
}

/** The server database URL of a database URL (same server, the "postgres" maintenance database). */
export function serverUrl(databaseUrl: string): { server: string; name: string } {
  const url = new URL(databaseUrl);
  const name = url.pathname.replace(/^\//, "");
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name must be a plain identifier: ${name}`);
  url.pathname = "/postgres";
  return { server: url.toString(), name };
}

/** Conditions of a run, printed beside every figure: the machine is shared. */
export function conditions(appDir = process.cwd()) {
  const [one, five] = os.loadavg();
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? "?",
    load1: one ?? 0,
    load5: five ?? 0,
    node: process.version,
    commit: gitCommit(appDir),
  };
}

/** The commit of a checkout, "+changes" when it has uncommitted changes, or its folder when it is no git checkout. */
function gitCommit(dir: string): string {
  const run = (command: string) => execSync(command, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    const head = run("git rev-parse --short HEAD");
    const dirty = run("git status --porcelain --untracked-files=no");
    return dirty ? `${head}+changes` : head;
  } catch {
    return dir;
  }
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
