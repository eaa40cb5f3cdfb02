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

With --floor it measures instead what the server and the machine allow for one round: all 676
requests at once, each on a fresh connection, from one thread with a selector, reading each
answer to its end and saving nothing; the best of --repeat runs:

    python-raw-floor flags_per_s=5281.3 elapsed=0.128 ok=194 not_found=482 errors=0
"""

import argparse
import asyncio
import os
import selectors
import socket
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


def raw_floor(base_url):
    """One round: every request at once on its own connection, answers read to their end."""
    host_port = base_url.split("://", 1)[1].split("/", 1)[0]
    host, port = host_port.rsplit(":", 1)
    prefix = base_url.split(host_port, 1)[1]
    selector = selectors.DefaultSelector()
    pending = {}
    for cc in CODES:
        sock = socket.socket()
        sock.setblocking(False)
        try:
            sock.connect((host, int(port)))
        except BlockingIOError:
            pass
        request = f"GET {prefix}/{cc.lower()}/{cc.lower()}.gif HTTP/1.1\r\nHost: {host_port}\r\n\r\n"
        pending[sock] = [request.encode(), b""]
        selector.register(sock, selectors.EVENT_WRITE)
    counter = Counter()
    while pending:
        for key, events in selector.select():
            sock = key.fileobj
            state = pending[sock]
            if events & selectors.EVENT_WRITE:
                sock.send(state[0])
                selector.modify(sock, selectors.EVENT_READ)
                continue
            chunk = sock.recv(65536)
            state[1] += chunk
            head, _, body = state[1].partition(b"\r\n\r\n")
            length = None
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if chunk and (length is None or len(body) < length):
                continue
            status = int(head.split(b" ")[1]) if head else 0
            counter["ok" if status == 200 else "not_found" if status == 404 else "errors"] += 1
            selector.unregister(sock)
            sock.close()
            del pending[sock]
    return counter


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
    parser.add_argument("--floor", action="store_true", help="one round of raw requests")
    args = parser.parse_args()
    dest = args.dest or tempfile.mkdtemp(prefix="flags-bench-py-")
    os.makedirs(dest, exist_ok=True)
    base = args.url.rstrip("/")
    if args.floor:
        measure("python-raw-floor", lambda: raw_floor(base), args.repeat)
        return 0

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
