-- POST /api/alerts with an Alertmanager v4 body; 50 distinct alerts, so
-- repeated deliveries of the same alert are part of the load.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "status.lua")
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"version":"4","status":"firing","alerts":[' ..
    '{"status":"firing","fingerprint":"load%d","labels":{"alertname":' ..
    '"DatabaseConnectionPoolExhausted","service":"payment-api"},' ..
    '"annotations":{"summary":"connection pool exhausted, requests timing out"}}]}',
    n % 50)
  return wrk.format("POST", "/api/alerts", {["Content-Type"] = "application/json"}, body)
end
