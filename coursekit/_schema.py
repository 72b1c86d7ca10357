"""JSON Schema validation for the course's own files (the data manifest and the quiz banks).

jsonschema imports its optional format-checker plug-ins as soon as it is imported. They come
with JupyterLab, and one of them (rfc3987-syntax) compiles some forty grammars on import: two to
three seconds in every fresh kernel. Every chapter pays that price even without coursekit,
because myst-nb's ``glue`` imports nbformat's validator, which imports jsonschema.

The course schemas use no ``format`` keywords, so :func:`import_jsonschema` imports jsonschema
with the slow plug-ins hidden and then puts them back: anyone who imports them later gets them
as usual. :mod:`coursekit.data` calls it when it is imported, so that in a notebook jsonschema is
already loaded (quickly) by the time ``glue`` needs it.
"""
from __future__ import annotations

import sys
from functools import lru_cache

SLOW_OPTIONAL_PLUGINS = ("rfc3987_syntax", "isoduration", "rfc3986_validator")


def import_jsonschema():
    """``import jsonschema``, without its slow optional format plug-ins if it is not loaded yet."""
    if "jsonschema" in sys.modules:
        return sys.modules["jsonschema"]
    hidden = [name for name in SLOW_OPTIONAL_PLUGINS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # makes "import name" raise ImportError, which jsonschema expects
    try:
        import jsonschema
    finally:
        for name in hidden:
            sys.modules.pop(name, None)
    return jsonschema


@lru_cache(maxsize=8)
def _validator(schema_json: str):
    import json

    return import_jsonschema().Draft202012Validator(json.loads(schema_json))


def iter_errors(schema: dict, document) -> list:
    """Every schema error of ``document``, as jsonschema ``ValidationError`` objects ([] if valid)."""
    import json

    return list(_validator(json.dumps(schema, sort_keys=True)).iter_errors(document))
