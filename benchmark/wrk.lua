-- One request shape for every wrk run of benchmark/run, set from the environment:
--   WRK_METHOD (GET), WRK_BODY (a JSON body), WRK_AUTH (base64 of user:password for Basic auth),
--   WRK_STATUSES=1 to count answers by status (costs a Lua call per response, so off for the reference),
--   WRK_LABEL, WRK_CONNECTIONS and WRK_RESULTS: done() appends one line to results.tsv (see Result.java).
wrk.method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local auth = os.getenv("WRK_AUTH")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = "Basic " .. auth
end
wrk.headers["Accept"] = "application/json"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

if os.getenv("WRK_STATUSES") == "1" then
  statuses = {}
  function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("statuses")
    if counted then
      for status, n in pairs(counted) do
        counts[status] = (counts[status] or 0) + n
      end
    end
  end
  local breakdown = {}
  for status, n in pairs(counts) do
    table.insert(breakdown, status .. "=" .. n)
  end
  table.sort(breakdown)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local line = string.format("%s\t%d\t%.1f\t%d\t%.1f\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%s\n",
    os.getenv("WRK_LABEL") or "?", tonumber(os.getenv("WRK_CONNECTIONS") or "0"), seconds, summary.requests,
    summary.requests / seconds, (summary.requests - e.status) / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.timeout, e.connect + e.read + e.write, e.status, table.concat(breakdown, " "))
  local results = os.getenv("WRK_RESULTS")
  if results then
    local file = assert(io.open(results, "a"))
    file:write(line)
    file:close()
  end
  io.write(line)
end
