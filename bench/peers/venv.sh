#!/usr/bin/env bash
# The Python of the peers: makes bench/peers/.venv (a virtual environment, git-ignored) with the pinned packages of
# bench/peers/requirements.txt (DuckDB, Polars, pandas, numpy) from the Python package index through pip, if it is
# missing or was made from another requirements.txt, and prints the path of its python on stdout.
#   PY="$(bench/peers/venv.sh)" || exit 1
# Environment: PEERS_PYTHON (the Python that makes the environment; default python3 on the PATH, then
# /usr/bin/python3), PEERS_VENV (where; default bench/peers/.venv), PIP_RETRIES (default 1: an index that cannot be
# reached fails in seconds, not minutes; pip reads it itself), and pip's own settings (an index mirror, say).
# Exits 1 with the reason on stderr when the environment cannot be made. Safe to run concurrently (flock).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${PEERS_VENV:-$HERE/.venv}"
REQUIREMENTS="$HERE/requirements.txt"
STAMP="$VENV/requirements.txt"
export PIP_RETRIES="${PIP_RETRIES:-1}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

fail() {
  echo "venv.sh: $*" >&2
  exit 1
}

ready() {
  [ -x "$VENV/bin/python" ] && cmp -s "$REQUIREMENTS" "$STAMP" &&
    "$VENV/bin/python" -c 'import duckdb, polars, pandas, numpy' 2>/dev/null
}

if ready; then
  echo "$VENV/bin/python"
  exit 0
fi

mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9
# another process may have made it while this one waited
if ready; then
  echo "$VENV/bin/python"
  exit 0
fi

BASE="${PEERS_PYTHON:-}"
if [ -z "$BASE" ]; then
  BASE="$(command -v python3 || true)"
  [ -n "$BASE" ] || BASE=/usr/bin/python3
fi
[ -x "$BASE" ] || [ -n "$(command -v "$BASE" 2>/dev/null)" ] ||
  fail "no Python 3 to make the peers' environment with ($BASE): install python3" \
    "(Debian: apt-get install python3 python3-venv)"
"$BASE" -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
  fail "$BASE is older than Python 3.10, which the pinned packages need"

echo "venv.sh: making $VENV ($("$BASE" --version 2>&1); $(grep -v '^#' "$REQUIREMENTS" | tr '\n' ' '))" >&2
if ! "$BASE" -m venv --clear "$VENV" >&2; then
  # Debian's python3 has no venv module (ensurepip) without python3-venv
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "venv.sh: installing python3-venv (apt-get install -y python3-venv)" >&2
    apt-get install -y -q python3-venv >&2 || { apt-get update -q >&2 && apt-get install -y -q python3-venv >&2; } ||
      fail "could not install python3-venv"
    "$BASE" -m venv --clear "$VENV" >&2 || fail "$BASE -m venv $VENV failed (output above)"
  else
    fail "$BASE -m venv $VENV failed (output above): install the venv module (Debian: apt-get install python3-venv)"
  fi
fi
if ! "$VENV/bin/python" -m pip install -q -r "$REQUIREMENTS" >&2; then
  rm -f "$STAMP"
  fail "pip could not install bench/peers/requirements.txt into $VENV (output above): the Python package index" \
    "(or the mirror pip is configured with) must be reachable"
fi
"$VENV/bin/python" -c 'import duckdb, polars, pandas, numpy' ||
  fail "the packages were installed into $VENV but do not import (output above)"
cp "$REQUIREMENTS" "$STAMP"
echo "$VENV/bin/python"
