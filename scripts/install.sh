#!/usr/bin/env bash
# Installs the npm dependencies exactly as locked, when they are missing or the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/node-env.sh
source scripts/node-env.sh
stamp=node_modules/.sokra-lock-stamp
if [ -n "${CI:-}" ] || [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "sokra: installing dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
