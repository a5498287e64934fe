#!/usr/bin/env bash
# Starts a local RabbitMQ broker for `empreinte serve` / `worker` and the scale tests.
# Idempotent: installs the Debian package only when missing, starts the node only when it is not
# already answering, then waits until it is ready. Needs root (apt-get, su) the first time.
# Broker: amqp://guest:guest@127.0.0.1:5672/ (guest may only log in from localhost, which is all we need).
set -euo pipefail

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  echo "start-rabbitmq: installing rabbitmq-server (Debian package)…"
  export DEBIAN_FRONTEND=noninteractive
  # Package lists are fetched once; a second run finds the package installed and skips this.
  if ! apt-get install -y --no-install-recommends rabbitmq-server >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y --no-install-recommends rabbitmq-server
  fi
fi

if rabbitmqctl -q status >/dev/null 2>&1; then
  echo "start-rabbitmq: already running."
  exit 0
fi

# No systemd here: start the node in the background as the rabbitmq user, as the package's unit would.
mkdir -p /var/log/rabbitmq /var/lib/rabbitmq
chown -R rabbitmq:rabbitmq /var/log/rabbitmq /var/lib/rabbitmq
if [ "$(id -u)" -eq 0 ]; then
  su rabbitmq -s /bin/sh -c 'rabbitmq-server -detached'
else
  rabbitmq-server -detached
fi

echo "start-rabbitmq: waiting for the node…"
# -detached returns before the node registers with epmd, and await_startup fails on a node it
# cannot see yet: retry until the node is known, then wait for its boot to finish.
for _ in $(seq 1 60); do
  if rabbitmqctl -q await_startup --timeout 60 >/dev/null 2>&1; then break; fi
  sleep 2
done
rabbitmqctl -q await_startup --timeout 60
echo "start-rabbitmq: ready on amqp://127.0.0.1:5672/"
