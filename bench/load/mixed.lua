-- GET /api/search and /api/similar in turn, over several queries.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "status.lua")
local paths = {
  "/api/search?q=timeout", "/api/search?q=connection+pool",
  "/api/search?q=sev:1+database", "/api/search?q=%22certificate+has+expired%22",
  "/api/similar?q=KubePodCrashLooping+OOMKilled+payment-api",
  "/api/similar?q=DatabaseConnectionPoolExhausted+requests+timing+out",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
