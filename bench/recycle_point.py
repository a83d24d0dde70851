#!/usr/bin/env python3
"""bench/recycle_point.py: each PDF worker's memory at the same point of every recycle cycle.

Polls the service's /metrics on loopback (kansli_render_worker_documents, _memory_bytes and
kansli_render_documents_total) until interrupted, then prints key=value lines (cycle.*): for each
worker the memory the first time it is seen at or past `--at` of its cycle, in its first and in
its last cycle seen, and the growth of all workers together per 1000 documents of the service
between those points. Recycling can then neither hide growth (a fresh process) nor fake it (a
process sampled late in its cycle against one sampled early).

usage: recycle_point.py --port N --recycle-after R [--at 0.8] [--interval 0.05]
"""
import argparse
import re
import signal
import sys
import time
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--recycle-after", type=int, required=True)
parser.add_argument("--at", type=float, default=0.8)
parser.add_argument("--interval", type=float, default=0.05)
args = parser.parse_args()
point = int(args.recycle_after * args.at)

stop = False
def interrupted(*_):
    global stop
    stop = True
signal.signal(signal.SIGINT, interrupted)
signal.signal(signal.SIGTERM, interrupted)

last_docs = {}    # worker -> documents at the last poll
cycle = {}        # worker -> cycle number (counts replacements seen)
sampled = {}      # (worker, cycle) -> (memory KiB, service documents)
while not stop:
    try:
        text = urllib.request.urlopen(f"http://127.0.0.1:{args.port}/metrics", timeout=2).read().decode()
    except OSError:
        time.sleep(args.interval)
        continue
    docs = {w: int(v) for w, v in re.findall(r'kansli_render_worker_documents\{worker="(\d+)"\} (\d+)', text)}
    memory = {w: int(v) // 1024 for w, v in re.findall(r'kansli_render_worker_memory_bytes\{worker="(\d+)"\} (\d+)', text)}
    total = re.search(r"^kansli_render_documents_total (\d+)", text, re.M)
    total = int(total.group(1)) if total else 0
    for w, d in docs.items():
        if d < last_docs.get(w, 0):
            cycle[w] = cycle.get(w, 0) + 1  # a new process
        last_docs[w] = d
        key = (w, cycle.get(w, 0))
        if point <= d < args.recycle_after and key not in sampled and memory.get(w, 0) > 0:
            sampled[key] = (memory[w], total)
    time.sleep(args.interval)

growth = 0.0
span_docs = 0
for w in sorted(last_docs):
    cycles = sorted(c for (worker, c) in sampled if worker == w)
    if len(cycles) < 2:
        print(f"cycle.worker{w}=na (sampled in {len(cycles)} cycle(s))")
        continue
    (m0, d0), (m1, d1) = sampled[(w, cycles[0])], sampled[(w, cycles[-1])]
    print(f"cycle.worker{w}_kb={m0}->{m1} at {point} documents of cycles {cycles[0]} and {cycles[-1]}, "
          f"service documents {d0}->{d1}")
    if d1 > d0:
        growth += (m1 - m0) * 1000.0 / (d1 - d0)
        span_docs = max(span_docs, d1 - d0)
print(f"cycle.workers_growth_kb_per_1000={round(growth) if span_docs else 'na'}")
