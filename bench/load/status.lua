-- Loaded by mixed.lua and alerts.lua: counts the answers of each wrk thread
-- by status class, and at the end prints one line "LOADJSON {...}" with the
-- counts, wrk's socket errors and the latency percentiles in microseconds,
-- for bench/load/loadreport.py. wrk's own summary counts 4xx and 5xx
-- together as "Non-2xx or 3xx"; the load run has to tell them apart.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  s2xx, s3xx, s4xx, s5xx = 0, 0, 0, 0
end

function response(status, headers, body)
  if status >= 500 then s5xx = s5xx + 1
  elseif status >= 400 then s4xx = s4xx + 1
  elseif status >= 300 then s3xx = s3xx + 1
  else s2xx = s2xx + 1 end
end

function done(summary, latency, requests)
  local n = {s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0}
  for _, t in ipairs(threads) do
    for k in pairs(n) do n[k] = n[k] + (t:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format('LOADJSON {"requests": %d, "duration_us": %d, ' ..
    '"s2xx": %d, "s3xx": %d, "s4xx": %d, "s5xx": %d, "connect": %d, ' ..
    '"read": %d, "write": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d}\n', summary.requests, summary.duration,
    n.s2xx, n.s3xx, n.s4xx, n.s5xx, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max))
end
