# ClaimWeave: every target creates .venv with this machine's python3 and installs the
# pinned dependencies (requirements.lock, with hashes) plus the project itself when missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := project_files/demo.claimweave
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run test test-core test-install lint bench package clean demo lock tour

# __init__.py holds the version the package metadata reads: a new one reinstalls.
$(STAMP): pyproject.toml requirements.lock desktop/claimweave/__init__.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/claimweave gui --demo

# Each test runs once: tests/core in test-core (Qt blocked), everything else here.
test: $(STAMP) test-core
	$(BIN)/python -m pytest -q --ignore=tests/core

# The core once more with Qt made unimportable: proves it never needs a display or Qt.
test-core: $(STAMP)
	CLAIMWEAVE_BLOCK_QT=1 $(BIN)/python -m pytest -q -p no:pytest-qt tests/core

# A fresh install works: the wheel built from this tree goes into an empty virtual environment
# with only what pyproject.toml declares (versions pinned by the lock, hashes dropped: pip
# takes no hashes in constraints), and the installed `claimweave` imports one article of each
# format. Offline: pip's cache or its configured index only.
INSTALL_CHECK := build/install-check
test-install: $(STAMP)
	rm -rf $(INSTALL_CHECK) && mkdir -p $(INSTALL_CHECK)
	sed -e '/--hash=/d' -e 's/ *\\$$//' requirements.lock > $(INSTALL_CHECK)/constraints.txt
	$(BIN)/python -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
	  -w $(INSTALL_CHECK)/dist .
	$(PYTHON) -m venv $(INSTALL_CHECK)/venv
	$(INSTALL_CHECK)/venv/bin/python -m pip install --quiet --disable-pip-version-check \
	  -c $(INSTALL_CHECK)/constraints.txt $(INSTALL_CHECK)/dist/claimweave-*.whl
	cd $(INSTALL_CHECK) && venv/bin/python $(CURDIR)/tests/install/installed_check.py

lint: $(STAMP)
	$(BIN)/ruff check desktop tests
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m pytest -q -s -p no:cacheprovider tests/perf

demo: $(STAMP)
	$(BIN)/python -m claimweave.demo $(DEMO)

# A one-folder build of the desktop program in dist/ClaimWeave (packaging/README.md).
# PyInstaller is a build tool, not a dependency: installed into .venv only here.
PYINSTALLER_VERSION := 6.22.3
package: $(STAMP)
	@$(BIN)/python -c "import PyInstaller" 2>/dev/null && \
	  test "$$($(BIN)/python -c 'import PyInstaller; print(PyInstaller.__version__)')" = "$(PYINSTALLER_VERSION)" || \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check "pyinstaller==$(PYINSTALLER_VERSION)"
	$(BIN)/python packaging/render_icons.py --check
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
	  packaging/claimweave.spec
	@du -sh dist/ClaimWeave

# Re-pin after editing pyproject.toml dependencies (needs uv in the venv: pip install uv).
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --generate-hashes --no-header -o requirements.lock

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache

# Screenshots of every window and dialog at 1280x720 and 1920x1080 (on Xvfb when there is no
# display; apt-get install xvfb), into tour-screenshots/. On demand, not part of make test.
tour: $(STAMP)
	$(BIN)/python tests/tour/screenshot_tour.py --out tour-screenshots
