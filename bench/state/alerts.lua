-- POST /api/alerts with one new Alertmanager v4 alert per request (its own
-- fingerprint and start), as in a storm of distinct alerts: every request
-- is an insert that must commit before the answer. Counts statuses.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "../load/status.lua")
-- status.lua's setup and init, plus a thread number and the run's name
-- (wrk ... -- NAME), so that no two requests of any run share an alert
local status_setup, status_init = setup, init
local threads = 0
function setup(thread)
  status_setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  status_init(args)
  run_id = args[1] or "r"
end
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"version":"4","status":"firing","alerts":[' ..
    '{"status":"firing","fingerprint":"bench-%s-%d-%d","startsAt":"2026-11-24T01:00:00Z",' ..
    '"labels":{"alertname":"DatabaseConnectionPoolExhausted","service":"payment-api"},' ..
    '"annotations":{"summary":"connection pool exhausted, requests timing out"}}]}',
    run_id, tid or 0, n)
  return wrk.format("POST", "/api/alerts", {["Content-Type"] = "application/json"}, body)
end
