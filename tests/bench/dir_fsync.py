#!/usr/bin/env python3
"""tests/bench/dir_fsync.py [DIR] - what the directory syncs of a writer's open and of a compaction
cost on this machine's file system (wall time; fsync waits for the disk, it uses little CPU).
Prints the median and the 90th percentile of 200 fsyncs of a directory in which nothing changed (what
opening an existing store pays), and of 100 fsyncs each after a new entry (a store created, a
compacted copy renamed into place). DIR (default: a new directory under $TMPDIR or /tmp) is where
the files are made; it is removed afterwards."""
import os
import shutil
import statistics
import sys
import tempfile
import time


def timed(fn):
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1e6


def main():
    base = tempfile.mkdtemp(prefix="dir-fsync.", dir=sys.argv[1] if len(sys.argv) > 1 else None)
    try:
        fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
        clean = [timed(lambda: os.fsync(fd)) for _ in range(200)]
        changed = []
        for i in range(100):
            with open(os.path.join(base, "f%d" % i), "w"):
                pass
            changed.append(timed(lambda: os.fsync(fd)))
        os.close(fd)
    finally:
        shutil.rmtree(base)
    for name, xs in (("nothing changed", clean), ("after a new entry", changed)):
        xs.sort()
        print("%-18s n=%3d median %7.1f us  p90 %7.1f us  min %7.1f us  max %8.1f us" % (
            name, len(xs), statistics.median(xs), xs[int(len(xs) * 0.9)], xs[0], xs[-1]))


if __name__ == "__main__":
    main()
