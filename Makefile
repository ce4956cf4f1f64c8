# Two commands: `make run` (install everything, check the demo package, start the service) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
DEMO   ?= var/demo

.PHONY: run test setup system venv demo serve lint bench clean lock

run: setup demo serve

# Two workers, one test file each at a time (a file's fixtures are built once); Tesseract runs one thread
# per page, so a second worker uses the second core. The slowest tests are listed at the end.
TEST_WORKERS ?= 2

test: setup lint
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --durations=15

setup: system venv

system:
	bash scripts/install-system.sh

venv: $(VENV)/.installed

# Installs the exact versions of requirements.lock (written by scripts/lock.py from the tested venv),
# then the project itself without resolving anything again.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements.lock
	# augraphy asks for the GUI build opencv-python, which would overwrite the headless cv2 (and need libGL);
	# its other requirements are pinned in requirements.lock
	$(VENV)/bin/pip install -q --no-deps augraphy==8.2.6
	$(VENV)/bin/pip install -q --no-deps -e .
	touch $@

lock:
	$(PY) scripts/lock.py

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
