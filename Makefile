# Translation workflow for the brief templates and narrative phrases (docs/briefs.md).
#   make extract   re-extract msgids from src/ and templates/ into locale/dbreport.pot
#   make update    merge the .pot into locale/{vi,en}/LC_MESSAGES/dbreport.po (then translate)
#   make compile   compile the .po files to .mo (./run does this on every build)
PYBABEL ?= .venv/bin/pybabel
DOMAIN  := dbreport
EXTRACT_FLAGS := -F babel.cfg -k N_ -k NP_:1,2 -k both --no-location --sort-output \
                 --project=dbreport --msgid-bugs-address=planning@dienbien.invalid

.PHONY: extract update compile i18n
extract:
	$(PYBABEL) extract $(EXTRACT_FLAGS) -o locale/$(DOMAIN).pot .

update: extract
	$(PYBABEL) update -i locale/$(DOMAIN).pot -d locale -D $(DOMAIN) --no-fuzzy-matching --ignore-obsolete

compile:
	$(PYBABEL) compile -d locale -D $(DOMAIN)

i18n: update compile

# The lock: every package ./run installs, pinned with hashes, one file for Python 3.11 to 3.13.
# Re-resolve on purpose (to take upgrades), then run ./run test and commit requirements.lock.
#   make lock      re-resolve pyproject.toml's dependencies (+ test extra, + the build backend)
UV_VERSION := 0.13.9
TOOLS      := .tools
UV         := $(TOOLS)/bin/uv

.PHONY: lock
$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install -q uv==$(UV_VERSION)

lock: $(UV)
	printf 'setuptools>=68\n' | $(UV) pip compile pyproject.toml - --extra test --universal \
	    --python-version 3.11 --generate-hashes --no-header --quiet -o requirements.lock
