"""Maintainer tools: sync code cells, stamp translations, execute notebooks.

Each is a script (``python scripts/<name>.py``) and a module of this package
(``from scripts import sync_code``), so tests import them like any module.
"""
