#!/usr/bin/env bash
# The first engine as a single-node swarm for berth's Swarm backend tests:
#   swarm.sh start   docker swarm init --advertise-addr 127.0.0.1 (kept if already active)
#   swarm.sh stop    leaves the swarm (its services, configs and networks go with it)
set -euo pipefail

state() { docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unknown; }

case "${1:-}" in
  start)
    if [ "$(state)" = active ]; then
      echo "[swarm] the engine is already a swarm manager"
    else
      docker swarm init --advertise-addr 127.0.0.1 >/dev/null
      echo "[swarm] single-node swarm initialised on 127.0.0.1"
    fi
    ;;
  stop)
    if [ "$(state)" = active ]; then
      docker swarm leave --force >/dev/null
      echo "[swarm] left the swarm"
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2
    ;;
esac
