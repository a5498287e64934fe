#!/usr/bin/env bash
# Starts Azurite (the Azure Storage emulator) for the Table Storage tests and `estimate --tables`.
# Installs it from npm into .tools/azurite on first use, runs it in the background on 127.0.0.1
# (blob 10000, queue 10001, table 10002) with its data in a temporary folder, and waits until the
# table endpoint answers. Idempotent: when something already listens on the table port it only installs.
set -euo pipefail

AZURITE_VERSION="3.37.0"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools/azurite"
STATE="$ROOT/.azurite"
TABLE_PORT=10002

listening() {
    # bash's /dev/tcp avoids depending on nc or curl being installed.
    (exec 3<>"/dev/tcp/127.0.0.1/$TABLE_PORT") 2>/dev/null
}

if [[ ! -x "$TOOLS/node_modules/.bin/azurite" ]]; then
    command -v npm >/dev/null || { echo "azurite: npm is required (apt-get install -y npm)" >&2; exit 1; }
    echo "azurite: installing azurite@$AZURITE_VERSION into $TOOLS"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >&2
fi

# Installed even when another Azurite already listens: the fault suite starts instances of its own from this copy.
if listening; then
    echo "azurite: already listening on 127.0.0.1:$TABLE_PORT"
    exit 0
fi

mkdir -p "$STATE"
DATA="$(mktemp -d "${TMPDIR:-/tmp}/azurite-data.XXXXXX")"
LOG="$STATE/azurite.log"

# setsid detaches Azurite from this shell's process group, so it outlives the script and CI step.
setsid "$TOOLS/node_modules/.bin/azurite" \
    --blobHost 127.0.0.1 --blobPort 10000 \
    --queueHost 127.0.0.1 --queuePort 10001 \
    --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" \
    --location "$DATA" --skipApiVersionCheck --loose --silent \
    >"$LOG" 2>&1 < /dev/null &
PID=$!
echo "$PID" > "$STATE/azurite.pid"
echo "$DATA" > "$STATE/azurite.data"

for _ in $(seq 1 120); do
    if listening; then
        echo "azurite: started, pid $PID (data in $DATA, log in $LOG)"
        exit 0
    fi
    if ! kill -0 "$PID" 2>/dev/null; then
        echo "azurite: exited before listening; log follows" >&2
        cat "$LOG" >&2
        exit 1
    fi
    sleep 0.5
done

echo "azurite: not listening on 127.0.0.1:$TABLE_PORT after 60 s; log in $LOG" >&2
exit 1
