#!/usr/bin/env bash
# Installs, from Debian's packages, what berth and its tests need. Run as root.
set -euo pipefail
packages=(libyaml-dev libsqlite3-dev docker.io busybox-static docker-registry apache2-utils curl ca-certificates pkg-config neovim iproute2 graphviz chromium tmux fonts-dejavu-core openssh-server openssh-client podman)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[install] installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# From PyPI: check-jsonschema validates samples against `berth schema`; pygls drives `berth lsp`.
if ! command -v check-jsonschema >/dev/null 2>&1; then
  echo "[install] installing check-jsonschema from PyPI"
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore check-jsonschema
fi
if ! python3 -c "import pygls" >/dev/null 2>&1; then
  echo "[install] installing pygls from PyPI"
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore pygls
fi
echo "[install] all packages present"
