"""The course runs away from this repository: from a plain install of the wheel in a fresh venv
that has only what Colab has, and from the student zip on its own.

One wheel and one bare venv are built per test session (about a minute, most of it pip).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from coursekit import install, release

# Run a notebook with the venv's own Python and kernel; print where coursekit came from.
RUNNER = """
import sys
import nbformat
from nbclient import NotebookClient

nb = nbformat.read(sys.argv[1], as_version=4)
nb.cells.append(nbformat.v4.new_code_cell("import coursekit; print('coursekit from', coursekit.__file__)"))
NotebookClient(nb, timeout=240, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
print(nb.cells[-1].outputs[0]["text"].strip())
"""


def make_venv(where: Path, *packages: str, constrained: bool = True) -> Path:
    """A fresh venv with ``packages`` installed (by default held to constraints.txt); its python."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    python = where / "bin" / "python"
    constraints = ["-c", str(ROOT / "constraints.txt")] if constrained else []
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *constraints, *packages], check=True)
    return python


def run_notebook(python: Path, notebook: Path) -> str:
    done = subprocess.run([str(python), "-c", RUNNER, str(notebook), str(notebook.parent)],
                          capture_output=True, text=True, cwd=notebook.parent)
    assert done.returncode == 0, f"{notebook.name} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    return release.build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="session")
def bare_python(tmp_path_factory, wheel) -> Path:
    """Colab's share of the stack (pandas, matplotlib, ipywidgets), a kernel, and the wheel."""
    return make_venv(tmp_path_factory.mktemp("bare") / "venv",
                     "pandas", "matplotlib", "ipywidgets", "ipykernel", "nbclient", str(wheel))


def test_the_wheel_carries_every_dataset_quiz_bank_and_the_bibliography(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {f"coursekit/_resources/data/{p.name}" for p in (ROOT / "data").glob("*.csv")}
    wanted |= {"coursekit/_resources/data/datapackage.json",
               "coursekit/_resources/bibliography/references.bib",
               "coursekit/_resources/bibliography/publishers.yml"}
    wanted |= {f"coursekit/_resources/quizzes/{p.name}" for p in (ROOT / "chapters" / "quizzes").glob("*.yml")}
    assert len(wanted) > 15
    missing = sorted(wanted - names)
    assert not missing, f"the wheel lacks {missing}"
    assert wheel.name.startswith("cooperation_at_the_border-"), "the distribution must not be PyPI's 'coursekit'"


def test_the_bare_kernel_has_no_book_building_stack(bare_python):
    for module in ("myst_nb", "sphinx", "jupyter_book"):
        found = subprocess.run([str(bare_python), "-c", f"import importlib.util as u; print(u.find_spec('{module}'))"],
                               capture_output=True, text=True, check=True).stdout.strip()
        assert found == "None", f"{module} is installed in the bare venv, so the test proves nothing"


# The copies students open (Colab, a hub): a chapter and an exercise that no other portability
# test runs, so that no notebook runs more than twice in one `make test`.
@pytest.mark.parametrize("notebook", ["chapters/student/02_mpp.ipynb", "exercises/student/01_border_enforcement.ipynb"])
def test_a_notebook_runs_from_a_plain_install_in_a_folder_outside_the_repository(bare_python, tmp_path, notebook):
    copy = tmp_path / Path(notebook).name
    shutil.copy(ROOT / notebook, copy)
    where = run_notebook(bare_python, copy)
    installed = Path(where.removeprefix("coursekit from ").strip())
    assert "site-packages" in installed.parts, where
    assert ROOT not in installed.parents, "coursekit was imported from the repository, not from the wheel"


def test_every_student_notebook_opens_with_the_install_cell():
    expected = install.install_cell_source()
    for path in install.notebooks_with_install_cell():
        cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        assert cells, path
        assert cells[0].source == expected, f"{path.relative_to(ROOT)}: the first code cell is not the install cell"
        assert install.INSTALL_TAG in cells[0].metadata.get("tags", []), path


def test_the_install_cell_installs_this_release_from_the_repository_never_a_bare_name():
    spec = install.install_spec()
    name, _, source = spec.partition(" @ ")
    assert name == install.DISTRIBUTION != "coursekit"
    assert source.startswith("git+https://") and source.endswith(f".git@v{install.__version__}")


@pytest.mark.parametrize("repository, message", [
    ("{}", "repository.url must be the https address"),
    ("{url: ''}", "repository.url must be the https address"),
    ("{url: 'git@github.com:owner/course.git'}", "repository.url must be the https address"),
], ids=["no_url", "empty_url", "ssh_url"])
def test_the_install_spec_refuses_a_repository_address_pip_cannot_fetch(tmp_path, repository, message):
    config = tmp_path / "_config.yml"
    config.write_text(f"title: x\nrepository: {repository}\n", encoding="utf-8")
    with pytest.raises(install.ReleaseError, match=message):
        install.install_spec(config)


def test_the_student_zip_installs_and_runs_on_its_own(tmp_path):
    out = tmp_path / "release"
    release.release(out_dir=out, answer_keys=False)
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(out / "student.zip") as archive:
        archive.extractall(unpacked)
    (student,) = [p for p in unpacked.iterdir() if p.is_dir()]
    requirements = (student / "requirements.txt").read_text(encoding="utf-8").split()
    wheels = [r for r in requirements if r.endswith(".whl")]
    assert len(wheels) == 1 and (student / wheels[0]).is_file(), requirements
    assert "jupyterlab" in requirements
    python = make_venv(tmp_path / "venv", str(student / wheels[0]), "ipykernel", "nbclient")
    notebook = student / "02_mpp.ipynb"
    assert json.loads(notebook.read_text(encoding="utf-8"))["cells"], "empty notebook"
    where = run_notebook(python, notebook)
    assert str(tmp_path / "venv") in where, where


def test_make_lab_starts_jupyterlab_even_as_root(tmp_path):
    """``make lab`` serves JupyterLab; as root (common on course servers) it passes --allow-root."""
    import os
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    args = f"--no-browser --ServerApp.port={port} --ServerApp.ip=127.0.0.1 --IdentityProvider.token=''"
    server = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={args}"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        status, deadline = None, time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab", timeout=5) as reply:
                    status = reply.status
                    break
            except OSError:
                time.sleep(0.5)
        assert status == 200, f"JupyterLab did not answer (uid {os.getuid()}):\n{server.stdout.read() if server.poll() is not None else ''}"
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


