"""Seconds per training step of the course CNN under each instruction set.

Usage: python -m bench.isa_speed [--steps 320] [--settings default,AVX2,AVX,SSE41,onednn-off]

A short, clean measurement for the guard of ``make test`` and the README:
each setting trains the course CNN for ``--steps`` steps of 32 images in a
fresh process (after one warm-up call of 32 steps) and reports milliseconds
per step and the ratio to the machine's own instruction set. Run it on an
otherwise idle machine; it takes about two minutes.
"""

import argparse
import json
import os
import subprocess
import sys
import time

from bench.isa import ROOT, SETTINGS


def worker(steps):
    import numpy as np

    import lessons_lib
    from lessons_lib import models

    lessons_lib.setup(lang="en", seed=0)
    rng = np.random.default_rng(0)
    x = rng.random((32 * (steps + 32), 28, 28, 1), dtype="float32")
    y = rng.integers(0, 10, len(x))
    model = models.course_cnn()
    model.fit(x[: 32 * 32], y[: 32 * 32], batch_size=32, epochs=1, verbose=0)  # compile, warm up
    start = time.perf_counter()
    model.fit(x[32 * 32 :], y[32 * 32 :], batch_size=32, epochs=1, verbose=0)
    return 1000 * (time.perf_counter() - start) / steps


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=320)
    parser.add_argument("--settings", default="default,AVX2,AVX,SSE41,onednn-off")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.steps)))
        return 0
    results = {}
    for setting in args.settings.split(","):
        env = {**os.environ, **SETTINGS[setting], "TF_CPP_MIN_LOG_LEVEL": "3"}
        out = subprocess.run(
            [sys.executable, "-m", "bench.isa_speed", "--worker", "--steps", str(args.steps)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        results[setting] = json.loads(out.stdout.strip().splitlines()[-1])
    base = results.get("default") or next(iter(results.values()))
    print("| setting | ms per step of 32 images | relative to default |")
    print("| --- | --- | --- |")
    for setting, ms in results.items():
        print(f"| {setting} | {ms:.1f} | {ms / base:.1f} x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
