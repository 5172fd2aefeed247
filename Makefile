SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SEED_ARGS ?=
PYTEST_ARGS ?=
# The stamp lives outside .venv so a shared or symlinked venv is never written to; it depends on
# pyvenv.cfg, which a fresh venv rewrites, so a recreated venv is reinstalled too.
STAMP := var/.requirements-installed
# axe-core for the accessibility test (tests/e2e/test_aksesibilitas.py), from npm into var/npm, outside git. Without
# npm the target says so and the test skips (or fails under REQUIRE_SERVICES=1).
AXE := var/npm/node_modules/axe-core/axe.min.js

.PHONY: help install run test lint bench migrate seed backup restore

help:
	@echo "make run      server pengembangan di http://127.0.0.1:$(PORT)/ dengan worker Celery + beat"
	@echo "make test     seluruh test (SQLite lokal; PostgreSQL/Redis bila DATABASE_URL/REDIS_URL diatur)"
	@echo "make lint     ruff check dan ruff format --check"
	@echo "make bench    jalankan setiap bench/*.py"
	@echo "make migrate  terapkan migrasi;  make seed  isi data demo (SEED_ARGS='--pegawai 30000 --periode 12 --permohonan 500000 --force')"
	@echo "make backup   cadangkan basis data ke var/backup/;  make restore FILE=...  pulihkan dari cadangan"

$(VENV)/pyvenv.cfg:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt $(VENV)/pyvenv.cfg
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	mkdir -p $(@D)
	touch $@

install: $(STAMP)

$(AXE): tests/e2e/npm/package.json tests/e2e/npm/package-lock.json
	@if command -v npm >/dev/null; then \
		mkdir -p var/npm && cp tests/e2e/npm/package.json tests/e2e/npm/package-lock.json var/npm/ && \
		npm ci --prefix var/npm --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm tidak ada: axe-core tidak dipasang, test aksesibilitas dilewati (apt-get install nodejs npm)"; fi

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo $(SEED_ARGS)

# DEBUG=1 serves static files from static/ and turns off the HTTPS redirect and secure cookies.
# The worker runs in the background and is stopped when the server exits (Ctrl-C or otherwise).
run: export DEBUG = 1
run: migrate
	$(BIN)/python manage.py seed_demo --if-empty
	@$(BIN)/celery -A config worker -B --loglevel=INFO & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT; \
	echo; echo "Kinerja ASN Gorontalo: http://127.0.0.1:$(PORT)/  (halaman masuk: http://127.0.0.1:$(PORT)/masuk/)"; echo; \
	$(BIN)/python manage.py runserver 0.0.0.0:$(PORT)

# The database is the one DATABASE_URL names (default: the SQLite dev database); core/backup.py does the work.
backup: $(STAMP)
	$(BIN)/python manage.py backup_db

restore: $(STAMP)
	@[[ -n "$(FILE)" ]] || { echo "Sebutkan berkas cadangan: make restore FILE=var/backup/kinerja-....dump" >&2; exit 2; }
	$(BIN)/python manage.py restore_db "$(FILE)"

test: $(STAMP) $(AXE)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Benchmarks measure PostgreSQL; each creates and drops its own scratch database on this server. The page
# benchmark's gunicorn uses Redis for the cache and sessions, as the compose web service does.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
# Every benchmark runs even when one misses a target; bench/_laporan.py then writes bench/results.md and fails
# the target if any did.
bench: $(STAMP)
	@export DATABASE_URL="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}" REDIS_URL="$${REDIS_URL:-$(BENCH_REDIS_URL)}"; shopt -s nullglob; ran=0; gagal=""; \
	mulai=$$(date +%s); rm -f bench/out/hasil_*.json; \
	for script in bench/*.py; do \
		[[ $$(basename "$$script") == _* ]] && continue; \
		echo "== $$script ($$(date +%H:%M:%S))"; $(BIN)/python "$$script" || gagal="$$gagal $$(basename "$$script" .py)"; ran=1; \
	done; \
	[[ $$ran == 1 ]] || { echo "Belum ada benchmark di bench/."; exit 0; }; \
	echo "== bench/results.md"; $(BIN)/python bench/_laporan.py --durasi $$(( $$(date +%s) - mulai )) --gagal "$$gagal"
