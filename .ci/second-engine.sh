#!/usr/bin/env bash
# A second Docker engine that tests may stop and restart (the daemon-restart test): its own
# socket, data root, exec root, pid file and bridge, and no iptables rules, so stopping it never
# touches the engine every other test uses. `start` also loads the test image into it.
# Usage: second-engine.sh start|stop   (as root)
set -euo pipefail
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
  if ! ip link show "$bridge" >/dev/null 2>&1; then
    # A bridge of its own: with --bridge none dockerd would delete the first engine's docker0.
    ip link add "$bridge" type bridge
    ip addr add 172.31.250.1/24 dev "$bridge"
    ip link set "$bridge" up
  fi
  # The daemon outlives this script: it must not keep the caller's descriptors open (a test
  # runner learns that this script ended when a socket it inherited closes).
  (
    for fd in /proc/$BASHPID/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done
    exec nohup dockerd --host "unix://$socket" --data-root "$root" --exec-root "$run/exec" --pidfile "$run/docker.pid" \
      --bridge "$bridge" --iptables=false </dev/null >"$run/dockerd.log" 2>&1
  ) &
  for _ in $(seq 1 60); do
    if answers; then break; fi
    sleep 1
  done
  if ! answers; then log "did not come up within 60 s; its log:"; tail -30 "$run/dockerd.log" >&2; exit 1; fi
  if ! docker -H "unix://$socket" image inspect busybox:1.36 >/dev/null 2>&1; then
    docker save berth-test/busybox:latest | docker -H "unix://$socket" load >/dev/null
    docker -H "unix://$socket" tag berth-test/busybox:latest busybox:1.36
  fi
  log "answers on $socket"
}

stop() {
  if running; then
    kill -TERM "$(cat "$run/docker.pid")"
    # dockerd stops its containers first (10 s grace each), then exits.
    for _ in $(seq 1 60); do
      if ! running; then break; fi
      sleep 1
    done
  fi
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
