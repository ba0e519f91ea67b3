# Prongsai — the two commands a new user needs:  make demo  and  make test.
# Both install whatever is missing first: Debian packages (LibreOffice, Thai fonts, poppler) and a Python venv.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SYSTEM_PACKAGES := libreoffice-writer-nogui python3-uno fonts-thai-tlwg poppler-utils python3-venv fontconfig
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test install system-packages python-packages substitute-fonts converter-venv clean

demo: install
	$(PY) -m generator build

test: install
	$(PY) -m pytest

install: system-packages python-packages substitute-fonts converter-venv

# The TH Sarabun substitute and LibreOffice's fontconfig file (.cache/fonts/); cheap when already there.
substitute-fonts: python-packages
	$(PY) -m generator.fonts install

# The venv on the system Python (Debian's python3-uno) that `prongsai serve-converters` runs its workers in.
converter-venv: python-packages
	$(PY) -m generator.convert setup-workers

# Installs only the Debian packages that are not there yet, so a second run costs nothing.
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

python-packages: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf output .cache
