#!/usr/bin/env bash
# Stops the Azurite started by start-azurite.sh (by its recorded pid) and removes its temporary data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.azurite"

if [[ ! -f "$STATE/azurite.pid" ]]; then
    echo "azurite: not started by start-azurite.sh (no $STATE/azurite.pid)"
    exit 0
fi

PID="$(cat "$STATE/azurite.pid")"
if kill -0 "$PID" 2>/dev/null; then
    kill "$PID"
    for _ in $(seq 1 20); do kill -0 "$PID" 2>/dev/null || break; sleep 0.25; done
    echo "azurite: stopped pid $PID"
else
    echo "azurite: pid $PID was not running"
fi

if [[ -f "$STATE/azurite.data" ]]; then
    DATA="$(cat "$STATE/azurite.data")"
    # Only remove what start-azurite.sh created: a mktemp folder named azurite-data.*.
    [[ "$(basename "$DATA")" == azurite-data.* ]] && rm -rf "$DATA"
fi
rm -f "$STATE/azurite.pid" "$STATE/azurite.data"
