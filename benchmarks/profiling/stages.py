#!/usr/bin/env python3
"""Per-stage CPU breakdown of the core under order load, from `perf script` output (stdin).

Each sample is attributed to one stage of an order's path by the frames on its stack: the thread-pool's own
spinning, fdatasync, the projector, the journal writer and the engine thread wherever they occur on the stack (they
run under timers and pool dispatch), then the stage of the frame closest to the thread's root (a continuation resumed from the engine's reply is "reply out", the synchronous part of a request is "request
in"). Used by profile-orders.sh; docs/benchmarks.md quotes its output.
"""
import re
import sys
from collections import Counter

ANYWHERE = [
    ("thread-pool spin/park", ["LowLevelLifoSemaphore", "PortableThreadPool+WorkerThread"]),
    ("journal: fdatasync", ["fdatasync"]),
    ("projector: SQLite (native)", ["libe_sqlite3"]),
    ("projector: managed", ["Journal.Projector"]),
    ("journal thread: rows, wire events, encode, append, release", ["JournalWriter+<RunAsync>", "JournalWriter::"]),
    ("engine thread", ["TradingEngine::Run()", "TradingEngine::RunCommand"]),
]
# Checked from the thread's root towards the leaf: the first frame that matches decides.
FROM_ROOT = [
    ("reply out: service continuation, mapping, gRPC encode, HTTP/2 write",
     ["OrdersService", "OrderCommands", "ExceptionInterceptor", "TradingEngine+<EnqueueAsync>"]),
    ("request in: Kestrel, HTTP/2, middleware, auth, gRPC decode, validation, enqueue",
     ["Kestrel", "Grpc.AspNetCore", "System.IO.Pipelines", "Microsoft.AspNetCore"]),
    ("sockets", ["System.Net.Sockets", "SocketAsyncEngine"]),
    ("metrics", ["OpenTelemetry", "TradingCoreMetrics"]),
    ("timers", ["TimerQueue"]),
]
LEAF_ONLY = [
    ("file i/o below native code (SQLite pages; the journal's one append per batch)", ["pwrite", "pread", "fsync"]),
    ("sockets", ["__send", "__recv", "tcp_", "sock_"]),
    ("thread wake/park (futex, scheduler)", ["futex", "pthread_cond", "finish_task_switch", "schedule"]),
]


def stage(thread, frames):
    if "GC" in thread:
        return "GC threads"
    if "Tiered" in thread:
        return "JIT"
    text = "\n".join(frames)
    for name, keys in ANYWHERE:
        if any(key in text for key in keys):
            return name
    for frame in reversed(frames):
        for name, keys in FROM_ROOT:
            if any(key in frame for key in keys):
                return name
    for name, keys in LEAF_ONLY:
        if any(key in text for key in keys):
            return name
    return "other"


def main():
    counts = Counter()
    frames, thread = [], ""
    for line in sys.stdin:
        if not line.strip():
            if frames:
                counts[stage(thread, frames)] += 1
            frames = []
        elif line.startswith((" ", "\t")):
            frames.append(line.strip())
        else:
            match = re.match(r"^(.*?)\s+\d+(/\d+)?\s", line)
            thread = match.group(1) if match else line
    if frames:
        counts[stage(thread, frames)] += 1
    total = sum(counts.values())
    cpu = float(sys.argv[1]) if len(sys.argv) > 1 else None
    print(f"{total} samples" + (f"; {cpu:.0f} µs of server CPU per order" if cpu else ""))
    for name, count in counts.most_common():
        share = count / total
        print(f"{100 * share:5.1f}%" + (f"  {share * cpu:6.1f} µs" if cpu else "") + f"  {name}")


if __name__ == "__main__":
    main()
