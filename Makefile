# Everything runs through these targets. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# pip prints a warning per package for index mirrors some machines configure; keep the output readable.
PIP := $(BIN)/pip --disable-pip-version-check -q

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml or requirements.lock changes, so a second `make run` starts
# quickly. The exact versions of requirements.lock, the ones CI tested (docs/dependencies.md);
# pipefail: a failed install stops here, whatever the filter on the mirrors' warnings lets through.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(PIP) install --upgrade pip 2>/dev/null
	set -o pipefail; $(PIP) install -c requirements.lock ".[dev]" 2>&1 \
		| { grep -v "is ignored: it is neither a file nor a directory" || true; }
	$(BIN)/python -c "import wagtail, wagtail_localize, pytest"  # fail here if the install did not
	touch $@

# Writes requirements.lock from pip freeze: ".[dev]" resolved afresh (pip's dry run) but held to
# the versions installed in .venv, so it pins what is installed and tested, and nothing that is
# not part of ".[dev]". To move a package: install the new version into .venv, `make test`, then
# `make lock` (docs/dependencies.md).
.PHONY: lock
lock: | $(BIN)/python ## Re-pin requirements.lock to what is installed
	set -o pipefail; $(PIP) freeze --exclude-editable | grep -v "^nordic-baltic-network" > $(VENV)/lock-installed.txt
	rm -f $(VENV)/lock-report.json
	set -o pipefail; $(PIP) install --dry-run --ignore-installed --report $(VENV)/lock-report.json \
		-c $(VENV)/lock-installed.txt ".[dev]" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
	$(BIN)/python -c 'import json; \
		report = json.load(open("$(VENV)/lock-report.json")); \
		pins = [(i["metadata"]["name"], i["metadata"]["version"]) for i in report["install"] if not i.get("is_direct")]; \
		print("# The exact versions CI installs and tests: pip install -c requirements.lock \".[dev]\"."); \
		print("# Written by `make lock` from the virtual environment (docs/dependencies.md); do not edit by hand."); \
		print(*(f"{name}=={version}" for name, version in sorted(pins, key=lambda p: p[0].lower())), sep="\n")' \
		> requirements.lock.tmp
	mv requirements.lock.tmp requirements.lock

.PHONY: install
install: $(VENV)/.installed ## Create the virtual environment and install the dependencies

.PHONY: messages
messages: install ## Compile the UI translations (locale/*.po -> .mo)
	$(MANAGE) compilemessages --ignore=.venv -v0

.PHONY: makemessages
makemessages: install ## Extract UI strings into locale/*.po for translators
	$(MANAGE) makemessages -l lv -l lt -l et -l ru -l uk --no-location --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=media --ignore=build

.PHONY: setup
setup: install messages ## Install, migrate and load the demo content (idempotent)
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) seed_demo

.PHONY: run
run: setup ## Set everything up and serve the demo site on SQLite at http://127.0.0.1:$(PORT)
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin at /admin/; create a user with: $(MANAGE) createsuperuser)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

.PHONY: lint
lint: install ## ruff check, ruff format --check, djhtml --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html' 2>/dev/null || find . -name '*.html' -not -path './.venv/*')

.PHONY: format
format: install ## Apply ruff and djhtml formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files '*.html')

.PHONY: checks
checks: install messages ## Django system checks, deploy checks, missing migrations
	DJANGO_SETTINGS_MODULE=nbnet.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=nbnet.settings.production SECRET_KEY=check-deploy-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
		ALLOWED_HOSTS=network.example.org $(MANAGE) check --deploy --fail-level WARNING
	DJANGO_SETTINGS_MODULE=nbnet.settings.test $(MANAGE) makemigrations --check --dry-run

.PHONY: test
test: lint checks ## The whole suite: lint, checks, pytest on SQLite, then on PostgreSQL if TEST_POSTGRES_URL is set
	$(BIN)/pytest
	@if [ -n "$$TEST_POSTGRES_URL" ]; then \
		echo "== The suite again on PostgreSQL"; \
		DATABASE_URL="$$TEST_POSTGRES_URL" $(BIN)/pytest -m "not browser"; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI=true but TEST_POSTGRES_URL is not set: the PostgreSQL pass cannot run." >&2; exit 1; \
	else \
		echo "== PostgreSQL pass skipped: set TEST_POSTGRES_URL=postgres://USER@HOST:5432/DB to run it."; \
	fi

.PHONY: export
export: install ## Export every record (public fields) to export.json, in the import format
	$(MANAGE) export_records -o export.json

.PHONY: clean
clean: ## Remove the virtual environment, database, media and compiled files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles .pytest_cache .ruff_cache
	find locale locale_admin -name '*.mo' -delete

