#!/usr/bin/env python3
"""CPython's side of `Benchmarks/run flags`: the book's flags2 programs against a flag server.

    python3 Benchmarks/flags_bench.py --url http://127.0.0.1:8001/flags [--workers 30]
                                      [--repeat 3] [--dest DIR]

Downloads every code AA..ZZ (676 requests, 194 flags) as `flags2_threadpool.py -e` does: a
ThreadPoolExecutor of --workers threads, `submit` + `as_completed`, one HTTP request per flag
(no connection reuse, as the book's `requests.get`), 404 counted as not found, each flag saved
in --dest. It measures urllib, then `requests` and `aiohttp` (asyncio, a semaphore of
--workers) when they are installed, and prints one line per client:

    python-threadpool-urllib flags_per_s=412.3 elapsed=1.640 ok=194 not_found=482 errors=0

flags_per_s is codes handled per second in the best of --repeat runs (after a warm-up run).
"""

import argparse
import asyncio
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent import futures

CODES = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]


def save_flag(dest, image, filename):
    path = os.path.join(dest, filename)
    temporary = path + ".tmp"
    with open(temporary, "wb") as fp:
        fp.write(image)
    os.replace(temporary, path)


def get_urllib(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def make_get_requests():
    import requests  # noqa: F401 (optional)

    def get(url):
        response = requests.get(url, timeout=10)
        return response.status_code, response.content

    return get


def download_one(get, base_url, dest, cc):
    status, image = get(f"{base_url}/{cc.lower()}/{cc.lower()}.gif")
    if status == 404:
        return "not_found"
    if status != 200:
        raise RuntimeError(f"HTTP error {status}")
    save_flag(dest, image, cc.lower() + ".gif")
    return "ok"


def threadpool_download_many(get, base_url, dest, workers):
    counter = Counter()
    with futures.ThreadPoolExecutor(max_workers=workers) as executor:
        to_do = [executor.submit(download_one, get, base_url, dest, cc) for cc in sorted(CODES)]
        for future in futures.as_completed(to_do):
            try:
                counter[future.result()] += 1
            except Exception:
                counter["errors"] += 1
    return counter


def asyncio_download_many(base_url, dest, workers):
    import aiohttp  # optional

    async def one(session, semaphore, cc):
        async with semaphore:
            async with session.get(f"{base_url}/{cc.lower()}/{cc.lower()}.gif") as response:
                if response.status == 404:
                    return "not_found"
                if response.status != 200:
                    raise RuntimeError(f"HTTP error {response.status}")
                image = await response.read()
        save_flag(dest, image, cc.lower() + ".gif")
        return "ok"

    async def supervisor():
        counter = Counter()
        semaphore = asyncio.Semaphore(workers)
        async with aiohttp.ClientSession() as session:
            to_do = [one(session, semaphore, cc) for cc in sorted(CODES)]
            for coro in asyncio.as_completed(to_do):
                try:
                    counter[await coro] += 1
                except Exception:
                    counter["errors"] += 1
        return counter

    return asyncio.run(supervisor())


def measure(name, run, repeat):
    run()  # warm-up
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        counter = run()
        elapsed = time.perf_counter() - start
        if best is None or elapsed < best[0]:
            best = (elapsed, counter)
    elapsed, counter = best
    print(
        f"{name} flags_per_s={len(CODES) / elapsed:.1f} elapsed={elapsed:.3f} "
        f"ok={counter['ok']} not_found={counter['not_found']} errors={counter['errors']}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="base URL, e.g. http://127.0.0.1:8001/flags")
    parser.add_argument("--workers", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dest", default=None)
    args = parser.parse_args()
    dest = args.dest or tempfile.mkdtemp(prefix="flags-bench-py-")
    os.makedirs(dest, exist_ok=True)
    base = args.url.rstrip("/")

    measure(
        "python-threadpool-urllib",
        lambda: threadpool_download_many(get_urllib, base, dest, args.workers),
        args.repeat,
    )
    try:
        get_requests = make_get_requests()
    except ImportError:
        print("python-threadpool-requests unavailable (requests is not installed)", flush=True)
    else:
        measure(
            "python-threadpool-requests",
            lambda: threadpool_download_many(get_requests, base, dest, args.workers),
            args.repeat,
        )
    try:
        import aiohttp  # noqa: F401
    except ImportError:
        print("python-asyncio-aiohttp unavailable (aiohttp is not installed)", flush=True)
    else:
        measure(
            "python-asyncio-aiohttp",
            lambda: asyncio_download_many(base, dest, args.workers),
            args.repeat,
        )


if __name__ == "__main__":
    sys.exit(main())
