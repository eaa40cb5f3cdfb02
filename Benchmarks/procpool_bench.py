#!/usr/bin/env python3
"""CPython's side of `lessons-bench procpool`: ProcessPoolExecutor round trip and CPU speed-up.

    python3 Benchmarks/procpool_bench.py [--roundtrips N] [--jobs J] [--bytes B] [--repeat R]

Prints the same machine-readable lines as the Swift benchmark, with the same policy:
- roundtrip: `executor.submit(identity, n).result()` one job at a time on a warm pool of two
  workers; best of R runs after a warm-up, in microseconds per job.
- cpu-threads, cpu-processes: J SHA-256 digests of B bytes each (byte i is (i*31+seed) mod
  256, as in Swift) on a warm pool of one worker and of two, best of R each; the speed-up is
  one over two. The kernel is SHA-256 written in Python (checked against hashlib first), as
  the Swift side runs its own: hashlib's C code would release the GIL and measure OpenSSL.
"""

import argparse
import hashlib
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

K = [
    0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4,
    0xAB1C5ED5, 0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE,
    0x9BDC06A7, 0xC19BF174, 0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F,
    0x4A7484AA, 0x5CB0A9DC, 0x76F988DA, 0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7,
    0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967, 0x27B70A85, 0x2E1B2138, 0x4D2C6DFC,
    0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85, 0xA2BFE8A1, 0xA81A664B,
    0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070, 0x19A4C116,
    0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
    0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7,
    0xC67178F2,
]
MASK = 0xFFFFFFFF


def sha256_hex(data):
    """SHA-256 (FIPS 180-4) in plain Python."""
    h = [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
         0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19]
    length = len(data)
    message = bytes(data) + b"\x80" + b"\x00" * ((55 - length) % 64) + (length * 8).to_bytes(8, "big")
    for offset in range(0, len(message), 64):
        w = list(int.from_bytes(message[offset + i:offset + i + 4], "big") for i in range(0, 64, 4))
        for t in range(16, 64):
            x, y = w[t - 15], w[t - 2]
            s0 = ((x >> 7 | x << 25) ^ (x >> 18 | x << 14) ^ (x >> 3)) & MASK
            s1 = ((y >> 17 | y << 15) ^ (y >> 19 | y << 13) ^ (y >> 10)) & MASK
            w.append((w[t - 16] + s0 + w[t - 7] + s1) & MASK)
        a, b, c, d, e, f, g, hh = h
        for t in range(64):
            s1 = ((e >> 6 | e << 26) ^ (e >> 11 | e << 21) ^ (e >> 25 | e << 7)) & MASK
            ch = (e & f) ^ (~e & g)
            t1 = (hh + s1 + ch + K[t] + w[t]) & MASK
            s0 = ((a >> 2 | a << 30) ^ (a >> 13 | a << 19) ^ (a >> 22 | a << 10)) & MASK
            t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) & MASK
            hh, g, f, e, d, c, b, a = g, f, e, (d + t1) & MASK, c, b, a, (t1 + t2) & MASK
        h = [(x + y) & MASK for x, y in zip(h, (a, b, c, d, e, f, g, hh))]
    return "".join(f"{x:08x}" for x in h)


def job_bytes(seed, size):
    pattern = bytes((i * 31 + seed) & 0xFF for i in range(256))
    return (pattern * (size // 256 + 1))[:size]


def digest(job):
    seed, size = job
    return sha256_hex(job_bytes(seed, size))


def identity(n):
    return n


def round_trip(count, repeat):
    with ProcessPoolExecutor(max_workers=2) as executor:
        def once():
            start = time.perf_counter()
            total = sum(executor.submit(identity, n).result() for n in range(count))
            elapsed = time.perf_counter() - start
            if total != count * (count - 1) // 2:
                raise SystemExit("procpool_bench.py: wrong round-trip sum")
            return elapsed / count * 1e6
        once()
        times = sorted(once() for _ in range(repeat))
    print(f"roundtrip us_per_job={times[0]:.2f} median_us_per_job={times[len(times) // 2]:.2f} "
          f"jobs={count} runs={repeat}", flush=True)


def cpu_bound(kind, work, expected, repeat):
    """Best times on a warm pool of one worker and of two, taking turns as the Swift side."""
    pool = ThreadPoolExecutor if kind == "threads" else ProcessPoolExecutor
    with pool(max_workers=1) as one, pool(max_workers=2) as two:
        def once(executor):
            start = time.perf_counter()
            digests = list(executor.map(digest, work))
            elapsed = time.perf_counter() - start
            if digests != expected:
                raise SystemExit(f"procpool_bench.py: {kind} computed other digests")
            return elapsed
        once(one)
        once(two)
        best = [float("inf"), float("inf")]
        for _ in range(repeat):
            best[0] = min(best[0], once(one))
            best[1] = min(best[1], once(two))
    return best


def positive(text):
    value = int(text.replace("_", ""))
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, not {text!r}")
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roundtrips", type=positive, default=5_000)
    parser.add_argument("--jobs", type=positive, default=16)
    parser.add_argument("--bytes", type=positive, default=64 * 1024)
    parser.add_argument("--repeat", type=positive, default=3)
    options = parser.parse_args()
    for data in (b"", b"abc", job_bytes(3, 1000)):
        if sha256_hex(data) != hashlib.sha256(data).hexdigest():
            raise SystemExit("procpool_bench.py: the Python SHA-256 disagrees with hashlib")
    round_trip(options.roundtrips, options.repeat)
    work = [(seed, options.bytes) for seed in range(options.jobs)]
    expected = [hashlib.sha256(job_bytes(seed, size)).hexdigest() for seed, size in work]
    for kind in ("threads", "processes"):
        one, two = cpu_bound(kind, work, expected, options.repeat)
        print(f"cpu-{kind} speedup={one / two:.2f} one={one:.3f}s two={two:.3f}s "
              f"jobs={options.jobs} bytes={options.bytes}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
