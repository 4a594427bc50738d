-- bench/wrk/rotate.lua: GET each path of a file in turn, one path a line.
--   wrk -t2 -c64 -d10s --latency -s bench/wrk/rotate.lua \
--       http://127.0.0.1:PORT -- build/bench/paths-search.txt
-- Each wrk thread loads the list in init() and cycles through it, so every
-- query is asked about as often as the others. Responses are not parsed in
-- Lua (that would slow wrk down); wrk's own "Non-2xx or 3xx responses"
-- line counts the failures.
local paths = {}
local i = 0

function init(args)
  local file = args[1]
  if not file then
    error("rotate.lua: give the paths file after --")
  end
  for line in io.lines(file) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("rotate.lua: no paths in " .. file)
  end
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i - 1) % #paths + 1])
end
