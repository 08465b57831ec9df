# The two commands: `make demo` and `make test`. Each does its own set-up.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
APT_PACKAGES := libcups2-dev cups cups-bsd printer-driver-gutenprint xvfb \
	libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 \
	libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core desktop-file-utils \
	postgresql gcc python3-dev chromium chromium-driver cage grim xwayland nginx-light

.PHONY: demo test bench chaos soak lint setup system-packages translations clean

demo: setup
	$(VENV)/bin/kiosk demo $(ARGS)

test: setup lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -n 3 --dist loadfile tests

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m bench $(ARGS)

# The booth SIGKILLed at random moments of paid sessions, RUNS times; then paid vs printed.
# Then the autopilot's mix: every kind of customer once, a late payment heard while the next
# customer is on the payment screen among them.
RUNS ?= 100
chaos: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.longrun.chaos --runs $(RUNS) $(ARGS)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/kiosk demo --autopilot --mix --sessions 7 \
		--out "$$(mktemp -d /tmp/chaos-mix-XXXXXX)"

# SESSIONS autopilot sessions in one booth: RSS, threads, fds, SQLite, shots every 50.
SESSIONS ?= 500
soak: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.longrun.soak --sessions $(SESSIONS) $(ARGS)

# ruff, then the import contracts in pyproject.toml (the layers: see README).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

setup: system-packages $(STAMP) translations

# apt-get runs only when a package is missing, so a second run costs a dpkg query.
system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:" $$missing; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,dslr]'
	@touch $(STAMP)

translations: $(STAMP)
	@$(PY) -m ui.translations_build 2>/dev/null || true

clean:
	rm -rf $(VENV) .demo build *.egg-info
