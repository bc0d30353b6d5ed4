#!/usr/bin/env bash
# Installs what Sokra needs and starts it with demo data on the embedded database (PGlite in .data/).
# The demo administrator's e-mail and password are printed on the console.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/node-env.sh
source scripts/node-env.sh
scripts/install.sh
export DEMO="${DEMO:-true}"
exec node --import tsx src/main.ts