# Production settings on the local SQLite database: gunicorn, WhiteNoise's compressed and
# far-future-cached static files, DEBUG off. A secret key is made once into .serve-secret.
# Plain HTTP on loopback, so the HTTPS redirect is off; secure cookies mean signing in
# needs HTTPS (a proxy in front), as in production.
WORKERS ?= 2
PROD_ENV = DJANGO_SETTINGS_MODULE=nbnet.settings.production SECRET_KEY="$$(cat .serve-secret)" SECURE_SSL_REDIRECT=false

.serve-secret:
	head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > $@

# With DATABASE_URL=postgres://… the same targets set up, seed and serve PostgreSQL.
.PHONY: serve
serve: setup .serve-secret ## Serve with the production settings (gunicorn, $(WORKERS) workers, one task worker) at http://127.0.0.1:$(PORT); SQLite unless DATABASE_URL is set
	$(PROD_ENV) $(MANAGE) collectstatic --noinput -v0
	$(PROD_ENV) $(MANAGE) worker & trap "kill $$!" EXIT INT TERM; \
	$(PROD_ENV) $(BIN)/gunicorn nbnet.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

.PHONY: worker
worker: install messages .serve-secret ## Run the background worker (e-mail, imports, link check, search index) with the production settings
	$(PROD_ENV) $(MANAGE) migrate --noinput -v0
	$(PROD_ENV) $(MANAGE) worker

# The production topology on one machine: nginx in front (deploy/nginx.conf) buffering slow
# clients and serving media safely, gunicorn behind it on $(PORT), PROXY_COUNT=1.
PROXY_PORT ?= 8080
NGINX_DIR := $(CURDIR)/.nginx
.PHONY: serve-proxy
serve-proxy: setup .serve-secret ## Serve through nginx at http://127.0.0.1:$(PROXY_PORT) (gunicorn on $(PORT), PROXY_COUNT=1)
	$(PROD_ENV) $(MANAGE) collectstatic --noinput -v0
	mkdir -p $(NGINX_DIR)/run $(NGINX_DIR)/log
	$(BIN)/python deploy/render_nginx.py --server-name "127.0.0.1 localhost" --upstream 127.0.0.1:$(PORT) \
		--media-root $(CURDIR)/media --run-dir $(NGINX_DIR)/run --log-dir $(NGINX_DIR)/log \
		--user "$$(id -un)" --listen 127.0.0.1:$(PROXY_PORT) > $(NGINX_DIR)/nginx.conf
	nginx -q -t -p $(NGINX_DIR) -c $(NGINX_DIR)/nginx.conf
	nginx -p $(NGINX_DIR) -c $(NGINX_DIR)/nginx.conf -g 'daemon off;' & NGINX_PID=$$!; \
	$(PROD_ENV) $(MANAGE) worker & WORKER_PID=$$!; trap "kill $$NGINX_PID $$WORKER_PID" EXIT INT TERM; \
	$(PROD_ENV) PROXY_COUNT=1 $(BIN)/gunicorn nbnet.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

.PHONY: bench-serve
bench-serve: setup .serve-secret ## Load benchmark of the production server on the demo data (prints a table)
	$(PROD_ENV) $(MANAGE) collectstatic --noinput -v0
	$(PROD_ENV) CACHE_URL="$${CACHE_URL:-redis://127.0.0.1:6379/1}" $(BIN)/python bench/serve_bench.py $(if $(BENCH_SECONDS),--seconds $(BENCH_SECONDS))

# A copy of the demo database with 100k practitioners and 20k practices (seed_scale), made once.
LARGE_DB := bench-large.sqlite3
SCALE ?= 100000
SCALE_PRACTICES ?= 20000

$(LARGE_DB): | setup
	$(BIN)/python -c "import sqlite3; sqlite3.connect('db.sqlite3').backup(sqlite3.connect('$@.tmp'))"  # WAL: not cp
	DATABASE_URL=sqlite:///$(CURDIR)/$@.tmp $(MANAGE) seed_scale --practitioners $(SCALE) --practices $(SCALE_PRACTICES)
	$(BIN)/python -c "import sqlite3; sqlite3.connect('$@.tmp').execute('PRAGMA journal_mode=DELETE')"  # folds its -wal in
	mv $@.tmp $@

.PHONY: bench-serve-large
bench-serve-large: $(LARGE_DB) .serve-secret ## Load benchmark on 100k practitioners and 20k practices (builds $(LARGE_DB) once, ~10 min)
	$(PROD_ENV) $(MANAGE) collectstatic --noinput -v0
	# A copy made before a new migration (an index) gets it here.
	DATABASE_URL=sqlite:///$(CURDIR)/$(LARGE_DB) $(MANAGE) migrate --noinput -v0
	$(PROD_ENV) DATABASE_URL=sqlite:///$(CURDIR)/$(LARGE_DB) CACHE_URL="$${CACHE_URL:-redis://127.0.0.1:6379/1}" $(BIN)/python bench/serve_bench.py --large $(if $(BENCH_SECONDS),--seconds $(BENCH_SECONDS))

