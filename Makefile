# cablegram: the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench bench-instructions bench-archive bench-graph bench-web accuracy coverage clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cablegram demo --folder demo
	$(BIN)/cablegram serve --db demo/demo.db

test: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy
	$(BIN)/pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/parse_throughput.py

bench-instructions: $(STAMP)
	$(BIN)/python bench/parse_instructions.py $(BENCH_ARGS)

bench-archive: $(STAMP)
	$(BIN)/python bench/archive_bench.py $(BENCH_ARGS)

bench-graph: $(STAMP)
	$(BIN)/python bench/graph_bench.py $(BENCH_ARGS)

bench-web: $(STAMP)
	$(BIN)/python bench/web_bench.py $(BENCH_ARGS)

accuracy: $(STAMP)
	$(BIN)/python scripts/corpus_accuracy.py
	$(BIN)/python scripts/body_coverage.py

coverage: $(STAMP)
	$(BIN)/python scripts/table_coverage.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
