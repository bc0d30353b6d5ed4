#!/usr/bin/env bash
# Runs every test: typecheck, lint, unit and integration tests on PGlite, the same tests on a
# PostgreSQL server (each test file creates and drops its own database), and the end-to-end tests
# in Debian's Chromium with JavaScript on and off.
#
#   TEST_PG_URL   PostgreSQL server to test against (default postgres://postgres@127.0.0.1:5432/postgres)
#   CHROMIUM_PATH Chromium binary (default /usr/bin/chromium)
# In CI (CI set) a missing PostgreSQL or Chromium is an error; on a laptop those parts are skipped
# with a warning.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/node-env.sh
source scripts/node-env.sh
scripts/install.sh

step() { printf '\n== %s ==\n' "$*"; }
started=$(date +%s)

step "node $(node -v)"
step "typecheck"
npm run --silent typecheck
step "lint"
npm run --silent lint

step "unit and integration tests on PGlite (embedded)"
npx vitest run

pg_url="${TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if node -e 'const c=new (require("pg").Client)({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).catch(()=>process.exit(1))' "$pg_url"; then
  step "unit and integration tests on PostgreSQL ($pg_url)"
  TEST_DATABASE_URL="$pg_url" npx vitest run
else
  if [ -n "${CI:-}" ]; then echo "PostgreSQL at $pg_url is not reachable" >&2; exit 1; fi
  echo "WARNING: PostgreSQL at $pg_url is not reachable: skipped the PostgreSQL run" >&2
fi

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  step "end-to-end tests in Chromium (JavaScript on and off, axe WCAG 2.1 A/AA)"
  CHROMIUM_PATH="$chromium" npx playwright test
else
  if [ -n "${CI:-}" ]; then echo "Chromium not found at $chromium" >&2; exit 1; fi
  echo "WARNING: Chromium not found at $chromium (apt-get install chromium): skipped end-to-end tests" >&2
fi

step "all tests passed in $(( $(date +%s) - started )) s"
