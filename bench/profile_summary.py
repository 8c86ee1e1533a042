"""Where a gunicorn worker's time goes, from py-spy's raw (collapsed) stacks.

    .venv/bin/python bench/profile_summary.py var/profile/profile-lesson-signed-in.raw

Samples of the workers handling a request (under gunicorn's handle_request; idle waits in
accept are left out) are put in one phase each: the deepest frame that names a phase wins,
so a query made while rendering the discussion counts as discussion, not as template
rendering. Each sample also has a kind, from its innermost frame: waiting for MariaDB,
the connection health-check ping, Redis, the ORM building SQL and model objects, the
template engine, or other Python. Prints phase × kind in percent of request time, and the
top functions by self time.
"""

import collections
import sys

# (substring of a frame, phase); the deepest matching frame of a stack decides.
PHASES = [
    ("SyncWorker.handle_request", "gunicorn: parse request, write response"),
    ("WSGIHandler.__call__", "middleware (other), Django's handler"),
    ("core/metrics.py", "middleware: metrics (Prometheus)"),
    ("django_prometheus/", "middleware: metrics (Prometheus)"),
    ("core/logging.py", "middleware: request id, logging"),
    ("core/csp.py", "middleware: CSP"),
    ("core/cache_policy.py", "middleware: cache policy"),
    ("axes/", "middleware: axes"),
    ("BaseHandler._get_response", "view and response (other)"),
    ("sessions/", "session (cached_db: Redis)"),
    ("csrf", "CSRF"),
    ("contrib/messages", "messages"),
    ("redirects/middleware", "redirects middleware"),
    ("AuthenticationMiddleware", "session/auth: the user"),
    ("get_user (django/contrib/auth", "session/auth: the user"),
    ("serve (wagtail/views.py", "Wagtail serve (other)"),
    ("Site.find_for_request", "routing: the Site"),
    ("route_for_request", "routing: page tree (home, catalogue, course, lesson)"),
    ("core/routing.py", "routing: page tree (home, catalogue, course, lesson)"),
    ("check_view_restrictions", "privacy: view restrictions"),
    ("AbstractPage.serve", "view: page context (progress, outline)"),
    ("get_context", "view: page context (progress, outline)"),
    ("learning/progress.py", "view: page context (progress, outline)"),
    ("SimpleTemplateResponse.render", "templates: layout, lesson, outline"),
    ("wagtail/blocks/", "templates: StreamField body"),
    ("wagtail/rich_text", "templates: StreamField body"),
    ("pageurl (", "templates: page URLs ({% pageurl %}, get_url)"),
    ("AbstractPage.get_url", "templates: page URLs ({% pageurl %}, get_url)"),
    ("community/", "discussion (tag, queries, templates)"),
]
KINDS = [
    ("is_usable", "DB health-check ping"),
    ("MySQLdb/", "MariaDB round trip"),
    ("redis/", "Redis"),
    ("django_redis/", "Redis"),
    ("django/db/", "ORM: SQL building, objects"),
    ("django/template/", "template engine"),
]


# Middleware and on_serve_page hooks that wrap the rest of the request: their frames are on
# every stack below them, so they name no phase of their own.
# Wagtail's privacy hook wraps page.serve too, but what runs below it in the page is
# claimed by deeper phases (view context), so it keeps its own name.
WRAPPERS = ("__call__ (", ".<locals>.inner (")
KEEP = ("WSGIHandler", "check_view_restrictions")


def classify(frames, table, default):
    found = default
    for frame in frames:
        if any(w in frame for w in WRAPPERS) and not any(k in frame for k in KEEP):
            continue
        for needle, label in table:
            if needle in frame:
                found = label
                break
    return found


def main(path):
    phases = collections.Counter()
    kinds = collections.Counter()
    cross = collections.Counter()
    self_time = collections.Counter()
    total = 0
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        frames = [f for f in stack.split(";") if not f.startswith("process ")]
        if not any("SyncWorker.handle_request" in f for f in frames):
            continue  # the master, or a worker waiting in accept()
        n = int(count)
        total += n
        phase = classify(frames, PHASES, "other")
        kind = classify([f.replace("__call__ (", "(") for f in frames[-1:]], KINDS, "other Python")
        if kind == "other Python" and any("MySQLdb/" in f for f in frames[-4:]):
            kind = "MariaDB round trip"
        phases[phase] += n
        kinds[kind] += n
        cross[phase, kind] += n
        self_time[frames[-1]] += n
    if not total:
        raise SystemExit("no request samples")

    def pct(n):
        return f"{100 * n / total:5.1f} %"

    print(f"{path}: {total} samples of workers answering requests\n")
    print("By phase (deepest phase frame), with the kinds of work inside it:")
    for phase, n in phases.most_common():
        inside = ", ".join(
            f"{k} {100 * cross[phase, k] / n:.0f}%"
            for k, _ in kinds.most_common()
            if cross[phase, k]
        )
        print(f"  {pct(n)}  {phase}  [{inside}]")
    print("\nBy kind (innermost frame):")
    for kind, n in kinds.most_common():
        print(f"  {pct(n)}  {kind}")
    print("\nTop 20 functions by self time:")
    for frame, n in self_time.most_common(20):
        print(f"  {pct(n)}  {frame}")


if __name__ == "__main__":
    main(sys.argv[1])
