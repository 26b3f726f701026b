-- wrk script: each request comes from one of 5000 visitors (address via
-- X-Forwarded-For, trusted with TRUSTED_PROXY_COUNT=1) with a browser's agent.
math.randomseed(os.time())
wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
request = function()
  local visitor = math.random(1, 5000)
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", visitor % 200, math.floor(visitor / 200) % 250, 7)
  return wrk.format("GET", wrk.path)
end
