# Two commands for a fresh machine with Python 3.11+ and make: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Other interpreters the test suite runs on when the machine has them (pyenv's, for example).
EXTRA_PYTHONS ?= $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3 $(HOME)/.pyenv/versions/3.13*/bin/python3)

# Python sources to lint: whichever of these folders exist.
CODE := $(wildcard src tests examples benchmarks docs fuzz)

.PHONY: demo test test-all lint typecheck pytest test-other-pythons bench bench-spark fuzz docs pictures-check mutation clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-demo

demo: $(VENV)/.installed-demo
	$(BIN)/python examples/quickstart.py
	@echo
	@echo '$$ shared-responsibility inventory tests/fixtures/terraform/plan.json --controls patch-management encryption-at-rest'
	@$(BIN)/shared-responsibility inventory tests/fixtures/terraform/plan.json --controls patch-management encryption-at-rest
	@echo
	@echo '$$ shared-responsibility inventory tests/fixtures/terraform/plan.json --summary'
	@$(BIN)/shared-responsibility inventory tests/fixtures/terraform/plan.json --summary
	@echo
	@mkdir -p build
	@echo '$$ shared-responsibility shift ec2 lambda --format svg > build/ec2-lambda.svg'
	@$(BIN)/shared-responsibility shift ec2 lambda --format svg > build/ec2-lambda.svg
	@echo "the EC2 and Lambda stacks, side by side: $(CURDIR)/build/ec2-lambda.svg"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} $(BIN)/python -m pytest --cov --cov-report=term

test-other-pythons:
	@for py in $(EXTRA_PYTHONS); do \
		echo "== building .venv-$$($$py -c 'import sys; print("%d.%d" % sys.version_info[:2])') to test on $$($$py --version) (make clean removes it)"; \
		$$py -m venv .venv-$$($$py -c 'import sys; print("%d.%d" % sys.version_info[:2])') && \
		v=.venv-$$($$py -c 'import sys; print("%d.%d" % sys.version_info[:2])') && \
		$$v/bin/python -m pip install --quiet -e '.[test]' && \
		HYPOTHESIS_PROFILE=ci $$v/bin/python -m pytest -q -p no:cacheprovider || exit 1; \
	done

test: lint typecheck pytest

# The same suite on every other Python found (pyenv's 3.12 and 3.13), each in its own
# environment: opt-in, as each costs an install of the test extras.
test-all: test test-other-pythons

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

# Spark at scale: 10 million synthetic configuration items in local mode (BENCH_SPARK_ROWS to
# change), beside in-process placing; needs a JDK (docs/scale.md).
bench-spark: $(VENV)/.installed-test
	$(BIN)/python benchmarks/spark.py

fuzz: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet atheris
	mkdir -p .fuzz-corpus
	FUZZ_SECONDS=$${FUZZ_SECONDS:-60} $(BIN)/python fuzz/load_catalog.py .fuzz-corpus tests/fixtures

docs: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	$(BIN)/python docs/generate_pictures.py
	$(BIN)/sphinx-build -n -W -b html docs docs/_build/html

# Renders the docs' stack pictures in headless Chromium (Debian's package, installed if missing)
# and writes PNG screenshots to look at: docs/_build/pictures/*.png.
pictures-check: $(VENV)/.installed-demo
	@command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)
	$(BIN)/python docs/generate_pictures.py
	mkdir -p docs/_build/pictures
	@for svg in docs/pictures/*.svg; do \
		png=docs/_build/pictures/$$(basename $$svg .svg).png; \
		chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,660 \
			--screenshot=$$png file://$(CURDIR)/$$svg 2>/dev/null && echo "wrote $$png"; \
	done

# Mutation testing of the resolver, catalog and loading modules ([tool.mutmut] in pyproject.toml,
# docs/testing.md): a fresh run each time, two workers, then the summary and every survivor.
mutation: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet 'mutmut>=3.8,<4'
	rm -rf mutants
	@start=$$(date +%s); \
	HYPOTHESIS_PROFILE=mutation $(BIN)/mutmut run --max-children 2 || exit 1; \
	echo "mutation run took $$(( $$(date +%s) - start )) s"
	$(BIN)/mutmut export-cicd-stats
	@$(BIN)/python -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
	score = (s['killed'] + s['timeout']) / (s['total'] - s['skipped']); \
	print('\n'.join(f'{k}: {v}' for k, v in s.items())); print(f'mutmut score: {score:.1%}')"
	@echo 'mutants not killed (see docs/testing.md for the equivalent ones):'
	@$(BIN)/mutmut results

clean:
	rm -rf $(VENV) .venv-3.* .fuzz-corpus build dist docs/_build mutants .pytest_cache .mypy_cache .ruff_cache .coverage
