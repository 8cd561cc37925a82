#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples: the hottest methods (self time) and the hottest subsystems.

usage: jfr_top.py RECORDING.jfr [TOP]

Reads `jfr print --json --events jdk.ExecutionSample` (the JDK's own jfr tool) and prints, per method, the share of
samples where it was on top of the stack (self), and per package prefix the share of samples that include it anywhere
on the stack (inclusive), which is how docs/BENCHMARKS.md attributes a service's CPU to Kafka, Lettuce, Netty,
protobuf or Switchboard's own code.
"""
import collections
import json
import re
import subprocess
import sys

GROUPS = [
    ("kafka client", "org.apache.kafka."),
    ("spring-kafka listener", "org.springframework.kafka."),
    ("lettuce (redis)", "io.lettuce."),
    ("netty", "io.netty."),
    ("protobuf", "com.google.protobuf."),
    ("micrometer", "io.micrometer."),
    ("switchboard", "dev.switchboard."),
]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    self_counts = collections.Counter()
    inclusive = collections.Counter()
    threads = collections.Counter()
    for event in events:
        frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
        if not frames:
            continue
        method = frames[0]["method"]
        self_counts[method["type"]["name"].replace("/", ".") + "." + method["name"]] += 1
        names = {f["method"]["type"]["name"].replace("/", ".") for f in frames}
        thread = (event["values"].get("sampledThread") or {}).get("javaName") or "?"
        threads[re.sub(r"[-#]?[0-9]+(-C-[0-9]+)?$", "", thread)] += 1
        for label, prefix in GROUPS:
            if any(n.startswith(prefix) for n in names):
                inclusive[label] += 1
    total = sum(self_counts.values()) or 1
    print(f"{total} samples")
    print("inclusive share by subsystem:")
    for label, count in inclusive.most_common():
        print(f"  {100.0 * count / total:5.1f}%  {label}")
    print("share by thread (numbered threads of a pool together):")
    for name, count in threads.most_common(12):
        print(f"  {100.0 * count / total:5.1f}%  {name}")
    print(f"top {top} methods by self samples:")
    for name, count in self_counts.most_common(top):
        print(f"  {100.0 * count / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
