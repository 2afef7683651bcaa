#!/usr/bin/env bash
# The engine over SSH, as the Docker CLI reaches one: OpenSSH's sshd on 127.0.0.1:2222 with a
# generated host key, accepting only a generated client key for root, and a `Host berth-ssh-test`
# entry in root's ~/.ssh/config that points there (the system's ssh reads it, as it does for
# `DOCKER_HOST=ssh://…` with the Docker CLI). `docker system dial-stdio` on the far side talks
# to the first engine. Usage: ssh-engine.sh start|stop   (as root)
set -euo pipefail
state=${BERTH_CI_STATE:-/tmp/berth-ci}
dir=$state/ssh
port=2222
alias_name=berth-ssh-test

log() { printf '[ssh-engine] %s\n' "$*"; }
running() { [ -f "$dir/sshd.pid" ] && kill -0 "$(cat "$dir/sshd.pid")" 2>/dev/null; }
answers() { ssh -o BatchMode=yes -o ConnectTimeout=5 "$alias_name" true >/dev/null 2>&1; }

start() {
  mkdir -p "$dir" /run/sshd
  chmod 700 "$dir"
  [ -f "$dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
  [ -f "$dir/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/id_ed25519"
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  cat >"$dir/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
CONF
  mkdir -p ~/.ssh && chmod 700 ~/.ssh
  touch ~/.ssh/config
  if ! grep -q "^Host $alias_name\$" ~/.ssh/config; then
    cat >>~/.ssh/config <<CONF

# berth's test engine over SSH (.ci/ssh-engine.sh)
Host $alias_name
  HostName 127.0.0.1
  Port $port
  User root
  IdentityFile $dir/id_ed25519
  IdentitiesOnly yes
  StrictHostKeyChecking accept-new
  UserKnownHostsFile $dir/known_hosts
CONF
  fi
  if running && answers; then log "already answers on 127.0.0.1:$port"; return; fi
  /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
  for _ in $(seq 1 30); do
    if answers; then log "ssh://$alias_name answers (sshd on 127.0.0.1:$port)"; return; fi
    sleep 1
  done
  log "sshd did not answer within 30 s; its log:"; tail -20 "$dir/sshd.log" >&2; exit 1
}

stop() {
  if running; then kill "$(cat "$dir/sshd.pid")"; fi
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
