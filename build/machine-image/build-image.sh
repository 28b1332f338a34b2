#!/usr/bin/env bash
# Builds the machine image: a Debian 12 root filesystem with Berth's engine and the container
# tools it drives, the Debian kernel, and a tiny busybox initramfs; the result is a directory
# with image.json, vmlinux (the kernel, uncompressed), initrd.img and root.qcow2 (ext4,
# zstd-compressed qcow2) that `berth machine init --image DIR` takes. Built once per change: the directory is named by a
# hash of this recipe, the built CLI (npm run build:cli), the native modules and Node.
#
#   build/machine-image/build-image.sh [CACHE-DIR]   # prints the image directory on stdout
#
# CACHE-DIR defaults to $BERTH_MACHINE_IMAGE_CACHE or ~/.cache/berth/machine-image. Needs root,
# mmdebstrap, qemu-utils, busybox-static and e2fsprogs (scripts/setup.sh installs them).
set -euo pipefail
recipe="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$recipe/../.." && pwd)"
cache="${1:-${BERTH_MACHINE_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/berth/machine-image}}"
say() { echo "build-image: $*" >&2; }
die() { say "$*"; exit 1; }

for tool in mmdebstrap qemu-img mkfs.ext4 apt-get dpkg-deb; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/setup.sh (or apt-get install mmdebstrap qemu-utils e2fsprogs)"
done
[ -x /bin/busybox ] || die "/bin/busybox is missing: apt-get install busybox-static"
[ "$(id -u)" -eq 0 ] || die "building the machine image needs root (mmdebstrap, mkfs.ext4 -d with root-owned files)"

key="$(node "$recipe/image-inputs.mjs" key)"
out="$cache/$key"
if [ -f "$out/image.json" ]; then
  say "cached: $out"
  ln -sfn "$key" "$cache/latest"
  echo "$out"
  exit 0
fi

mkdir -p "$cache/apt-archives" "$cache/kernel-debs"
work="$(mktemp -d "$cache/.build-XXXXXX")"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
started=$SECONDS

# 1. Root filesystem. Node is not Debian's (18): the guest runs this host's Node 20, whose ABI the
#    native modules in node_modules were built for. The apt archive cache is kept between builds.
say "root filesystem (mmdebstrap)"
mmdebstrap --variant=minbase --quiet \
  --include=openssh-server,iproute2,kmod,mount,procps,tini,runc,conmon,netavark,aardvark-dns,iptables,catatonit,ca-certificates,busybox-static,e2fsprogs,libstdc++6 \
  --skip=essential/unlink \
  --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
  --setup-hook="sync-in '$cache/apt-archives' /var/cache/apt/archives/" \
  --customize-hook="sync-out /var/cache/apt/archives '$cache/apt-archives'" \
  bookworm "$rootfs" >&2

# 2. Kernel: Debian's generic kernel (the cloud flavour lacks 9p, which shared folders need),
#    unpacked without dpkg -x (that breaks the usrmerge links), trimmed of hardware drivers.
say "kernel"
kernel_pkg="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')"
[ -n "$kernel_pkg" ] || die "cannot resolve linux-image-amd64 to a kernel package: run apt-get update"
deb="$(ls "$cache/kernel-debs/${kernel_pkg}_"*.deb 2>/dev/null | head -1 || true)"
if [ -z "$deb" ]; then
  (cd "$cache/kernel-debs" && apt-get download "$kernel_pkg" >&2)
  deb="$(ls "$cache/kernel-debs/${kernel_pkg}_"*.deb | head -1)"
fi
dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$rootfs"
kver="${kernel_pkg#linux-image-}"
modules="$rootfs/lib/modules/$kver/kernel"
rm -rf "$modules/sound" "$modules/drivers/"{gpu,media,net/wireless,net/ethernet,infiniband,staging,usb,bluetooth,iio,isdn,mtd,hwmon,scsi,hid,platform}
chroot "$rootfs" depmod "$kver"  # the rootfs's own kmod: the host may have none

# 3. Berth: the CLI chunks reachable from dist/cli/berth.cjs, the native modules, this Node.
say "Berth engine"
mkdir -p "$rootfs/opt/berth/bin" "$rootfs/opt/berth/dist/cli" "$rootfs/opt/berth/node_modules"
cp "$repo/bin/berth.js" "$repo/bin/package.json" "$rootfs/opt/berth/bin/"
cp "$repo/package.json" "$rootfs/opt/berth/"
node "$recipe/image-inputs.mjs" dist-files | while read -r file; do cp "$repo/dist/cli/$file" "$rootfs/opt/berth/dist/cli/"; done
node "$recipe/image-inputs.mjs" native-packages | while read -r pkg; do
  cp -a "$repo/node_modules/$pkg" "$rootfs/opt/berth/node_modules/"
done
# better-sqlite3's sources and build intermediates are not needed at run time.
rm -rf "$rootfs/opt/berth/node_modules/better-sqlite3/"{deps,src,build/Release/obj,build/Release/obj.target,build/Release/test_extension.node}
cp "$(readlink -f "$(command -v node)")" "$rootfs/usr/local/bin/node"
# The API service the machine's init starts: one CommonJS bundle and its V8 code cache, made by
# running it once here (the same Node binary as the guest's, so the guest's V8 accepts the cache).
say "API service bundle and code cache"
node "$recipe/bundle-guest-service.mjs" "$rootfs/opt/berth/dist/machine"
mkdir -p "$work/warm"
node "$rootfs/opt/berth/dist/machine/start-api-service.cjs" "$work/warm/api.sock" \
  --root "$work/warm/root" --runroot "$work/warm/run" --warm-code-cache >&2