# Readers while an editor autosaves a draft or publishes (bench/live_bench.py), on the demo and
# the 100k data, SQLite and PostgreSQL: make bench-live DB=demo|large|all ENGINE=sqlite|postgres|all.
# The PostgreSQL databases nbnet_demo and nbnet_large are made once on the server LIVE_POSTGRES_URL
# (its role is created through LIVE_POSTGRES_ADMIN_URL when missing; bench/live_postgres.py).
DB ?= all
ENGINE ?= all
LIVE_POSTGRES_URL ?= postgres://nbnet:nbnet@127.0.0.1:5432
LIVE_POSTGRES_ADMIN_URL ?= postgres://postgres@127.0.0.1:5432/postgres
LIVE_ENGINES := $(if $(filter all,$(ENGINE)),sqlite postgres,$(ENGINE))
LIVE_SIZES := $(if $(filter all,$(DB)),demo large,$(DB))
LIVE_URL_sqlite_demo := sqlite:///$(CURDIR)/db.sqlite3
LIVE_URL_sqlite_large := sqlite:///$(CURDIR)/$(LARGE_DB)
LIVE_URL_postgres_demo := $(LIVE_POSTGRES_URL)/nbnet_demo
LIVE_URL_postgres_large := $(LIVE_POSTGRES_URL)/nbnet_large
LIVE_LABEL_sqlite_demo := SQLite demo
LIVE_LABEL_sqlite_large := SQLite 100k
LIVE_LABEL_postgres_demo := PostgreSQL demo
LIVE_LABEL_postgres_large := PostgreSQL 100k
LIVE_DBS := $(foreach e,$(LIVE_ENGINES),$(foreach s,$(LIVE_SIZES),$(e)_$(s)))

.PHONY: bench-db-sqlite_demo bench-db-sqlite_large bench-db-postgres_demo bench-db-postgres_large
bench-db-sqlite_demo: setup
bench-db-sqlite_large: $(LARGE_DB)
	DATABASE_URL=$(LIVE_URL_sqlite_large) $(MANAGE) migrate --noinput -v0
bench-db-postgres_demo: install messages
	LIVE_POSTGRES_URL=$(LIVE_POSTGRES_URL) LIVE_POSTGRES_ADMIN_URL=$(LIVE_POSTGRES_ADMIN_URL) \
		$(BIN)/python bench/live_postgres.py nbnet_demo
bench-db-postgres_large: install messages
	LIVE_POSTGRES_URL=$(LIVE_POSTGRES_URL) LIVE_POSTGRES_ADMIN_URL=$(LIVE_POSTGRES_ADMIN_URL) \
		$(BIN)/python bench/live_postgres.py nbnet_large --practitioners $(SCALE) --practices $(SCALE_PRACTICES)

.PHONY: bench-live
bench-live: .serve-secret $(addprefix bench-db-,$(LIVE_DBS)) ## Readers while an editor autosaves or publishes; DB=demo|large|all ENGINE=sqlite|postgres|all (builds the databases once)
	$(PROD_ENV) $(MANAGE) collectstatic --noinput -v0
	$(PROD_ENV) CACHE_URL="$${CACHE_URL:-redis://127.0.0.1:6379/1}" $(BIN)/python bench/live_bench.py \
		$(foreach d,$(LIVE_DBS),--database "$(LIVE_LABEL_$(d))=$(LIVE_URL_$(d))") $(if $(BENCH_SECONDS),--seconds $(BENCH_SECONDS)) $(BENCH_ARGS)

.PHONY: bench-search
bench-search: install ## Search benchmark: index build and p50/p95 latency at 1k/10k/100k documents (SQLite; PostgreSQL with BENCH_POSTGRES_URL)
	$(BIN)/python bench/search_bench.py --sizes $(or $(SIZES),1000 10000 100000) $(if $(BENCH_POSTGRES_URL),--postgres $(BENCH_POSTGRES_URL))

bench-title-norms: setup ## Indexing one page as the search index grows: modelsearch's title-norm refresh against ours
	$(BIN)/python bench/title_norms_bench.py $(if $(SIZES),--sizes $(SIZES))

bench-pickers: setup ## The practice editor and the people picker's search with 100k practitioners (scratch copy, ~10 min)
	$(BIN)/python bench/picker_bench.py $(if $(SCALE),--practitioners $(SCALE))

# For reviewers: every public page type in every language, phone (360×780) and desktop (1280×900),
# full-page PNGs and an index.html, found as the page-quality check finds them. Serves a scratch
# copy of db.sqlite3 (BASE_URL=http://… photographs a running site instead); needs Chromium.
SCREENSHOTS ?= build/screenshots
.PHONY: screenshots
screenshots: setup ## Phone and desktop screenshots of every page type in every language into build/screenshots/ (not committed)
	$(BIN)/python tools/screenshots.py --out $(SCREENSHOTS) $(if $(BASE_URL),--base-url $(BASE_URL)) $(if $(LANGS),--languages $(LANGS))
