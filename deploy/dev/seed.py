#!/usr/bin/python3
"""Seeds the launcher's cloud with what users and test suites expect to find, idempotently:

* the usual flavors m1.tiny (1) .. m1.xlarge (5), and m1.nano (42) and m1.micro (84) for Tempest;
* a small public test image (raw, a few KiB; the fake virt driver boots anything);
* with --guest-image, the tiny bootable test guest (deploy/dev/guest.sh) as the public qcow2 image
  jstack-test-guest, which the libvirt driver boots (replaced when the file changes).

Run with Debian's openstacksdk: /usr/bin/python3 seed.py --cloud local-admin [--out seed.env]
The image ids are written to the --out file (JSTACK_TEST_IMAGE_ID=..., JSTACK_GUEST_IMAGE_ID=...).
"""
import argparse
import hashlib
import sys
import time

import openstack

# id, name, RAM MB, disk GB, vCPUs
FLAVORS = [
    ("1", "m1.tiny", 512, 1, 1),
    ("2", "m1.small", 2048, 20, 1),
    ("3", "m1.medium", 4096, 40, 2),
    ("4", "m1.large", 8192, 80, 4),
    ("5", "m1.xlarge", 16384, 160, 8),
    ("42", "m1.nano", 128, 1, 1),
    ("84", "m1.micro", 192, 1, 1),
]
IMAGE_NAME = "jstack-test-image"
GUEST_IMAGE_NAME = "jstack-test-guest"


def ensure_flavors(conn):
    existing = {f.id: f for f in conn.compute.flavors(is_public=None)}
    names = {f.name for f in existing.values()}
    for flavor_id, name, ram, disk, vcpus in FLAVORS:
        if flavor_id in existing or name in names:
            continue
        conn.compute.create_flavor(id=flavor_id, name=name, ram=ram, disk=disk, vcpus=vcpus, is_public=True)
        print(f"created flavor {name} ({flavor_id})")


def ensure_image(conn):
    image = conn.image.find_image(IMAGE_NAME)
    if image is not None and image.status == "active":
        return image.id
    if image is not None:
        # an earlier upload did not finish: start again
        conn.image.delete_image(image, ignore_missing=True)
    # a tiny raw disk: a boot sector signature is enough for the fake driver and for format checks
    data = bytearray(64 * 1024)
    data[510:512] = b"\x55\xaa"
    image = conn.image.create_image(name=IMAGE_NAME, data=bytes(data), disk_format="raw",
                                    container_format="bare", visibility="public", allow_duplicates=True)
    for _ in range(60):
        image = conn.image.get_image(image.id)
        if image.status == "active":
            print(f"created image {IMAGE_NAME} ({image.id})")
            return image.id
        time.sleep(1)
    raise SystemExit(f"image {image.id} did not become active (status {image.status})")


def wait_active(conn, image):
    for _ in range(120):
        image = conn.image.get_image(image.id)
        if image.status == "active":
            return image
        time.sleep(1)
    raise SystemExit(f"image {image.id} did not become active (status {image.status})")


def ensure_guest_image(conn, path):
    with open(path, "rb") as f:
        data = f.read()
    checksum = hashlib.md5(data).hexdigest()
    image = conn.image.find_image(GUEST_IMAGE_NAME)
    if image is not None and image.status == "active" and image.checksum == checksum:
        return image.id
    if image is not None:
        # an older build of the guest, or an upload that did not finish
        conn.image.delete_image(image, ignore_missing=True)
    image = conn.image.create_image(name=GUEST_IMAGE_NAME, data=data, disk_format="qcow2", container_format="bare",
                                    visibility="public", allow_duplicates=True, min_ram=96)
    image = wait_active(conn, image)
    print(f"created image {GUEST_IMAGE_NAME} ({image.id})")
    return image.id


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cloud", required=True, help="an admin cloud of clouds.yaml")
    parser.add_argument("--out", help="where to write JSTACK_TEST_IMAGE_ID=<id> (and JSTACK_GUEST_IMAGE_ID=<id>)")
    parser.add_argument("--guest-image", help="the bootable test guest's qcow2 disk, uploaded as jstack-test-guest")
    args = parser.parse_args()
    conn = openstack.connect(cloud=args.cloud)
    ensure_flavors(conn)
    image_id = ensure_image(conn)
    guest_id = ensure_guest_image(conn, args.guest_image) if args.guest_image else None
    if args.out:
        with open(args.out, "w") as out:
            out.write(f"JSTACK_TEST_IMAGE_ID={image_id}\n")
            if guest_id:
                out.write(f"JSTACK_GUEST_IMAGE_ID={guest_id}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
