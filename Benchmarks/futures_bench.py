#!/usr/bin/env python3
"""CPython's side of `lessons-bench futures`: ThreadPoolExecutor throughput with no-op tasks.

    python3 Benchmarks/futures_bench.py [--tasks N] [--workers W] [--repeat R]

Prints the same machine-readable lines as the Swift benchmark, with the same policy: each
pattern is warmed up once, then timed R times on a fresh executor (threads start on demand,
inside the timing); tasks_per_s is the best run, median_tasks_per_s the median. Timing stops
when the last result has been taken; shutting the pool down is outside it.
"""

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def one():
    return 1


def identity_one(_):
    return 1


def submit_result(executor, count):
    futures = [executor.submit(one) for _ in range(count)]
    return sum(future.result() for future in futures)


def map_pattern(executor, count):
    return sum(executor.map(identity_one, range(count)))


def as_completed_pattern(executor, count):
    futures = [executor.submit(one) for _ in range(count)]
    return sum(future.result() for future in as_completed(futures))


PATTERNS = [
    ("submit+result", submit_result),
    ("map", map_pattern),
    ("as_completed", as_completed_pattern),
]


def measure(body, tasks, workers):
    executor = ThreadPoolExecutor(max_workers=workers)
    try:
        start = time.perf_counter()
        total = body(executor, tasks)
        elapsed = time.perf_counter() - start
    finally:
        executor.shutdown(wait=True)
    if total != tasks:
        raise SystemExit(f"futures_bench.py: results add up to {total}, not {tasks}")
    return elapsed


def positive(text):
    value = int(text.replace("_", ""))
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, not {text!r}")
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=positive, default=100_000)
    parser.add_argument("--workers", type=positive, default=4)
    parser.add_argument("--repeat", type=positive, default=5)
    options = parser.parse_args()
    for name, body in PATTERNS:
        measure(body, options.tasks, options.workers)  # warm-up
        rates = sorted(
            options.tasks / measure(body, options.tasks, options.workers)
            for _ in range(options.repeat)
        )
        print(
            f"{name} tasks_per_s={int(rates[-1])} "
            f"median_tasks_per_s={int(rates[len(rates) // 2])} "
            f"tasks={options.tasks} workers={options.workers} runs={options.repeat}",
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())
