"""The exercise tasks of each chapter, one module per chapter (``ch00.py`` ...).

Each module registers its checks with :func:`coursekit.registry.task`; the expected answers are
computed from :mod:`coursekit.data`, never typed in. The imports are written out so that the
import graph can be read (and checked for cycles) without running anything.
"""
from . import ch00, ch01, ch02, ch03, ch04  # noqa: F401  (importing registers)
