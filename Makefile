# Two entry points (see README): `make run` and `make test`. Both are idempotent.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test install install-test chromium haproxy lint bench load replicas clean i18n

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test chromium haproxy

# Debian's chromium drives the browser tests (`playwright install` cannot download here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium; }

# Debian's HAProxy fronts the replicas in the failover test (tests/browser/test_failover.py) and in
# scripts/replicas.py, which run their own haproxy process (the Debian service, if started, has
# no frontend in its default config, so it takes no port).
haproxy:
	@command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends haproxy; }

run: install
	$(PY) -m dashboard.ui.serve run dashboard/app.py --server.port $(PORT)

test: install-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q

# Translations (dashboard/text/i18n.py): extract every marked message into the template, merge
# it into each catalogue (new messages arrive with an empty msgstr, which `make test` refuses:
# translate them in the .po), then compile the .mo files that the package ships.
LOCALE := dashboard/locale
i18n: install-test
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output \
	  --project haiti-hotspot-dashboard -o $(LOCALE)/dashboard.pot .
	$(VENV)/bin/pybabel update -i $(LOCALE)/dashboard.pot -d $(LOCALE) -D dashboard \
	  --no-fuzzy-matching --ignore-obsolete -w 100
	$(VENV)/bin/pybabel compile -d $(LOCALE) -D dashboard --statistics

lint: install-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

bench: install-test
	$(PY) bench/run.py

# On demand, never in `make test`: ≤ 50 sessions, ≤ 120 s (see README, "Briefing day").
load: install
	$(PY) bench/load.py

replicas: install haproxy
	$(PY) scripts/replicas.py up -n $(or $(N),2) --port $(or $(PROXY_PORT),8080)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
