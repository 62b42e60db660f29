#!/usr/bin/env python3
"""Summarizes a dotnet-trace speedscope file (sampled thread time) of the web app under the HTTP bench.

    python3 bench/speedscope-summary.py FILE [TOP] [FILTER]

Prints the frames with the most inclusive and exclusive CPU time, and exclusive time by module;
with FILTER, only stacks that contain a frame with FILTER in its name.
Only on-CPU samples count (stacks ending in CPU_TIME); blocked time and native code are left out.
"""
import json
import sys
from collections import Counter

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
needle = sys.argv[3] if len(sys.argv) > 3 else None

with open(path) as f:
    doc = json.load(f)
frames = [fr["name"] for fr in doc["shared"]["frames"]]

inclusive = Counter()
exclusive = Counter()
total = 0.0


modules = Counter()


def is_work(stack_names):
    # Only samples where the thread was on the CPU in managed code (the sampled thread-time
    # profile ends each stack with CPU_TIME or UNMANAGED_CODE_TIME, the latter mostly waits).
    if not stack_names or stack_names[-1] != "CPU_TIME":
        return False
    return needle is None or any(needle in n for n in stack_names)


def count(names, span):
    global total
    total += span
    for n in set(names[:-1]):
        inclusive[n] += span
    leaf = names[-2] if len(names) > 1 else names[-1]
    exclusive[leaf] += span
    modules[leaf.split("!")[0]] += span


for profile in doc["profiles"]:
    if profile["type"] == "evented":
        stack = []
        last = profile["startValue"]
        for ev in profile["events"]:
            at = ev["at"]
            if stack and at > last:
                names = [frames[i] for i in stack]
                if is_work(names):
                    count(names, at - last)
            last = at
            if ev["type"] == "O":
                stack.append(ev["frame"])
            else:
                # Close events come in stack order.
                while stack:
                    if stack.pop() == ev["frame"]:
                        break
    else:
        for sample, weight in zip(profile["samples"], profile["weights"]):
            names = [frames[i] for i in sample]
            if not names or not is_work(names):
                continue
            count(names, weight)

print(f"total CPU time sampled: {total:,.0f} ms")
print("\n== by module (exclusive) ==")
for name, t in modules.most_common(25):
    print(f"{100 * t / total:6.2f}%  {name}")
print(f"\n== top {top} exclusive ==")
for name, t in exclusive.most_common(top):
    print(f"{100 * t / total:6.2f}%  {name[:160]}")
print(f"\n== top {top} inclusive (TrialOps/Npgsql/Marten/Wolverine/ASP.NET frames) ==")
shown = 0
for name, t in inclusive.most_common():
    if any(k in name for k in ("TrialOps", "Npgsql", "Marten", "Wolverine", "AspNetCore", "System.Text.Json", "Weasel", "JasperFx", "SHA")):
        print(f"{100 * t / total:6.2f}%  {name[:160]}")
        shown += 1
        if shown >= top:
            break
