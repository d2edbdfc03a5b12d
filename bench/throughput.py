"""How much of the processor a training uses: model GFLOP/s against matmul GFLOP/s.

Usage: python -m bench.throughput [--images 16000] [--batch-size 32] [--out bench]

Seconds do not carry from one machine to another (the same training runs
about twice as fast on one of this project's machines as on another), but
the share of the processor's arithmetic peak that a training reaches does,
roughly. In one run this script measures

- the peak: NumPy's float32 matrix product (2048 x 2048, all cores), the
  best of several repeats, in GFLOP/s;
- the course CNN's training on ``--images`` Fashion-MNIST images at
  ``--batch-size`` (one epoch after a warm-up epoch that compiles), its
  floating-point operations counted layer by layer (a convolution or dense
  layer: 2 x inputs x outputs per position forward, training about 3 times
  the forward pass: the forward pass, the gradient with respect to the
  inputs and the gradient with respect to the weights), in GFLOP/s;

and reports their ratio. Writes ``throughput.json`` and prints a Markdown
table that ``bench/results.md`` quotes.
"""

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def matmul_gflops(size=2048, repeats=7):
    """Best float32 matrix-product speed of NumPy here, in GFLOP/s."""
    rng = np.random.default_rng(0)
    a = rng.random((size, size), dtype=np.float32)
    b = rng.random((size, size), dtype=np.float32)
    a @ b  # warm-up
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best / 1e9


def forward_flops(model):
    """Floating-point operations of one image's forward pass (convolutions and dense layers)."""
    import keras

    total = 0
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv2D):
            _, h, w, filters = layer.output.shape
            kh, kw = layer.kernel_size
            channels = layer.input.shape[-1]
            total += 2 * h * w * filters * kh * kw * channels
        elif isinstance(layer, keras.layers.Dense):
            total += 2 * layer.input.shape[-1] * layer.units
    return total


def training_gflops(images=16_000, batch_size=32):
    """The course CNN's training speed in GFLOP/s and its seconds per epoch."""
    import keras

    import lessons_lib
    from lessons_lib import data, models

    lessons_lib.setup("en", seed=0)
    (x_train, y_train), _ = data.load_fashion_mnist()
    x, y = x_train[:images], y_train[:images]
    model = models.course_cnn()
    model.fit(x, y, batch_size=batch_size, epochs=1, verbose=0)  # compiles
    start = time.perf_counter()
    model.fit(x, y, batch_size=batch_size, epochs=1, verbose=0)
    seconds = time.perf_counter() - start
    flops = 3 * forward_flops(model) * images
    return {
        "model": "course_cnn",
        "images": images,
        "batch_size": batch_size,
        "seconds": round(seconds, 2),
        "forward_mflop_per_image": round(forward_flops(model) / 1e6, 3),
        "gflops": round(flops / seconds / 1e9, 1),
        "backend": keras.backend.backend(),
        "isa": os.environ.get("ONEDNN_MAX_CPU_ISA", "the machine's own"),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=16_000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--out", default=str(ROOT / "bench"))
    args = parser.parse_args(argv)
    if args.images < args.batch_size or args.batch_size < 1:
        parser.error("--images must be at least --batch-size, and --batch-size at least 1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from bench.run import machine

    peak_before = matmul_gflops()
    training = training_gflops(args.images, args.batch_size)
    peak_after = matmul_gflops()
    peak = max(peak_before, peak_after)
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "matmul_gflops": round(peak, 1),
        "matmul_gflops_before_after": [round(peak_before, 1), round(peak_after, 1)],
        "training": training,
        "ratio": round(training["gflops"] / peak, 3),
    }
    out = Path(args.out)
    (out / "throughput.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    return 0


def table(result):
    """The Markdown lines that report one run."""
    t = result["training"]
    m = result["machine"]
    return "\n".join(
        [
            f"Measured {result['date']} on {m['cpu']} ({m['cores']} cores), "
            f"Keras on {t['backend']}, instruction set: {t['isa']}.",
            "",
            "| measure | value |",
            "| --- | ---: |",
            f"| NumPy float32 matmul 2048 x 2048 (best of 7, before and after: "
            f"{result['matmul_gflops_before_after'][0]}, "
            f"{result['matmul_gflops_before_after'][1]}) | {result['matmul_gflops']} GFLOP/s |",
            f"| course CNN training, {t['images']:,} images at batch {t['batch_size']} "
            f"({t['forward_mflop_per_image']} MFLOP per image forward, x3 for training) "
            f"| {t['seconds']} s, {t['gflops']} GFLOP/s |",
            f"| training / matmul peak | {result['ratio']:.0%} |",
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
