# Two commands set up everything on a fresh clone:
#   make book   build the web book (creates .venv on first use) and print where it is
#   make test   run every test (unit, notebooks, book build, browser)
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HTML := _build/html/index.html
AXE := tests/a11y/node_modules/axe-core/axe.min.js

.PHONY: help book book-student test lab release lms pdf serve bench mutation grading-venv clean
.DEFAULT_GOAL := help

help:
	@echo "make book     build the web book into _build/html (creates .venv on first use)"
	@echo "make test     run every test: unit, notebooks (nbval), book build, browser"
	@echo "make lab      open the student copies of the chapters and exercises in JupyterLab"
	@echo "make release  write student copies and answer keys of the exercises into release/"
	@echo "make lms      export the chapter quizzes for Canvas (QTI 1.2) and Moodle (XML) into release/lms/"
	@echo "make pdf      print the student and the instructors' PDF (tagged, bookmarked) into _build/pdf/"
	@echo "make book-student  build the student edition (no solutions) into _build/student/_build/html"
	@echo "make serve    serve the built book on http://127.0.0.1:8000 as its host does (gzip, caching)"
	@echo "make bench    time notebooks, imports, builds and tests; check the budgets (benchmarks/results.md)"
	@echo "make mutation mutation-test the graders (exercise checks, quiz) with mutmut; fails below 85% killed (not run by CI)"
	@echo "make grading-venv  install nbgrader and otter-grader into .venv-grading (make test then grades with them)"
	@echo "make clean    remove _build, release and mutants"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo
	@echo "The book is at: $(CURDIR)/$(HTML)"
	@$(BIN)/python -m coursekit.open_book $(HTML) || true

book-student: $(STAMP)
	$(BIN)/python -m coursekit.release --student-book _build/student

# axe-core and vnu-jar. --ignore-scripts: vnu-jar's install script would download a Java runtime
# from GitHub; the test runs vnu.jar on the system's Java (.ci/run installs it).
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	@if command -v npm >/dev/null 2>&1; then cd tests/a11y && npm ci --ignore-scripts --no-audit --no-fund --silent; \
	else echo "npm not found: the accessibility test will be skipped"; fi

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest

# Course servers and containers often run as root, where JupyterLab refuses to start without
# --allow-root. LAB_ARGS passes further options (the tests use it for --no-browser and a port).
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $$([ "$$(id -u)" = 0 ] && echo --allow-root) \
		$(LAB_ARGS) chapters/student/00_working_with_data.ipynb

release: $(STAMP)
	$(BIN)/python -m coursekit.release
	$(BIN)/python -m coursekit.release --student-copies
	$(BIN)/python -m coursekit.lms

# The quiz banks as a Canvas QTI package and Moodle XML, one of each per chapter (coursekit/lms.py).
lms: $(STAMP)
	$(BIN)/python -m coursekit.lms --out release/lms

# The printed book (coursekit/pdf.py): builds both editions, then Debian's Chromium prints the
# student edition, and the instructors' PDF with the quiz key and exercise solutions, into _build/pdf/.
# (One after the other: the student edition reuses the executions of the full one.)
pdf: book
	$(MAKE) --no-print-directory book-student
	$(BIN)/python -m coursekit.pdf

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# Mutation testing (benchmarks/mutation.py, benchmarks/results.md): mutmut is pinned apart, in
# requirements-mutation.txt, so that CI and students never install it. MUTATION_ARGS passes
# options, e.g. MUTATION_ARGS="--target checks" for coursekit/checks.py or "--target all".
MUTATION_STAMP := $(VENV)/.mutation-installed

$(MUTATION_STAMP): requirements-mutation.txt constraints.txt | $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-mutation.txt
	@touch $(MUTATION_STAMP)

mutation: $(STAMP) $(MUTATION_STAMP)
	$(BIN)/python benchmarks/mutation.py $(MUTATION_ARGS)

# The graded releases' tools (tests/test_graded.py): nbgrader and otter-grader, pinned in
# requirements-grading.txt, in a venv of their own so that the book's venv never installs them.
# make test runs their tests when this venv exists (and CI, through .ci/run, always creates it).
GRADING_VENV ?= .venv-grading
GRADING_STAMP := $(GRADING_VENV)/.installed

$(GRADING_STAMP): requirements-grading.txt constraints.txt pyproject.toml
	@test -x $(GRADING_VENV)/bin/python || $(PYTHON) -m venv $(GRADING_VENV)
	$(GRADING_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(GRADING_VENV)/bin/python -m pip install --quiet -r requirements-grading.txt
	$(GRADING_VENV)/bin/python -m pip check
	@touch $(GRADING_STAMP)

grading-venv: $(GRADING_STAMP)

serve:
	@test -f $(HTML) || { echo "No book yet: run 'make book' first."; exit 1; }
	$(BIN)/python -m coursekit.serve _build/html --bind 127.0.0.1 --port 8000

clean:
	rm -rf _build release mutants
