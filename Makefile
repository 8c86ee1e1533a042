# Elevate Learning: `make help` lists the targets.
# Everything runs from a local virtualenv (.venv) that the targets create when missing.

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
HOST    ?= 127.0.0.1
PORT    ?= 8000
# MariaDB/MySQL for the tests marked `mysql` (the race tests). Root with no password is
# what this project's CI machine has; override on a laptop.
MYSQL_TEST_URL ?= mysql://root@127.0.0.1:3306/elevate
PIP     := $(BIN)/pip install --quiet --disable-pip-version-check
MANAGE  := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help run test test-fast lint format check migrate seed clean system-deps screenshots venv stack stack-down stack-status measure
.PHONY: check-deploy lock images compose compose-down swarm swarm-down swarm-scale

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/activate: requirements.txt requirements-dev.txt
	@$(MAKE) --no-print-directory system-deps
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements-dev.txt 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -c "import django, wagtail, MySQLdb, reportlab"  # fail here, not later
	touch $(BIN)/activate

venv: $(BIN)/activate

system-deps: ## Install the Debian packages that pip needs (mysqlclient headers), when root
	@if ! pkg-config --exists mysqlclient 2>/dev/null && ! pkg-config --exists mariadb 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing libmariadb-dev (needed to build mysqlclient)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libmariadb-dev >/dev/null; \
	  else echo "Install the MySQL/MariaDB client headers (Debian: libmariadb-dev) first."; exit 1; fi; \
	fi

migrate: venv ## Apply database migrations
	$(MANAGE) migrate --noinput

seed: migrate ## Load the demo courses and users (safe to repeat)
	# The Site's address is where `make run` serves: links in e-mails point there.
	$(MANAGE) seed_demo --hostname $(HOST) --port $(PORT)

run: seed ## Set up everything; serve the site on http://$(HOST):$(PORT) with the task worker
	@echo "Serving Elevate Learning on http://$(HOST):$(PORT)/ and running background tasks (Ctrl-C stops both)"
	$(BIN)/python scripts/run.py $(HOST):$(PORT)

test: venv ## Run the whole suite: SQLite, MariaDB race tests, the nginx/replica stack, the browser, the Swarm stack
	DJANGO_SETTINGS_MODULE=elevate_site.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -m "not mysql and not stack and not browser and not deploy and not swarm"
	DATABASE_URL=$(MYSQL_TEST_URL) $(BIN)/pytest -m mysql
	$(BIN)/pytest -m stack
	$(BIN)/pytest -m browser
	$(BIN)/pytest -m swarm -rP  # -rP: the figures they print (requests sent, failed, spread)

test-fast: venv ## The SQLite part of the suite only
	$(BIN)/pytest -m "not mysql and not stack and not browser and not deploy and not swarm" -q

check-deploy: venv ## Deploy files through their checkers, offline; each checker refuses a broken copy
	@command -v promtool >/dev/null || $(BIN)/python -c "import sys; sys.path.insert(0, 'scripts'); \
	  from processes import apt_install; apt_install(['prometheus'])"
	$(BIN)/pytest -m deploy
	$(BIN)/python scripts/check_deploy.py

lint: venv ## ruff checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv ## Format and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: venv ## Django system checks, production settings included
	$(MANAGE) check
	DJANGO_SECRET_KEY=check-only-$$(date +%s)-not-a-real-key-but-long-enough-0123456789 \
	DJANGO_ALLOWED_HOSTS=example.com DATABASE_URL=sqlite:///tmp/check.sqlite3 REDIS_URL=redis://127.0.0.1:6379/0 \
	$(BIN)/python manage.py check --deploy --settings=elevate_site.settings.production

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 var .pytest_cache .ruff_cache

screenshots: venv ## Retake docs/screenshots/*.png (needs the site running: make run)
	$(BIN)/python scripts/screenshots.py http://$(HOST):$(PORT)

stack: venv ## Run nginx + REPLICAS gunicorn replicas + task worker + MariaDB + Redis on 127.0.0.1:8080
	$(BIN)/python scripts/stack.py up

stack-down: ## Stop exactly what `make stack` started
	$(BIN)/python scripts/stack.py down

stack-status: ## Show what `make stack` started
	$(BIN)/python scripts/stack.py status

measure: ## Requests/s through nginx with wrk (needs `make stack` running and wrk installed)
	./scripts/measure.sh

# --- Benchmarks (bench/): timings live here, not in tests ---------------------------------

# The scale data's MariaDB database (the demo data's adds _demo); created when missing.
BENCH_DATABASE_URL ?= mysql://root@127.0.0.1:3306/elevate_bench
.PHONY: bench-report
bench-report: venv ## Course reports on MariaDB, demo data and seed_scale's (seeds once: minutes)
	$(BIN)/python bench/course_report.py --database-url $(BENCH_DATABASE_URL)

.PHONY: bench
bench: venv ## The stack under wrk in rounds, on demo and seed_scale data: ratios, targets, capacity (~11 min)
	$(BIN)/python bench/run.py

.PHONY: bench-growth
bench-growth: venv ## Queries and server time as courses, enrolments, comments, completions grow (~1 min; seeds once: minutes)
	$(BIN)/python bench/cost_growth.py

# --- Containers (Dockerfile, docker/, docker-compose.yml, swarm/) -------------------------

lock: venv ## Regenerate requirements.lock (exact versions + hashes) from requirements.txt
	$(PIP) "uv>=0.9,<1"
	# For the image's Python (3.11 on Linux), whatever machine runs this; every file's hash.
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock" \
	  --output-file requirements.lock requirements.txt

images: venv ## Build the images (web, nginx, prometheus, exporters); makes missing base images locally
	$(BIN)/python scripts/containers.py images

compose: images ## docker-compose.yml on this host: nginx :80 (127.0.0.1) → 2 web → MariaDB + Redis
	$(BIN)/python scripts/containers.py compose-up

compose-down: ## Stop and remove the compose services (the database volume stays)
	$(BIN)/python scripts/containers.py compose-down

swarm: venv ## Docker Swarm: engine, swarm init, images, secrets, migrations, deploy swarm/stack.yml, wait
	$(BIN)/python scripts/swarm.py up

swarm-down: ## Remove the Swarm stack (volumes, secrets and the swarm stay)
	$(BIN)/python scripts/swarm.py down

swarm-scale: ## Scale web: make swarm-scale N=5 (= docker service scale elevate_web=5, then wait)
	$(BIN)/python scripts/swarm.py scale $(N)
