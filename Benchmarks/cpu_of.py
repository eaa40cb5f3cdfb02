#!/usr/bin/env python3
"""CPU time of one child process while it waits: `Benchmarks/run flags` runs each client with it.

    python3 Benchmarks/cpu_of.py LABEL -- COMMAND [ARG...]

Runs COMMAND (its output discarded), waits for it with os.wait4 and prints the child's own
resource usage, from getrusage, next to its wall time:

    cpu swift-sequential-BR wall=3.012 user=0.004 sys=0.008 cpu=0.012 cpu_per_wall_s=0.0040 exit=0

cpu_per_wall_s is CPU seconds per second of wall time: for a client that spends almost all of
its time waiting for a slow server, the CPU that waiting costs.
"""

import os
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    label, command = sys.argv[1], sys.argv[3:]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    print(
        f"cpu {label} wall={wall:.3f} user={usage.ru_utime:.3f} sys={usage.ru_stime:.3f} "
        f"cpu={cpu:.3f} cpu_per_wall_s={cpu / wall:.4f} exit={os.waitstatus_to_exitcode(status)}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
