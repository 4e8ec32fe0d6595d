#!/usr/bin/env bash
# Builds the tiny test guest from Debian packages, once: a self-booting qcow2 disk (FAT + syslinux, a Debian
# kernel and a busybox initramfs, about 10 MB) that boots like a cloud image under qemu, plus its kernel and
# initramfs on their own. Nothing is downloaded but Debian packages.
#
# On its serial console the guest prints, in this order:
#   GUEST-BOOTED hostname=<name> serial=<SMBIOS serial, the instance UUID>
#   CONFIG-DRIVE meta_data.json <the config drive's openstack/latest/meta_data.json on one line>  (when one is attached)
#   CONFIG-DRIVE user_data <the user data on one line>                                             (when given)
#   BLOCK-DEVICES vda vdb ...    (again whenever the set of disks changes)
# and it powers off when the ACPI power button is pressed (a clean shutdown, and a soft reboot, under libvirt).
#
#   deploy/dev/guest.sh OUT_DIR     writes OUT_DIR/disk.qcow2, OUT_DIR/vmlinuz, OUT_DIR/initrd.gz
set -euo pipefail
out="${1:?usage: guest.sh OUT_DIR}"
# bump when the guest changes, so cached copies are rebuilt
GUEST_VERSION=4
[ -f "$out/disk.qcow2" ] && [ "$(cat "$out/version" 2>/dev/null)" = "$GUEST_VERSION" ] && exit 0

for tool in busybox mkfs.vfat syslinux mcopy qemu-img; do
  command -v "$tool" >/dev/null || { echo "guest.sh: $tool is missing" >&2; exit 1; }
done
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# the kernel package of the running Debian release, unpacked (not installed: its hooks would build an initramfs)
kpkg="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}')"
[ -n "$kpkg" ] || { echo "guest.sh: no linux-image package found (apt-get update?)" >&2; exit 1; }
(cd "$work" && apt-get download -q "$kpkg" >/dev/null)
mkdir "$work/kernel"
dpkg-deb --fsys-tarfile "$work"/"$kpkg"_*.deb | tar -x -C "$work/kernel" --wildcards './boot/vmlinuz-*' \
  './lib/modules/*/kernel/drivers/*' './lib/modules/*/kernel/fs/*' './lib/modules/*/kernel/lib/*' \
  './lib/modules/*/kernel/crypto/*' './lib/modules/*/kernel/net/core/*' 2>/dev/null || true
cp "$work"/kernel/boot/vmlinuz-* "$work/vmlinuz"

# the initramfs: static busybox, the few modules a virtio guest needs, and /init
root="$work/root"
mkdir -p "$root"/{bin,dev,proc,sys,mnt,modules,etc}
cp /bin/busybox "$root/bin/busybox"
# in load order: virtio disks and network, ISO9660 (config drive), the ACPI power button
for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk cdrom isofs \
         button evdev failover net_failover virtio_net; do
  f="$(find "$work/kernel/lib/modules" -name "$m.ko*" | head -1)"
  [ -n "$f" ] || continue
  case "$f" in
    *.xz) xz -dc "$f" >"$root/modules/$m.ko" ;;
    *.zst) zstd -qdc "$f" >"$root/modules/$m.ko" ;;
    *) cp "$f" "$root/modules/$m.ko" ;;
  esac
  echo "$m" >>"$root/modules/order"
done
cat >"$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
for m in $(cat /modules/order); do insmod /modules/$m.ko 2>/dev/null; done
# disks appear shortly after virtio_blk loads
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -b /dev/vda ] && break; sleep 0.5; done
sleep 0.5
serial="$(cat /sys/class/dmi/id/product_serial 2>/dev/null)"
name="$(sed -n 's/.*hostname=\([^ ]*\).*/\1/p' /proc/cmdline)"
drive="$(findfs LABEL=config-2 2>/dev/null)"
if [ -n "$drive" ] && mount -t iso9660 -o ro "$drive" /mnt 2>/dev/null; then
  meta="$(tr -d '\n' </mnt/openstack/latest/meta_data.json 2>/dev/null)"
  h="$(echo "$meta" | sed -n 's/.*"hostname" *: *"\([^"]*\)".*/\1/p')"
  [ -n "$h" ] && name="$h"
fi
[ -n "$name" ] || name=guest
hostname "$name"
echo "GUEST-BOOTED hostname=$name serial=$serial"
if [ -n "$drive" ]; then
  echo "CONFIG-DRIVE meta_data.json $meta"
  [ -f /mnt/openstack/latest/user_data ] && echo "CONFIG-DRIVE user_data $(tr '\n' ' ' </mnt/openstack/latest/user_data)"
fi
# the ACPI power button (an input device named "Power Button"): any event from it powers the guest off
for ev in /sys/class/input/event*; do
  if grep -q "Power Button" "$ev/device/name" 2>/dev/null; then
    # one input event is 24 bytes; evdev refuses shorter reads
    (dd if="/dev/input/$(basename "$ev")" of=/dev/null bs=24 count=1 2>/dev/null; echo "GUEST-POWEROFF acpi"; sync; poweroff -f) &
  fi
done
last=""
while true; do
  now="$(cd /sys/block && ls -d vd* sd* sr* 2>/dev/null | tr '\n' ' ')"
  if [ "$now" != "$last" ]; then echo "BLOCK-DEVICES $now"; last="$now"; fi
  sleep 1
done
INIT
chmod +x "$root/init"
(cd "$root" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -9) >"$work/initrd.gz"

# the self-booting disk: one FAT file system with syslinux in its boot sector (a BIOS boots it like a hard disk)
size_kb=$(( ( $(stat -c %s "$work/vmlinuz") + $(stat -c %s "$work/initrd.gz") ) / 1024 + 2048 ))
truncate -s "${size_kb}K" "$work/disk.raw"
mkfs.vfat -n JSTACKGUEST "$work/disk.raw" >/dev/null
cat >"$work/syslinux.cfg" <<'CFG'
DEFAULT guest
PROMPT 0
TIMEOUT 0
SERIAL 0 115200
LABEL guest
  KERNEL vmlinuz
  INITRD initrd.gz
  APPEND console=ttyS0,115200 quiet panic=-1
CFG
mcopy -i "$work/disk.raw" "$work/vmlinuz" "$work/initrd.gz" "$work/syslinux.cfg" ::/
syslinux --install "$work/disk.raw"
qemu-img convert -c -O qcow2 "$work/disk.raw" "$work/disk.qcow2"

cp "$work/vmlinuz" "$work/initrd.gz" "$work/disk.qcow2" "$out/"
echo "$GUEST_VERSION" >"$out/version"
echo "guest.sh: built $out/disk.qcow2 ($(du -k "$out/disk.qcow2" | cut -f1) KiB) from $kpkg"
