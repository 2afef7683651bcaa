#!/usr/bin/env bash
# Podman's Docker-compatible API (`podman system service`) on its own socket, for the
# container-lifecycle tests. Two settings make it work on this machine kind, both in private
# configuration files given to the service only:
#   containers.conf  default_ulimits within this machine's hard limits: Podman's defaults
#                    (nofile and nproc 1048576) exceed them, and runc then fails with
#                    "error setting rlimits for ready process ... operation not permitted";
#   registries.conf  the test registry on 127.0.0.1:5000 as insecure (plain HTTP), which Docker
#                    assumes for loopback registries and Podman does not.
# The test image is loaded and tagged under the names samples use.
# Usage: podman-engine.sh start|stop   (as root)
set -euo pipefail
. "$(dirname "$0")/engine-lib.sh"
state=${BERTH_CI_STATE:-/tmp/berth-ci}
dir=$state/podman
run=/run/berth-podman
socket=$run/podman.sock

log() { printf '[podman] %s\n' "$*"; }
running() { [ -f "$run/service.pid" ] && kill -0 "$(cat "$run/service.pid")" 2>/dev/null; }
answers() { curl -s --unix-socket "$socket" http://podman/_ping 2>/dev/null | grep -q OK; }

start() {
  mkdir -p "$dir" "$run"
  local nofile nproc
  nofile=$(ulimit -Hn); nproc=$(ulimit -Hu)
  [ "$nofile" = unlimited ] && nofile=1048576
  # runc sets nproc inside the container's own limits, which stay below the caller's.
  if [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; then nproc=32768; fi
  printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n' "$nofile" "$nofile" "$nproc" "$nproc" >"$dir/containers.conf"
  printf '[[registry]]\nlocation = "127.0.0.1:5000"\ninsecure = true\n' >"$dir/registries.conf"
  if running && answers; then log "already answers on $socket"; return; fi
  detached "$run/service.log" env CONTAINERS_CONF="$dir/containers.conf" CONTAINERS_REGISTRIES_CONF="$dir/registries.conf" \
    podman system service --time=0 "unix://$socket" >"$run/service.pid"
  await_answer 30 "$run/service.log"
  if ! podman image exists docker.io/library/busybox:1.36; then
    docker save berth-test/busybox:latest | podman load >/dev/null
    for name in busybox:1.36 busybox:latest centos:latest centos:7 ubuntu:latest ubuntu:24.04; do
      podman tag localhost/berth-test/busybox:latest "docker.io/library/$name"
    done
    podman tag localhost/berth-test/busybox:latest docker.io/berth-test/busybox:latest
  fi
  log "answers on $socket ($(podman --version))"
}

stop() { stop_by_pidfile "$run/service.pid"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
