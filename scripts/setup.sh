#!/usr/bin/env bash
# Installs what Berth needs on Debian 12: the low-level container tools Podman itself uses, the
# test registry and busybox for fixtures, Chromium for UI tests, Podman for side-by-side
# benchmarks and interop tests; then the npm packages (without Electron's binary download).
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  runc crun conmon netavark aardvark-dns slirp4netns passt fuse-overlayfs uidmap catatonit
  iproute2 iptables docker-registry busybox-static chromium podman zstd
  qemu-system-x86 qemu-utils mmdebstrap openssh-client e2fsprogs openssh-server
)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# Installs Debian packages without starting their services (docker.io's dockerd, openssh-server's
# sshd): policy-rc.d answering 101 is Debian's "do not start services" during an install; it is
# removed afterwards unless the machine already had one. Tests start their own sshd when needed.
apt_install_quietly() {
  local own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  [ -z "$own_policy" ] || $SUDO rm -f /usr/sbin/policy-rc.d
}

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  apt_install_quietly "${missing[@]}"
fi

# The API service's tests drive Docker's own CLI. Debian 12 ships it in docker.io (with dockerd,
# which must not start).
if ! command -v docker >/dev/null 2>&1; then
  echo "setup: installing the docker CLI (Debian's docker.io, its daemon left stopped)"
  apt_install_quietly docker.io
fi

# Native addons (better-sqlite3) build against the installed Node's headers: no header download.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
stamp=node_modules/.berth-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
npm run build --silent
