"""`make bench` reads wrk's output into the figures of bench/results/bench.md: a real wrk
run with bench/wrk/bench.lua (POSTs that an HTTP server refused with 501)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from report import parse_wrk  # noqa: E402

REFUSED_POSTS = """\
Running 1s test @ http://127.0.0.1:8499/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.45ms    1.68ms  13.09ms   79.11%
    Req/Sec   844.57    206.07     1.56k    85.71%
  Latency Distribution
     50%    1.84ms
     75%    3.30ms
     90%    4.73ms
     99%    8.16ms
  1767 requests in 1.10s, 0.94MB read
  Non-2xx or 3xx responses: 1767
Requests/sec:   1606.41
Transfer/sec:      0.85MB
BENCH {"requests": 1767, "duration_us": 1099970, "p50_us": 1844, "p95_us": 5796, \
"p99_us": 8165, "max_us": 13087, "connect": 0, "read": 0, "write": 0, "status": 1767, \
"timeout": 0}
"""


def test_figures_and_errors_come_from_wrk_output():
    figures = parse_wrk(REFUSED_POSTS)
    assert figures["rps"] == pytest.approx(1606.4, abs=0.1)  # wrk's own Requests/sec
    assert (figures["p50_ms"], figures["p95_ms"], figures["p99_ms"]) == (1.844, 5.796, 8.165)
    # Every refused POST is an error: a run like this can never print "met".
    assert figures["errors"] == figures["non_2xx_3xx"] == 1767


def test_output_without_the_script_line_is_refused():
    with pytest.raises(ValueError, match="no BENCH line"):
        parse_wrk(REFUSED_POSTS.split("BENCH")[0])
