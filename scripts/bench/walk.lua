-- wrk script: walk a list of URL paths instead of hammering one URL.
--
--   wrk -t1 -c16 -d30s --timeout 10s -s walk.lua http://127.0.0.1:PORT -- LIST_FILE
--
-- LIST_FILE holds one path (with its query string) per line; blank lines and lines starting
-- with '#' are skipped. Requests go to the host of the URL given to wrk.
--
-- Order: the list is walked round robin. wrk's Lua API has no handle on a connection (only on
-- a thread), so each thread keeps one cursor that hands the next path to whichever of its
-- connections asks next. With one thread (what bench.sh runs) the C connections' first requests
-- are paths 1..C, i.e. every connection starts at a different offset, and afterwards every path
-- of the list is asked in turn. With T threads, thread t starts at offset t * #list / T.
-- (The generator shuffles the lists, so neighbouring paths are unrelated queries.)
--
-- Counting: every response whose status is not 2xx is counted (by status) in response();
-- socket errors (connect, read, write, timeout) come from wrk's summary. done() prints one line
-- "BENCH_JSON {...}" that scripts/bench/summarise.py reads: requests, duration, req/s,
-- latency percentiles (microseconds), non-2xx by status, socket errors.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file = args[1]
  if file == nil then
    error("walk.lua: give the list file after --")
  end
  local nthreads = tonumber(args[2] or "") or 1
  requests_list = {}
  for line in io.lines(file) do
    if line ~= "" and string.sub(line, 1, 1) ~= "#" then
      requests_list[#requests_list + 1] = wrk.format("GET", line)
    end
  end
  count = #requests_list
  if count == 0 then
    error("walk.lua: no path in " .. file)
  end
  cursor = math.floor((thread_id or 0) * count / nthreads)
  non2xx = 0
  statuses = {}
end

function request()
  cursor = cursor % count + 1
  return requests_list[cursor]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    local key = tostring(status)
    statuses[key] = (statuses[key] or 0) + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  local by_status = {}
  local listed = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non2xx") or 0)
    listed = math.max(listed, thread:get("count") or 0)
    local s = thread:get("statuses") or {}
    for k, v in pairs(s) do
      by_status[k] = (by_status[k] or 0) + v
    end
  end
  local parts = {}
  for k, v in pairs(by_status) do
    parts[#parts + 1] = string.format('"%s":%d', k, v)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_s":%.3f,"rps":%.2f,"bytes":%d,' ..
    '"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d},' ..
    '"non2xx":%d,"statuses":{%s},' ..
    '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"wrk_status_errors":%d,' ..
    '"paths":%d}\n',
    summary.requests, seconds, seconds > 0 and summary.requests / seconds or 0, summary.bytes,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max,
    bad, table.concat(parts, ","),
    e.connect, e.read, e.write, e.timeout, e.status,
    listed))
end
