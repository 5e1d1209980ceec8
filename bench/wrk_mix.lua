-- wrk script for bench/pages.py's mixed loads: rotates through the paths given after `--`.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk_report.lua")

local paths, n = {}, 0

function init(args)
  for i = 1, #args do paths[#paths + 1] = args[i] end
end

function request()
  n = n + 1
  return wrk.format(nil, paths[(n % #paths) + 1])
end

