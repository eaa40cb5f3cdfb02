#!/usr/bin/env python3
"""CPython's flag server for `Benchmarks/run server`: the standard library's file server.

    python3 Benchmarks/file_server.py --port P --root DIR

Serves DIR (which holds flags/<cc>/<cc>.gif, the same files as the Swift server's) on
127.0.0.1:P with `http.server.ThreadingHTTPServer` and `SimpleHTTPRequestHandler`, a thread per
connection, as the book's own flag server does. Two changes make the comparison fair to it:
HTTP/1.1, so that connections are kept alive (the handler speaks HTTP/1.0 by default, which
closes each connection after one answer), and no log line per request (on standard error, it
would cost more than the answer). Prints `serving port=P` once it listens; stops on SIGTERM or
SIGINT.
"""

import argparse
import functools
import http.server
import signal
import sys


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler over HTTP/1.1, logging nothing."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--root", required=True)
    options = parser.parse_args()
    handler = functools.partial(QuietHandler, directory=options.root)
    http.server.ThreadingHTTPServer.request_queue_size = 1024
    server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"serving port={server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
