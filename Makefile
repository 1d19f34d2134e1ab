# eumk — two commands on a fresh machine: `make portal` (the main job) and `make test`.
# Both install what they need: Debian packages with apt-get when missing, Python packages in .venv.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
EUMK := $(VENV)/bin/eumk
export NO_MKDOCS_2_WARNING := 1

# ffmpeg: media; Pango/HarfBuzz + DejaVu: WeasyPrint; chromium: browser tests;
# xorriso + poppler-utils: ISO and PDF checks.
APT_PACKAGES := ffmpeg libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
                chromium xorriso poppler-utils
APT_STAMP := $(VENV)/.apt-ok
PIP_STAMP := $(VENV)/.pip-ok
TEST_STAMP := $(VENV)/.pip-test-ok

.PHONY: portal test check bench lint install clean

portal: install
	$(EUMK) check courses
	$(EUMK) build --site-dir site
	@echo "Portal built in site/. To look at it: $(PY) -m http.server -d site 8000"
	@echo "then open http://127.0.0.1:8000/ (or run $(VENV)/bin/mkdocs serve to edit live)."
	@echo "Offline kits for file:// are made per course: $(EUMK) case SLUG --medium usb"

test: install $(TEST_STAMP)
	$(VENV)/bin/ruff check builder tests
	$(VENV)/bin/pytest -q

check: install
	$(EUMK) check courses

bench: install
	$(PY) benchmarks/academy.py $(if $(N),--courses $(N),)
	$(PY) benchmarks/imports.py

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check builder tests

install: $(APT_STAMP) $(PIP_STAMP)

$(APT_STAMP): Makefile
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@mkdir -p $(VENV) && touch $@

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(PIP_STAMP): pyproject.toml $(VENV)/bin/python
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(PIP_STAMP)
	$(PY) -m pip install -q -e '.[test]'
	# an independent GIFT parser for the tests; it pins Markdown<3.1 (mkdocs needs newer), so
	# without its declared deps: parsing needs only yattag (MarkdownSuperscript is for its HTML)
	$(PY) -m pip install -q --no-deps pygiftparser==1.1 yattag
	touch $@

clean:
	rm -rf site build dist .pytest_cache
