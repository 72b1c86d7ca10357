"""What keeps a notebook's first seconds short (see the README's speed budgets)."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_coursekit_loads_jsonschema_without_the_slow_format_plugins_and_puts_them_back():
    result = run(
        "import json, sys, coursekit.data\n"
        "from coursekit._schema import SLOW_OPTIONAL_PLUGINS as slow\n"
        "print(json.dumps({'jsonschema': 'jsonschema' in sys.modules,\n"
        "                  'loaded': [m for m in slow if sys.modules.get(m)],\n"
        "                  'blocked': [m for m in slow if m in sys.modules and sys.modules[m] is None]}))\n")
    state = json.loads(result)
    assert state["jsonschema"], state
    assert state["loaded"] == [], f"slow plug-ins were imported: {state}"
    assert state["blocked"] == [], f"hidden plug-ins were left blocked in sys.modules: {state}"


def test_glue_after_coursekit_does_not_import_the_slow_plugins():
    """myst-nb's glue imports nbformat, which imports jsonschema: it must find it already loaded."""
    result = run("import sys, coursekit.data\nfrom myst_nb import glue\nglue('x', 1, display=False)\n"
                 "print(sorted(m for m in ('rfc3987_syntax', 'isoduration') if m in sys.modules))")
    assert result.endswith("[]"), result


def test_course_figures_are_made_without_pyplot():
    """pyplot would switch on Jupyter's inline backend: a second copy of every figure and a
    flush after every cell. Course figures are shown by glue or display instead."""
    result = run("import sys, pandas as pd\nfrom coursekit import plots\n"
                 "frame = pd.DataFrame({'year': [2019, 2020], 'n': [1, 2]})\n"
                 "labels = dict(title='T', xlabel='Year', ylabel='N', source='S')\n"
                 "plots.line_chart(frame, x='year', y='n', **labels).to_png()\n"
                 "plots.bar_chart(frame, x='year', y='n', **labels).to_png()\n"
                 "print('matplotlib.pyplot' in sys.modules)")
    assert result == "False", "coursekit.plots imported matplotlib.pyplot"
