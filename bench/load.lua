-- wrk script of `make bench`: each wrk thread with a logged-in session of its own (one line of
-- COOKIE-FILE, a "Cookie:" header value per line), opening one page over and over, with an
-- optional think time between requests (THINK-MS, 0 for none: the saturated throughput).
--   wrk -t2 -c20 -d5s -s bench/load.lua http://127.0.0.1:8460 -- PATH COOKIE-FILE THINK-MS
-- done() prints "name value" lines: latency percentiles in ms, requests, requests per second,
-- answers other than 200, socket errors and timeouts.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  path = args[1]
  local cookies = {}
  for line in io.lines(args[2]) do
    if line ~= "" then table.insert(cookies, line) end
  end
  cookie = cookies[(id % #cookies) + 1]
  think = tonumber(args[3]) or 0
  math.randomseed(id * 7919 + 17)
  bad = 0
end

function request()
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end

function delay()
  if think <= 0 then return 0 end
  return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, thread in ipairs(threads) do
    non200 = non200 + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format("p50 %.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("p95 %.3f\n", latency:percentile(95) / 1000))
  io.write(string.format("max %.3f\n", latency.max / 1000))
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("rps %.3f\n", summary.requests / (summary.duration / 1000000)))
  io.write(string.format("non200 %d\n", non200))
  io.write(string.format("errors %d\n", e.connect + e.read + e.write + e.timeout))
end