# 4. Init, sshd and acpid configuration; no host keys in the image (made on first boot).
install -m 755 "$recipe/guest/berth-init" "$rootfs/sbin/berth-init"
install -m 644 "$recipe/guest/sshd_config" "$rootfs/etc/ssh/sshd_config"
rm -f "$rootfs"/etc/ssh/ssh_host_*
mkdir -p "$rootfs/etc/acpi/PWRF"
install -m 755 "$recipe/guest/acpi/PWRF/00000080" "$rootfs/etc/acpi/PWRF/00000080"
echo berth-machine >"$rootfs/etc/hostname"
rm -rf "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"*
mkdir -p "$out.tmp"
# The kernel uncompressed: Debian's is xz-compressed, and its decompressor (run before the kernel's
# clock starts) takes 5 to 20 s under QEMU's TCG. The ELF has a PVH entry point, which QEMU's
# -kernel boots directly; a kernel without one is kept compressed (slow under TCG, but it boots).
kernel_file=vmlinuz
xz_at="$(LC_ALL=C grep -obaP '\xfd7zXZ\x00' "$rootfs/boot/vmlinuz-$kver" | head -1 | cut -d: -f1 || true)"
# (No pipes into xz or grep -q here: pipefail would count the writer's SIGPIPE as a failure.)
if [ -n "$xz_at" ] && tail -c "+$((xz_at + 1))" "$rootfs/boot/vmlinuz-$kver" >"$work/vmlinux.xz" \
  && xz -dc --single-stream <"$work/vmlinux.xz" >"$work/vmlinux" 2>/dev/null \
  && readelf -n "$work/vmlinux" 2>/dev/null | grep -c 'Xen.*(0x00000012)' >/dev/null; then
  mv "$work/vmlinux" "$out.tmp/vmlinux"
  kernel_file=vmlinux
else
  say "no uncompressed PVH kernel could be made from vmlinuz-$kver: keeping it compressed (slow boots under TCG)"
  cp "$rootfs/boot/vmlinuz-$kver" "$out.tmp/vmlinuz"
fi

# 5. Kernel modules, as lists of .ko files in the order insmod takes them (dependencies first):
#    busybox's modprobe parses the whole modules.dep at every call, a few hundred ms under TCG.
#    The initramfs loads what reaches /dev/vda and fw_cfg; the machine's init loads the network
#    before sshd, 9p only when there are shared folders, the rest once sshd runs.
load_order() {
  local module line files i
  for module in "$@"; do
    line="$(grep -E "/$module\\.ko(\\.[a-z]+)?:" "$rootfs/lib/modules/$kver/modules.dep")" || die "module $module not found in $kver"
    read -r -a files <<<"$(echo "$line" | tr -d ':')"
    for ((i = ${#files[@]} - 1; i >= 0; i--)); do echo "/lib/modules/$kver/${files[i]}"; done
  done | awk '!seen[$0]++'
}
mkdir -p "$rootfs/lib/berth-init"
load_order virtio_net >"$rootfs/lib/berth-init/modules-network"
load_order 9pnet_virtio 9p >"$rootfs/lib/berth-init/modules-9p"
load_order evdev button overlay >"$rootfs/lib/berth-init/modules-later"

say "initramfs"
initramfs="$work/initramfs"
mkdir -p "$initramfs"/{bin,dev,etc,proc,sys,newroot}
cp /bin/busybox "$initramfs/bin/busybox"
install -m 755 "$recipe/initramfs/init" "$initramfs/init"
# ext4 asks for crc32c through the crypto API (a soft dependency modules.dep does not list).
load_order virtio_pci virtio_blk crc32c_generic ext4 qemu_fw_cfg >"$initramfs/etc/modules"
while read -r file; do
  mkdir -p "$initramfs$(dirname "$file")"
  cp "$rootfs$file" "$initramfs$file"
done <"$initramfs/etc/modules"
# Not compressed: the kernel would spend longer inflating it than reading it takes.
(cd "$initramfs" && find . | /bin/busybox cpio -o -H newc 2>/dev/null) >"$out.tmp/initrd.img"

# 6. Root disk: ext4 made from the directory (no loop mount), then a zstd-compressed qcow2.
say "root disk"
size_mib=$(($(du -sm "$rootfs" | cut -f1) + 768))
mkfs.ext4 -q -L berth-root -d "$rootfs" "$work/root.raw" "${size_mib}M" >&2
qemu-img convert -O qcow2 -c -o compression_type=zstd "$work/root.raw" "$out.tmp/root.qcow2"

cat >"$out.tmp/image.json" <<JSON
{
  "format": "berth-machine-image/1",
  "key": "$key",
  "arch": "x86_64",
  "kernelVersion": "$kver",
  "kernel": "$kernel_file",
  "initrd": "initrd.img",
  "disk": "root.qcow2",
  "diskFormat": "qcow2",
  "kernelCommandLine": "root=/dev/vda rw console=ttyS0 quiet panic=-1 cryptomgr.notests",
  "created": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
JSON
rm -rf "$out" && mv "$out.tmp" "$out"
ln -sfn "$key" "$cache/latest"
say "built $out in $((SECONDS - started)) s ($(du -sh "$out" | cut -f1))"
echo "$out"
