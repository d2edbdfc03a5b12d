"""Measurements, not tests: ``python -m bench.run`` (``make bench``), ``bench.isa``, ``bench.isa_speed``.

Run them from the repository's root with ``python -m``; tests import them as
modules of this package.
"""
