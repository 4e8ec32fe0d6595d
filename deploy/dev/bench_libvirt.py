#!/usr/bin/python3
"""API-to-guest-marker time of a real guest next to a bare `virsh start` of the same guest.

Each round boots the test guest through the compute API (openstacksdk, config drive, no network) and times from
the create call to the guest's GUEST-BOOTED line in its console log; then it starts the very domain the driver
defined (same XML, same base image, same config drive) under a new name with plain `virsh define` + `virsh start`
and times from the start call to the same line. The two never run at once. Prints each round, the medians and the
ratio (API / bare): what the control plane adds to a boot.

Run by deploy/dev/bench.sh libvirt (which starts a cloud instance with the libvirt driver for it).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import openstack

MARKER = "GUEST-BOOTED"
VIRSH = ["virsh", "-q", "-c", "qemu:///system"]


def wait_marker(path, started, timeout=300):
    while time.monotonic() - started < timeout:
        try:
            with open(path, errors="replace") as f:
                if MARKER in f.read():
                    return time.monotonic() - started
        except FileNotFoundError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"no {MARKER} in {path} within {timeout} s")


def api_round(conn, args, n):
    t0 = time.monotonic()
    server = conn.compute.create_server(name=f"bench-libvirt-{n}", image_id=args.image, flavor_id=args.flavor,
                                        networks="none", config_drive=True)
    seconds = wait_marker(os.path.join(args.instances, server.id, "console.log"), t0)
    conn.compute.wait_for_server(server, status="ACTIVE", wait=120)
    xml = subprocess.run(VIRSH + ["dumpxml", f"instance-{server.id}"], check=True, capture_output=True,
                         text=True).stdout
    keep = tempfile.mkdtemp(prefix="bench-libvirt-")
    shutil.copy(os.path.join(args.instances, server.id, "disk.config"), keep)
    backing = subprocess.run(["qemu-img", "info", "-U", "--output=json",
                              os.path.join(args.instances, server.id, "disk")], check=True, capture_output=True,
                             text=True).stdout
    base = re.search(r'"backing-filename": "([^"]+)"', backing).group(1)
    conn.compute.delete_server(server)
    conn.compute.wait_for_delete(server, wait=120)
    return seconds, xml, server.id, keep, base


def bare_round(xml, server_id, instances, keep, base):
    new_id = str(uuid.uuid4())
    name = f"bench-bare-{new_id[:8]}"
    disk = os.path.join(keep, "disk")
    console = os.path.join(keep, "console.log")
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", base, disk, "1G"], check=True)
    old_dir = os.path.join(instances, server_id)
    # the instance's directory first (its path holds the old id), then the domain's name and UUID
    xml = xml.replace(old_dir, keep).replace(f"instance-{server_id}", name).replace(server_id, new_id)
    xml_file = os.path.join(keep, "domain.xml")
    with open(xml_file, "w") as f:
        f.write(xml)
    subprocess.run(VIRSH + ["define", xml_file], check=True, capture_output=True)
    try:
        t0 = time.monotonic()
        started = subprocess.run(VIRSH + ["start", name], capture_output=True, text=True)
        if started.returncode != 0:
            raise SystemExit(f"virsh start {name} failed: {started.stderr.strip()}")
        return wait_marker(console, t0)
    finally:
        subprocess.run(VIRSH + ["destroy", name], capture_output=True)
        subprocess.run(VIRSH + ["undefine", name], capture_output=True)
        shutil.rmtree(keep, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cloud", required=True)
    parser.add_argument("--image", required=True, help="the test guest's image id")
    parser.add_argument("--flavor", default="42", help="flavor id (default m1.nano)")
    parser.add_argument("--instances", required=True, help="the libvirt driver's instances path")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    conn = openstack.connect(cloud=args.cloud)
    api, bare = [], []
    for n in range(1, args.rounds + 1):
        seconds, xml, server_id, keep, base = api_round(conn, args, n)
        api.append(seconds)
        bare.append(bare_round(xml, server_id, args.instances, keep, base))
        print(f"round {n}: API create -> marker {api[-1]:.2f} s, virsh start -> marker {bare[-1]:.2f} s",
              flush=True)
    a, b = statistics.median(api), statistics.median(bare)
    print(f"libvirt boot, median of {args.rounds}: API {a:.2f} s, bare virsh start {b:.2f} s, ratio {a / b:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