# --- Binder --------------------------------------------------------------------------------------

REPO2DOCKER_BASE = "notebook==7.4.7"  # what repo2docker's base environment brings (with JupyterLab)


def binder_pins() -> dict[str, str]:
    lines = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("==") for line in lines if "==" in line and not line.startswith("#"))


def test_binder_pins_python_and_agrees_with_the_tested_constraints():
    assert (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip() == \
        f"python-{sys.version_info.major}.{sys.version_info.minor}", "Binder must run the Python the tests run"
    frozen = dict(line.split("==") for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
                  if "==" in line and not line.startswith("#"))
    frozen = {k.lower(): v for k, v in frozen.items()}
    pins = binder_pins()
    assert pins, "binder/requirements.txt pins nothing"
    drift = {k: (v, frozen.get(k.lower())) for k, v in pins.items() if frozen.get(k.lower()) != v}
    assert not drift, f"binder pins differ from constraints.txt: {drift}"
    assert not {"jupyterlab", "notebook", "jupyter-server"} & {k.lower() for k in pins}, \
        "pinning the Jupyter server would fight repo2docker's base environment"


def test_binder_install_steps_give_a_working_chapter(tmp_path):
    """Replays repo2docker: its base environment, then binder/requirements.txt, then the repo."""
    clone = tmp_path / "repo"
    tracked = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    for rel in tracked:
        if (ROOT / rel).is_file():
            (clone / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, clone / rel)
    python = make_venv(tmp_path / "venv", REPO2DOCKER_BASE, constrained=False)  # not our pins: repo2docker's
    for step in (["-r", "binder/requirements.txt"], ["."]):
        done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *step],
                              cwd=clone, capture_output=True, text=True)
        assert done.returncode == 0, f"pip install {' '.join(step)} failed:\n{done.stderr[-3000:]}"
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    where = run_notebook(python, clone / "chapters" / "student" / "03_removals.ipynb")  # Binder opens the copies
    assert "site-packages" in where, where


def test_write_install_cells_adds_a_missing_cell_and_mends_a_stale_one(tmp_path):
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    (tmp_path / "chapters").mkdir()
    (tmp_path / "exercises").mkdir()
    fresh = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("x = 1")])
    stale = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("# old install cell", id="install"),
                                            nbformat.v4.new_code_cell("y = 2")])
    nbformat.write(fresh, tmp_path / "chapters" / "01_a.ipynb")
    nbformat.write(stale, tmp_path / "exercises" / "01_a.ipynb")
    changed = install.write_install_cells(tmp_path)
    assert len(changed) == 2
    for path in changed:
        code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        assert code[0].source == install.install_cell_source(tmp_path / "_config.yml")
        assert code[1].source in ("x = 1", "y = 2"), "the notebook's own first cell must stay"
    assert install.write_install_cells(tmp_path) == [], "a second run has nothing to change"
