# Shared by the scripts that start an extra engine (second-engine.sh, tls-engine.sh,
# podman-engine.sh): a bridge of its own, a daemon detached from the caller, a wait for it to
# answer, a stop by pid file. Source it; the caller defines `log` and `answers`.

# own_bridge NAME ADDRESS/PREFIX: with --bridge none dockerd would delete the first engine's docker0.
own_bridge() {
  if ! ip link show "$1" >/dev/null 2>&1; then
    ip link add "$1" type bridge
    ip addr add "$2" dev "$1"
    ip link set "$1" up
  fi
}

# detached LOG COMMAND...: runs COMMAND in the background with stdin from /dev/null and output
# to LOG. The daemon outlives the script: it must not keep the caller's descriptors open (a test
# runner learns that this script ended when a socket it inherited closes). Prints its pid.
detached() {
  local logfile=$1; shift
  (
    for fd in /proc/$BASHPID/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done
    exec nohup "$@" </dev/null >"$logfile" 2>&1
  ) &
  echo $!
}

# await_answer SECONDS LOG: waits until `answers` holds; otherwise prints LOG's tail and fails.
await_answer() {
  for _ in $(seq 1 "$1"); do
    if answers; then return 0; fi
    sleep 1
  done
  log "did not come up within $1 s; its log:"; tail -30 "$2" >&2; exit 1
}

# stop_by_pidfile FILE: TERM, then wait up to 60 s (dockerd stops its containers first).
stop_by_pidfile() {
  local pid
  pid=$(cat "$1" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
      if ! kill -0 "$pid" 2>/dev/null; then break; fi
      sleep 1
    done
  fi
  log "stopped"
}
