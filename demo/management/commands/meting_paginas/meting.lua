-- wrk script of manage.py bench_pages: counts the answers that are not 2xx (wrk itself counts
-- only those of 400 and above) and prints one parseable line at the end.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  niet2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    niet2xx = niet2xx + 1
  end
end

function done(summary, latency, requests)
  local niet = 0
  for _, thread in ipairs(threads) do
    niet = niet + (thread:get("niet2xx") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "WRK_UITSLAG verzoeken=%d duur_us=%d rps=%.3f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f "
      .. "max_ms=%.3f connect=%d read=%d write=%d timeout=%d status=%d niet2xx=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status, niet))
end
