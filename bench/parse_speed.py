#!/usr/bin/env python3
"""Parser speed: `pyxc parse` against CPython's own `ast.parse`, on the same files, in one run.

The files are every `.py` file of the installed CPython standard library (its `test` package
included, site-packages excluded) that CPython's `compile()` accepts: about 31 MB.

* CPython: the files are read into memory first; only `ast.parse` calls are timed (one thread).
* pyxc: one `pyxc parse -j N` process over all the files, timed from start to exit (it reads
  the files itself; they are in the OS cache by then). `-j 1` is measured too, for a per-core
  figure.

Each measurement is repeated (`--repeat`, default 3) and the best run is reported.

Usage: python3 bench/parse_speed.py [--pyxc target/release/pyxc] [-j N] [--repeat R]
Build the binary first with `cargo build --release`.
"""

import argparse
import ast
import os
import statistics
import subprocess
import sys
import sysconfig
import time
import warnings


def stdlib_files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames if d not in ("site-packages", "dist-packages", "__pycache__")
        )
        out.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return out


def accepted_sources(files):
    """(path, bytes) of every file compile() accepts."""
    good = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files:
            with open(path, "rb") as f:
                src = f.read()
            try:
                compile(src, path, "exec", dont_inherit=True)
            except (SyntaxError, ValueError):
                continue
            good.append((path, src))
    return good


def time_cpython(sources):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        for path, src in sources:
            ast.parse(src, path)
        return time.perf_counter() - start


def time_pyxc(binary, paths, jobs):
    start = time.perf_counter()
    r = subprocess.run(
        [binary, "parse", "-j", str(jobs), *paths],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    took = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"pyxc parse failed (status {r.returncode}):\n{r.stderr.decode(errors='replace')[:3000]}")
    return took


def best(times):
    return min(times), statistics.median(times)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pyxc", default=os.path.join(here, "..", "target", "release", "pyxc"),
                    help="the pyxc binary (default: target/release/pyxc)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="pyxc worker threads (default: the number of cores)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement (best is shown)")
    ap.add_argument("--stdlib", default=sysconfig.get_paths()["stdlib"],
                    help="the directory to take .py files from (default: this python's stdlib)")
    args = ap.parse_args()

    binary = os.path.normpath(args.pyxc)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no pyxc binary at {binary}: run `cargo build --release` or pass --pyxc")

    files = stdlib_files(args.stdlib)
    sources = accepted_sources(files)
    paths = [p for p, _ in sources]
    size = sum(len(s) for _, s in sources)
    mb = size / 1e6
    print(f"python  {sys.version.split()[0]} at {args.stdlib}")
    print(f"pyxc    {binary}")
    print(f"files   {len(sources)} accepted by compile() (of {len(files)}), {mb:.1f} MB")
    print(f"cores   {os.cpu_count()}, pyxc -j {args.jobs}, best of {args.repeat} runs")
    print()

    cpy = [time_cpython(sources) for _ in range(args.repeat)]
    pyxc_n = [time_pyxc(binary, paths, args.jobs) for _ in range(args.repeat)]
    pyxc_1 = [time_pyxc(binary, paths, 1) for _ in range(args.repeat)] if args.jobs != 1 else pyxc_n

    rows = [
        ("CPython ast.parse (1 thread)", cpy),
        (f"pyxc parse -j {args.jobs}", pyxc_n),
    ]
    if args.jobs != 1:
        rows.append(("pyxc parse -j 1", pyxc_1))
    print(f"{'':32} {'MB':>7} {'best s':>8} {'median s':>9} {'MB/s':>8}")
    for name, times in rows:
        b, m = best(times)
        print(f"{name:32} {mb:7.1f} {b:8.3f} {m:9.3f} {mb / b:8.1f}")
    print()
    ratio = min(cpy) / min(pyxc_n)
    print(f"speed-up of pyxc -j {args.jobs} over ast.parse: {ratio:.1f}x (target: at least 5x)")
    if args.jobs != 1:
        print(f"speed-up of pyxc -j 1 over ast.parse:  {min(cpy) / min(pyxc_1):.1f}x")


if __name__ == "__main__":
    main()
