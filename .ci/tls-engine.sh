#!/usr/bin/env bash
# A remote-style Docker engine: dockerd with --tlsverify on tcp://127.0.0.1:2376, with its own
# data root, exec root, pid file and bridge and no iptables rules, so it never disturbs the first
# engine. Generates with openssl a CA, a server certificate for 127.0.0.1 and client
# certificate directories in the layout DOCKER_CERT_PATH expects (ca.pem, cert.pem, key.pem):
#   client/            the right CA and a client certificate it signed
#   wrong-ca/          a CA that did not sign the server's certificate
#   untrusted-client/  the right CA, a client certificate signed by another CA
#   expired-client/    the right CA, a client certificate that has expired
# and loads the test image. Usage: tls-engine.sh start|stop   (as root)
set -euo pipefail
. "$(dirname "$0")/engine-lib.sh"
state=${BERTH_CI_STATE:-/tmp/berth-ci}
pki=$state/tls
root=${BERTH_TLS_ENGINE_ROOT:-/var/lib/berth-engine-tls}
run=${BERTH_TLS_ENGINE_RUN:-/run/berth-engine-tls}
address=127.0.0.1:2376
bridge=berth3

log() { printf '[tls-engine] %s\n' "$*"; }
running() { [ -f "$run/docker.pid" ] && kill -0 "$(cat "$run/docker.pid")" 2>/dev/null; }
answers() { docker --tlsverify --tlscacert "$pki/client/ca.pem" --tlscert "$pki/client/cert.pem" --tlskey "$pki/client/key.pem" -H "tcp://$address" version >/dev/null 2>&1; }

# sign NAME CA_DIR DAYS [EXT]: a key and a certificate for NAME signed by the CA in CA_DIR.
sign() {
  local name=$1 ca=$2 days=$3 ext=${4:-}
  openssl req -newkey rsa:2048 -nodes -keyout "$name-key.pem" -out "$name.csr" -subj "/CN=$(basename "$name")" 2>/dev/null
  if [ -n "$ext" ]; then printf '%s\n' "$ext" >"$name.ext"; fi
  openssl x509 -req -in "$name.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca-key.pem" -CAcreateserial -out "$name.pem" -days "$days" \
    ${ext:+-extfile "$name.ext"} 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}

make_pki() {
  if [ -f "$pki/client/cert.pem" ]; then return; fi
  rm -rf "$pki"; mkdir -p "$pki/ca" "$pki/other-ca" "$pki/client" "$pki/wrong-ca" "$pki/untrusted-client" "$pki/expired-client"
  for ca in ca other-ca; do
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/$ca/ca-key.pem" -out "$pki/$ca/ca.pem" -days 30 -subj "/CN=berth test $ca" 2>/dev/null
  done
  sign "$pki/ca/server" "$pki/ca" 30 "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
  local client="extendedKeyUsage=clientAuth"
  sign "$pki/ca/client" "$pki/ca" 30 "$client"
  sign "$pki/other-ca/client" "$pki/other-ca" 30 "$client"
  sign "$pki/ca/expired" "$pki/ca" -1 "$client"
  cp "$pki/ca/ca.pem" "$pki/client/ca.pem"; cp "$pki/ca/client.pem" "$pki/client/cert.pem"; cp "$pki/ca/client-key.pem" "$pki/client/key.pem"
  cp "$pki/other-ca/ca.pem" "$pki/wrong-ca/ca.pem"; cp "$pki/ca/client.pem" "$pki/wrong-ca/cert.pem"; cp "$pki/ca/client-key.pem" "$pki/wrong-ca/key.pem"
  cp "$pki/ca/ca.pem" "$pki/untrusted-client/ca.pem"; cp "$pki/other-ca/client.pem" "$pki/untrusted-client/cert.pem"; cp "$pki/other-ca/client-key.pem" "$pki/untrusted-client/key.pem"
  cp "$pki/ca/ca.pem" "$pki/expired-client/ca.pem"; cp "$pki/ca/expired.pem" "$pki/expired-client/cert.pem"; cp "$pki/ca/expired-key.pem" "$pki/expired-client/key.pem"
  chmod -R go-rwx "$pki"
  log "certificates in $pki"
}

start() {
  make_pki
  if running && answers; then log "already answers on tcp://$address"; return; fi
  mkdir -p "$root" "$run/exec"
  own_bridge "$bridge" 172.31.251.1/24
  detached "$run/dockerd.log" dockerd --host "tcp://$address" --tlsverify --tlscacert "$pki/ca/ca.pem" --tlscert "$pki/ca/server.pem" \
    --tlskey "$pki/ca/server-key.pem" --data-root "$root" --exec-root "$run/exec" --pidfile "$run/docker.pid" \
    --bridge "$bridge" --iptables=false >/dev/null
  await_answer 60 "$run/dockerd.log"
  local tls=(--tlsverify --tlscacert "$pki/client/ca.pem" --tlscert "$pki/client/cert.pem" --tlskey "$pki/client/key.pem" -H "tcp://$address")
  if ! docker "${tls[@]}" image inspect busybox:1.36 >/dev/null 2>&1; then
    docker save berth-test/busybox:latest | docker "${tls[@]}" load >/dev/null
    for name in busybox:1.36 ubuntu ubuntu:latest ubuntu:24.04 centos centos:7; do docker "${tls[@]}" tag berth-test/busybox:latest "$name"; done
  fi
  log "answers on tcp://$address (TLS, client certificates required)"
}

stop() { stop_by_pidfile "$run/docker.pid"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
