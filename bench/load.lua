-- wrk script for bench/load.sh. Usage: wrk -t1 ... -s bench/load.lua URL -- MODE [PATH]
--   get-anon PATH | get-company PATH | get-staff PATH : GET with that login's cookie
--   save    : autosave POSTs, each to a slot (company x area) of its own, with a unique text
--   submit  : each submitter company submits its questionnaire once
-- Prints one JSON line of figures, including the statuses seen, from done().
local sessions = dofile("bench/.load/sessions.lua")
local areas = {"digitalisation", "automation", "productivity", "business_model", "competence",
               "sustainability"}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  mode = args[1]
  path = args[2] or "/"
  statuses = {}
  sent = 0
  stopped = 0
  -- run with one wrk thread (-t1): it owns every slot
  first = 1
  last = (mode == "save") and (#savers * #areas) or #submitters
  nextslot = first
end

local function cookie_header(session)
  return {["Cookie"] = "session=" .. session.cookie, ["User-Agent"] = user_agent}
end

function request()
  if mode == "get-anon" then
    return wrk.format("GET", path, {["User-Agent"] = user_agent})
  elseif mode == "get-company" then
    return wrk.format("GET", path, cookie_header(savers[1]))
  elseif mode == "get-staff" then
    return wrk.format("GET", path, cookie_header(staff[1]))
  end
  local slot = nextslot
  nextslot = nextslot + 1
  if slot > last then  -- every slot used: keep the connection busy with a cheap GET
    return wrk.format("GET", "/healthz", {["User-Agent"] = user_agent})
  end
  sent = sent + 1
  local headers
  if mode == "save" then
    local session = savers[math.floor((slot - 1) / #areas) + 1]
    local area = areas[(slot - 1) % #areas + 1]
    headers = cookie_header(session)
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["X-Autosave"] = "1"
    local body = "csrf_token=" .. urlencode(session.csrf) .. "&priority=3&nav=autosave" ..
                 "&text=" .. urlencode("bench-save-" .. slot)
    return wrk.format("POST", "/company/questionnaire/" .. area, headers, body)
  else
    local session = submitters[slot]
    headers = cookie_header(session)
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", "/company/questionnaire/submit", headers,
                      "csrf_token=" .. urlencode(session.csrf))
  end
end

function response(status, headers, body)
  if mode == "submit" and status == 302 then
    -- a submission that went through lands on the status page; a refused one on the review
    local location = headers["Location"] or ""
    if location:sub(-9) == "/company/" then status = 303 end  -- counted apart as "accepted"
  end
  statuses[status] = (statuses[status] or 0) + 1
  if (mode == "save" or mode == "submit") and nextslot > last then
    wrk.thread:stop()  -- every slot used: the run is over
  end
end

function done(summary, latency, requests)
  local counts = {}
  local issued = 0
  for _, thread in ipairs(threads) do
    issued = issued + (thread:get("sent") or 0)
    local s = thread:get("statuses")
    for status, n in pairs(s) do counts[status] = (counts[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%d": %d', status, n)) end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.2f, "rps": %.1f, "p50_ms": %.1f, "p99_ms": %.1f, ' ..
    '"socket_errors": %d, "issued": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, issued,
    table.concat(parts, ", ")))
end
