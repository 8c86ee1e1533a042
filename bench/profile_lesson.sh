#!/bin/sh
# Profile the signed-in lesson page on one running replica (issue 10: before and after the
# changes). Needs a stack from scripts/stack.py (demo data), wrk, and py-spy in the venv
# (.venv/bin/pip install py-spy). Everything stays on 127.0.0.1; every load is bounded.
#
#   STACK_DIR=var/profile-stack NGINX_PORT=8580 NGINX_INTERNAL_PORT=8581 APP_PORT=8501 \
#     MARIADB_PORT=3357 REDIS_PORT=6357 STACK_PRIVATE_SERVICES=1 .venv/bin/python scripts/stack.py up
#   STACK_DIR=var/profile-stack APP_PORT=8501 NGINX_PORT=8580 sh bench/profile_lesson.sh
#
# Writes OUT (var/profile, not in git): wrk outputs, py-spy speedscope/raw/SVG per scenario,
# a py-spy dump, and summary.txt (bench/profile_summary.py over the raw stacks).
set -eu
cd "$(dirname "$0")/.."
STACK_DIR=${STACK_DIR:-var/stack}
APP_PORT=${APP_PORT:-8001}
NGINX_PORT=${NGINX_PORT:-8080}
OUT=${OUT:-var/profile}
DURATION=${DURATION:-10}      # seconds of each wrk throughput run
PROFILE_SECONDS=${PROFILE_SECONDS:-20}
RATE=${RATE:-250}             # py-spy samples per second
LESSON=${LESSON:-/courses/python-foundations/functions/}
LEARNER=${LEARNER:-learner}   # a demo user; their password is elevate-<name>
HOSTHDR="127.0.0.1:$NGINX_PORT"   # the Wagtail Site's hostname:port (seed_demo --port)
APP="http://127.0.0.1:$APP_PORT"
NGINX="http://127.0.0.1:$NGINX_PORT"
PYSPY=.venv/bin/py-spy
mkdir -p "$OUT"

# Sign in as the demo learner (LEARNER).
jar="$OUT/cookies.txt"; rm -f "$jar"
curl -sf -c "$jar" -b "$jar" -H "Host: $HOSTHDR" "$APP/accounts/login/" -o /dev/null
csrf=$(awk '$6=="csrftoken"{print $7}' "$jar")
curl -sf -c "$jar" -b "$jar" -H "Host: $HOSTHDR" -o /dev/null \
  -d "csrfmiddlewaretoken=$csrf&username=$LEARNER&password=elevate-$LEARNER&next=/" "$APP/accounts/login/"
sid=$(awk '$6=="sessionid"{print $7}' "$jar")
[ -n "$sid" ] || { echo "log-in failed" >&2; exit 1; }
COOKIE="Cookie: sessionid=$sid; csrftoken=$csrf"
curl -sf -H "Host: $HOSTHDR" -H "$COOKIE" "$APP$LESSON" | grep -q 'Log out' \
  || { echo "the lesson is not signed in" >&2; exit 1; }

master=$(cat "$STACK_DIR/replicas/0/gunicorn.pid")
bench() { # name url [cookie]
  name=$1; url=$2; shift 2
  if [ $# -gt 0 ]; then set -- -H "$1"; fi
  wrk -t2 -c16 -d"${DURATION}s" --latency -H "Host: $HOSTHDR" "$@" "$url" > "$OUT/wrk-$name.txt"
  printf '%-28s %10s req/s  p50 %s\n' "$name" \
    "$(awk '/Requests\/sec/{print $2}' "$OUT/wrk-$name.txt")" \
    "$(awk '$1=="50%"{print $2}' "$OUT/wrk-$name.txt")"
}
profile() { # name url [cookie]: py-spy on the replica's master and its workers under load
  name=$1; url=$2; shift 2
  if [ $# -gt 0 ]; then set -- -H "$1"; fi
  wrk -t2 -c16 -d"$((PROFILE_SECONDS + 4))s" -H "Host: $HOSTHDR" "$@" "$url" > "$OUT/wrk-profiled-$name.txt" &
  wrkpid=$!
  sleep 2
  $PYSPY record --pid "$master" --subprocesses --rate "$RATE" --duration "$PROFILE_SECONDS" \
    --format raw --output "$OUT/profile-$name.raw" --nonblocking >/dev/null 2>&1
  wait $wrkpid
  .venv/bin/python bench/profile_summary.py "$OUT/profile-$name.raw" > "$OUT/summary-$name.txt"
}

uptime
echo "== throughput on one replica ($APP, 2 sync workers), wrk -t2 -c16 -d${DURATION}s"
bench healthz "$APP/healthz"
bench trivial "$APP/bench/trivial/"
bench routed-405 "$APP/learning/courses/1/enroll/"
bench login-get-anonymous "$APP/accounts/login/"
bench lesson-anonymous "$APP$LESSON"
bench lesson-signed-in "$APP$LESSON" "$COOKIE"
echo "== through nginx ($NGINX, 2 replicas)"
bench nginx-lesson-cached "$NGINX$LESSON"
bench nginx-lesson-bypassed "$NGINX$LESSON?nocache=1"
bench nginx-lesson-signed-in "$NGINX$LESSON" "$COOKIE"

echo "== py-spy ($PROFILE_SECONDS s at $RATE Hz, master $master and its workers)"
profile lesson-signed-in "$APP$LESSON" "$COOKIE"
profile lesson-anonymous "$APP$LESSON"
profile routed-405 "$APP/learning/courses/1/enroll/"
# The signed-in lesson once more as speedscope JSON and a flame graph (SVG).
wrk -t2 -c16 -d24s -H "Host: $HOSTHDR" -H "$COOKIE" "$APP$LESSON" >/dev/null &
wrkpid=$!
sleep 2
$PYSPY record --pid "$master" --subprocesses --rate "$RATE" --duration 8 --nonblocking \
  --format speedscope --output "$OUT/profile-lesson-signed-in.speedscope.json" >/dev/null 2>&1
# Function names without line numbers and 100 samples a second: a flame graph small
# enough for git (docs/performance/).
$PYSPY record --pid "$master" --subprocesses --rate 100 --duration 10 --nonblocking --nolineno \
  --format flamegraph --output "$OUT/profile-lesson-signed-in.svg" >/dev/null 2>&1
worker=$(pgrep -P "$master" | head -1)
$PYSPY dump --pid "$worker" > "$OUT/dump-lesson-signed-in.txt" 2>&1 || true
wait $wrkpid
# The baseline's flame graph: a routed view that answers 405 with a small template.
wrk -t2 -c16 -d14s -H "Host: $HOSTHDR" "$APP/learning/courses/1/enroll/" >/dev/null &
wrkpid=$!
sleep 2
$PYSPY record --pid "$master" --subprocesses --rate 100 --duration 10 --nonblocking --nolineno \
  --format flamegraph --output "$OUT/profile-routed-405.svg" >/dev/null 2>&1
wait $wrkpid
echo "written to $OUT"
