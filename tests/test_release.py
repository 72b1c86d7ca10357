"""Student copies lose every solution, still run, and are reproducible; the input is never changed."""
from __future__ import annotations

import copy
import nbformat
import pytest

from coursekit.solutions import SOLUTION_TAG, STUDENT_PROMPT, ReleaseError, strip_solutions, student_copy
from coursekit.release import release

SECRET = "secret_solution_line_42"


def demo_notebook():
    cells = [
        nbformat.v4.new_markdown_cell("# Demo exercises\n\n### Task 1: compute a number"),
        nbformat.v4.new_code_cell("values = [1, 2, 3]\n# BEGIN SOLUTION\ntotal = sum(values)  # " + SECRET
                                  + "\n# END SOLUTION\nprint('total is', total)"),
        nbformat.v4.new_code_cell("share, other = 0.5, 'x'  # " + SECRET, metadata={"tags": [SOLUTION_TAG, "hide-input"]}),
        nbformat.v4.new_code_cell("def f(x):\n    # BEGIN SOLUTION\n    y = x * 2  # " + SECRET
                                  + "\n    # END SOLUTION\n    return y\nprint(f(2))"),
        nbformat.v4.new_markdown_cell("The model answer: " + SECRET, metadata={"tags": [SOLUTION_TAG]}),
        nbformat.v4.new_code_cell("print(share, other)"),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for i, c in enumerate(nb.cells):
        c["id"] = f"c{i}"
    return nb


def test_student_copy_removes_every_solution_and_keeps_assignments():
    nb = demo_notebook()
    before = copy.deepcopy(nb)
    student = student_copy(nb, "demo.ipynb")
    assert nb == before, "student_copy changed its input"
    text = nbformat.writes(student)
    assert SECRET not in text
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    assert all(SOLUTION_TAG not in c.metadata.get("tags", []) for c in student.cells)
    assert student.cells[1].source == "values = [1, 2, 3]\ntotal = ...  # YOUR CODE HERE\nprint('total is', total)"
    assert student.cells[2].source == "share = ...  # YOUR CODE HERE\nother = ...  # YOUR CODE HERE"
    assert "    y = ...  # YOUR CODE HERE" in student.cells[3].source
    assert student.cells[4].source == STUDENT_PROMPT


@pytest.mark.parametrize("source, message", [
    ("# BEGIN SOLUTION\nx = 1\n", "never closed"),
    ("x = 1\n# END SOLUTION\n", "without a matching"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\nx=1\n# END SOLUTION\n", "nested"),
])
def test_broken_markers_are_named(source, message):
    with pytest.raises(ReleaseError, match=message) as err:
        strip_solutions(source, "ex.ipynb, cell 3")
    assert "ex.ipynb, cell 3" in str(err.value)


def test_release_writes_runnable_reproducible_copies(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    nbformat.write(demo_notebook(), src / "01_demo.ipynb")
    original = (src / "01_demo.ipynb").read_bytes()
    first = release(src, tmp_path / "out1")
    second = release(src, tmp_path / "out2")
    assert (src / "01_demo.ipynb").read_bytes() == original, "release changed its source"
    names = sorted(p.relative_to(tmp_path / "out1").as_posix() for p in first)
    from coursekit import __version__
    from coursekit.install import DISTRIBUTION

    wheel = f"student/{DISTRIBUTION.replace('-', '_')}-{__version__}-py3-none-any.whl"
    assert names == sorted(["answer-key.zip", "answer-key/01_demo.ipynb", "student.zip", "student/01_demo.ipynb",
                            "student/README.md", "student/requirements.txt", wheel])
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two runs"
    key = nbformat.read(tmp_path / "out1" / "answer-key" / "01_demo.ipynb", as_version=4)
    outputs = "".join(o.get("text", "") for c in key.cells if c.cell_type == "code" for o in c.outputs)
    assert "total is 6" in outputs and "4" in outputs
    # the student copy runs end to end (its stubs are Ellipsis, not errors)
    from coursekit.notebooks import execute
    student = nbformat.read(tmp_path / "out1" / "student" / "01_demo.ipynb", as_version=4)
    ran = execute(student, cwd=tmp_path)
    printed = "".join(o.get("text", "") for c in ran.cells if c.cell_type == "code" for o in c.outputs)
    assert "total is Ellipsis" in printed
    assert SECRET not in (tmp_path / "out1" / "student.zip").read_bytes().decode("latin-1")
