-- The wrk script of every `make bench` scenario (bench/run.py).
--
-- At the end it prints one line, "BENCH {json}", with the figures wrk's own summary lacks
-- (p95) in microseconds, and the errors by kind.
--
-- Signed-in scenarios set BENCH_SESSIONS to a file of "sessionid csrftoken" pairs, one
-- learner a line. Each request takes the next session in turn (each thread starts at its
-- own place), so the load spreads over every learner's session as it would over real
-- learners. BENCH_METHOD=POST sends the form fields of BENCH_BODY with that session's CSRF
-- token and a number that makes each request's text new. BENCH_THINK_MS makes each
-- connection wait that long before each request. Anonymous scenarios set none of
-- these, and wrk sends its one prepared request, as without a script.

local sessions_file = os.getenv("BENCH_SESSIONS")
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
local think_ms = tonumber(os.getenv("BENCH_THINK_MS") or "0")
local sessions = {}
local counter = 0
local started = 0

function setup(thread)
  thread:set("offset", started * 7)
  thread:set("seed", os.time() + started)
  started = started + 1
end

if sessions_file then
  function init(args)
    for line in io.lines(sessions_file) do
      local session, csrf = line:match("^(%S+)%s+(%S+)$")
      if session then
        sessions[#sessions + 1] = { session = session, csrf = csrf }
      end
    end
    counter = offset or 0
    math.randomseed(seed or os.time())
  end

  function request()
    counter = counter + 1
    local s = sessions[counter % #sessions + 1]
    local headers = { Cookie = "sessionid=" .. s.session .. "; csrftoken=" .. s.csrf }
    if method ~= "POST" then
      return wrk.format(method, nil, headers)
    end
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    local form = "csrfmiddlewaretoken=" .. s.csrf
    if body ~= "" then
      form = form .. "&" .. body .. "+" .. counter
    end
    return wrk.format("POST", nil, headers, form)
  end
end

-- A learner reads before the next click: wrk waits about this long before each request,
-- between half and one and a half times it at random, so that the learners do not click
-- all at the same moment.
if think_ms > 0 then
  function delay()
    return math.random(math.floor(think_ms / 2), math.floor(think_ms * 3 / 2))
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout
  ))
end
