"""The exercise tasks of each chapter, one module per chapter (``ch01.py`` ...).

Each module registers its checks with :func:`coursekit.checks.task`; the expected answers are
computed from :mod:`coursekit.data`, never typed in.
"""
import importlib
import pkgutil

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")
