#!/usr/bin/env bash
# A second Docker engine that tests may stop and restart (the daemon-restart test): its own
# socket, data root, exec root, pid file and bridge, and no iptables rules, so stopping it never
# touches the engine every other test uses. `start` also loads the test image into it.
# Usage: second-engine.sh start|stop   (as root)
set -euo pipefail
. "$(dirname "$0")/engine-lib.sh"
root=${BERTH_SECOND_ENGINE_ROOT:-/var/lib/berth-engine2}
run=${BERTH_SECOND_ENGINE_RUN:-/run/berth-engine2}
socket=$run/docker.sock
bridge=berth2

log() { printf '[engine2] %s\n' "$*"; }
running() { [ -f "$run/docker.pid" ] && kill -0 "$(cat "$run/docker.pid")" 2>/dev/null; }
answers() { docker -H "unix://$socket" version >/dev/null 2>&1; }

start() {
  if running && answers; then log "already answers on $socket"; return; fi
  mkdir -p "$root" "$run/exec"
  own_bridge "$bridge" 172.31.250.1/24
  detached "$run/dockerd.log" dockerd --host "unix://$socket" --data-root "$root" --exec-root "$run/exec" --pidfile "$run/docker.pid" \
    --bridge "$bridge" --iptables=false >/dev/null
  await_answer 60 "$run/dockerd.log"
  if ! docker -H "unix://$socket" image inspect busybox:1.36 >/dev/null 2>&1; then
    docker save berth-test/busybox:latest | docker -H "unix://$socket" load >/dev/null
    docker -H "unix://$socket" tag berth-test/busybox:latest busybox:1.36
  fi
  log "answers on $socket"
}

stop() { stop_by_pidfile "$run/docker.pid"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
