"""Time and peak memory of one export, in a fresh process.

    python -m bench.exports --function export_xlsx --petitions 10000

The exports themselves are the reports helper's: every ``export_<format>`` function in
``bench/export_bench.py`` is called with ``petitions=N`` (the first N petitions of the database)
and does the whole export (query, render, write the file). Peak memory is this process's maximum
resident set size, Django and the database driver included; ``baseline_mb`` is what the process held
before the export started.
"""

import argparse
import importlib
import json
import resource
import time

from .datagen import setup_django


def functions():
    module = importlib.import_module("bench.export_bench")
    return sorted(name for name in dir(module) if name.startswith("export_") and callable(getattr(module, name)))


def measure(function: str, petitions: int) -> dict:
    module = importlib.import_module("bench.export_bench")
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    getattr(module, function)(petitions=petitions)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "format": function.removeprefix("export_"),
        "petitions": petitions,
        "seconds": seconds,
        "peak_mb": peak,
        "baseline_mb": baseline,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--function")
    parser.add_argument("--petitions", type=int)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    setup_django()
    print(json.dumps(functions() if args.list else measure(args.function, args.petitions)))


if __name__ == "__main__":
    main()
