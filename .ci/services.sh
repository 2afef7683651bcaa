#!/usr/bin/env bash
# Starts what the test suite needs and writes the facts tests read to $BERTH_TEST_ENV_FILE
# (default .ci/test-env.sh): a Docker engine on the unix socket, a local test image tagged
# under the names samples use, a registry with htpasswd auth on 127.0.0.1:5000, and a second
# engine that the daemon-restart test may stop and start, a TLS engine on 127.0.0.1:2376 and
# the first engine over SSH (sshd on 127.0.0.1:2222), Podman's Docker-compatible API, and the
# first engine as a single-node swarm.
# Idempotent: a running dockerd or registry is reused.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
state=${BERTH_CI_STATE:-/tmp/berth-ci}
env_file=${BERTH_TEST_ENV_FILE:-$here/test-env.sh}
socket=/var/run/docker.sock
registry=127.0.0.1:5000
reg_user=berth
reg_password=berth-test-password
mkdir -p "$state"

log() { printf '[services] %s\n' "$*"; }

start_dockerd() {
  if [ -S "$socket" ] && docker version >/dev/null 2>&1; then
    log "dockerd already answers on $socket"; return
  fi
  log "starting dockerd"
  nohup dockerd >"$state/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    if [ -S "$socket" ] && docker version >/dev/null 2>&1; then log "dockerd is up"; return; fi
    sleep 1
  done
  log "dockerd did not come up within 60 s; its log:"; tail -50 "$state/dockerd.log" >&2; exit 1
}

build_test_image() {
  # No image can be pulled here: build a minimal rootfs from busybox-static.
  local rootfs="$state/rootfs"
  rm -rf "$rootfs"; mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/root" "$rootfs/usr/bin"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do
    [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"
  done
  ln -sf /bin/env "$rootfs/usr/bin/env"
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  tar -C "$rootfs" -c . | docker import -c 'ENV PATH=/usr/bin:/bin' - berth-test/busybox:latest >/dev/null
  for name in centos centos:latest centos:7 ubuntu ubuntu:latest ubuntu:24.04 busybox:1.36 busybox:latest; do
    docker tag berth-test/busybox:latest "$name"
  done
  log "test image berth-test/busybox:latest tagged as centos(:7), ubuntu(:24.04), busybox:1.36"
}

start_registry() {
  if curl -s -o /dev/null -w '%{http_code}' "http://$registry/v2/" 2>/dev/null | grep -q 401; then
    log "registry already answers on $registry"
  else
    htpasswd -Bbn "$reg_user" "$reg_password" >"$state/htpasswd"
    cat >"$state/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $state/registry-data
  delete:
    enabled: true
http:
  addr: $registry
auth:
  htpasswd:
    realm: berth-test
    path: $state/htpasswd
YAML
    log "starting docker-registry on $registry"
    nohup docker-registry serve "$state/registry.yml" >"$state/registry.log" 2>&1 &
    for _ in $(seq 1 30); do
      if curl -s -o /dev/null -w '%{http_code}' "http://$registry/v2/" | grep -q 401; then break; fi
      sleep 1
    done
  fi
  # Push the test image with a throwaway docker config so no credential lingers in ~/.docker.
  local cfg="$state/docker-config"; mkdir -p "$cfg"
  echo "$reg_password" | DOCKER_CONFIG="$cfg" docker login -u "$reg_user" --password-stdin "$registry" >/dev/null
  docker tag berth-test/busybox:latest "$registry/berth/busybox:1"
  DOCKER_CONFIG="$cfg" docker push "$registry/berth/busybox:1" >/dev/null
  docker rmi "$registry/berth/busybox:1" >/dev/null
  rm -rf "$cfg"
  log "registry holds $registry/berth/busybox:1 (user $reg_user)"
}

start_dockerd
build_test_image
start_registry
# A second engine the daemon-restart test stops and starts (see second-engine.sh).
bash "$here/second-engine.sh" start
# A TLS engine on tcp://127.0.0.1:2376 with generated certificates (see tls-engine.sh).
bash "$here/tls-engine.sh" start
# The first engine again, over SSH through sshd on 127.0.0.1:2222 (see ssh-engine.sh).
bash "$here/ssh-engine.sh" start
# Podman's Docker-compatible API on its own socket (see podman-engine.sh).
bash "$here/podman-engine.sh" start
# The first engine as a single-node swarm manager (see swarm.sh; .ci/run leaves it at the end).
bash "$here/swarm.sh" start

cat >"$env_file" <<ENV
export BERTH_TEST_DOCKER_SOCKET=$socket
export BERTH_TEST_REGISTRY=$registry
export BERTH_TEST_REGISTRY_USER=$reg_user
export BERTH_TEST_REGISTRY_PASSWORD=$reg_password
export BERTH_TEST_IMAGE=berth-test/busybox:latest
export BERTH_TEST_REGISTRY_IMAGE=$registry/berth/busybox:1
export BERTH_TEST_SECOND_ENGINE=unix:///run/berth-engine2/docker.sock
export BERTH_TEST_TLS_ENGINE=tcp://127.0.0.1:2376
export BERTH_TEST_TLS_CERTS=$state/tls
export BERTH_TEST_SSH_ENGINE=ssh://berth-ssh-test
export BERTH_TEST_PODMAN_SOCKET=/run/berth-podman/podman.sock
export BERTH_TEST_SWARM=1
ENV
log "test environment written to $env_file"
