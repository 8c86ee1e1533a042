#!/usr/bin/env bash
# Requests per second through nginx, in one run, with wrk (make stack must be running):
# anonymous lesson (cache HIT) vs a static file, signed-in lesson vs a trivial view.
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:8080}
ARGS=${WRK_ARGS:--t2 -c32 -d10s}
LESSON=${LESSON:-/courses/python-foundations/control-flow/}
cd "$(dirname "$0")/.."
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
curl -s -c "$jar" -b "$jar" "$BASE/accounts/login/" -o "$jar.html"
token=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' "$jar.html" | sed 's/.*value="//;s/"$//')
rm -f "$jar.html"
curl -s -c "$jar" -b "$jar" -o /dev/null \
  -d "csrfmiddlewaretoken=$token&username=learner&password=elevate-learner" "$BASE/accounts/login/"
cookie=$(awk '$6 == "sessionid" || $6 == "csrftoken" {printf "%s=%s; ", $6, $7}' "$jar")
static=$(curl -s "$BASE/courses/" | grep -o '/static/css/site\.[0-9a-f]*\.css' | head -1)
curl -s -o /dev/null "$BASE$LESSON"  # fill the cache
rate() {  # name, path, [cookie]
  local extra=()
  [ -n "${3:-}" ] && extra=(-H "Cookie: $3")
  local rps
  rps=$(wrk $ARGS "${extra[@]}" "$BASE$2" | awk '/Requests\/sec/ {print $2}')
  printf '%-36s %10s req/s   %s\n' "$1" "$rps" "$2"
}
rate "anonymous lesson (nginx cache HIT)" "$LESSON"
rate "static file (nginx)" "$static"
rate "signed-in lesson (2 replicas)" "$LESSON" "$cookie"
rate "trivial view /healthz (2 replicas)" "/healthz"
