-- wrk script for bench/bounce-log-wrk.sh: every response must be a 200 whose body holds MARKER (an expired session
-- answers 302 to the login, which wrk alone would count as a success); prints the check and the latency percentiles
-- on lines the shell script reads.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  good = 0
  bad = 0
  first_bad = ""
  marker = os.getenv("MARKER") or 'id="bounce-log"'
end

function response(status, headers, body)
  if status == 200 and body ~= nil and string.find(body, marker, 1, true) then
    good = good + 1
  else
    bad = bad + 1
    if first_bad == "" then
      first_bad = tostring(status) .. " " .. string.sub(body or "", 1, 120):gsub("%s+", " ")
    end
  end
end

function done(summary, latency, requests)
  local g, b, fb = 0, 0, ""
  for _, t in ipairs(threads) do
    g = g + t:get("good")
    b = b + t:get("bad")
    if fb == "" then fb = t:get("first_bad") or "" end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT good=%d bad=%d errors=%d rps=%.0f p50=%.1f p90=%.1f p99=%.1f max=%.1f\n",
    g, b, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  if b > 0 then
    io.write("FIRST_BAD " .. fb .. "\n")
  end
end
