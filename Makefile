# Two commands: `make run` (install everything, check the demo package, start the service) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
DEMO   ?= var/demo

.PHONY: run test setup system venv demo serve lint bench clean

run: setup demo serve

test: setup lint
	$(PY) -m pytest -q

setup: system venv

system:
	bash scripts/install-system.sh

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

demo:
	$(PY) -m fixtures.generate --demo --out $(DEMO)
	$(VENV)/bin/intake check $(DEMO)/files --cost-type $$(cat $(DEMO)/cost_type) \
		--application-date $$(cat $(DEMO)/application_date) --applicant-bin $$(cat $(DEMO)/applicant_bin) \
		--format text; rc=$$?; [ $$rc -le 1 ] || exit $$rc

serve:
	bash scripts/serve-demo.sh

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy intake models checklists extractors fixtures bench

bench: setup
	$(PY) bench/pipeline_vs_tesseract.py
	$(PY) bench/accuracy.py

clean:
	rm -rf var build *.egg-info
