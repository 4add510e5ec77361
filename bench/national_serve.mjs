// The client of bench/national.sh's cold-server step: against a `waymark serve` started at
// START_MS (milliseconds since the epoch, taken just before the server was launched), it asks
// for one council's judgements of one indicator (`/api/v1/assessments?indicator=&area=`) and
// then for that indicator's page, and reports how long after the start each was answered; then
// it makes REQUESTS sequential requests on one keep-alive connection, alternating the API and
// indicator pages over the indicators and councils given, and reports the last one's latency and
// the distribution. Prints one JSON object.
//
// Usage: node bench/national_serve.mjs URL START_MS REQUESTS INDICATORS AREAS
// (INDICATORS and AREAS comma-separated; the first of each is used for the first requests).
import http from 'node:http';

const [url, startArg, requestsArg, indicatorsArg, areasArg] = process.argv.slice(2);
const start = Number(startArg);
const requests = Number(requestsArg);
const indicators = indicatorsArg.split(',');
const areas = areasArg.split(',');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

// One GET; resolves with the status, the body's size and the latency in milliseconds.
function get(path) {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}${path}`, { agent, timeout: 600000 }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => { bytes += chunk.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes, ms: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`no answer to ${path}`)));
  });
}

const apiPath = (i, a) => `/api/v1/assessments?indicator=${i}&area=${a}`;
const pagePath = (i, a) => `/indicators/${i}?area=${a}`;

function check(r, path) {
  if (r.status !== 200) throw new Error(`${path}: status ${r.status}`);
  return r;
}

const firstApi = check(await get(apiPath(indicators[0], areas[0])), apiPath(indicators[0], areas[0]));
const firstApiAt = Date.now() - start;
const firstPage = check(await get(pagePath(indicators[0], areas[0])), pagePath(indicators[0], areas[0]));
const firstPageAt = Date.now() - start;
const latencies = [];
const t0 = performance.now();
for (let k = 0; k < requests; ++k) {
  const i = indicators[k % indicators.length];
  const a = areas[(k * 7) % areas.length];
  const path = k % 2 === 0 ? apiPath(i, a) : pagePath(i, a);
  latencies.push(check(await get(path), path).ms);
}
const total = performance.now() - t0;
const sorted = [...latencies].sort((x, y) => x - y);
const at = (f) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))];
console.log(JSON.stringify({
  first_api_s: firstApiAt / 1000, first_api_ms: firstApi.ms, first_api_bytes: firstApi.bytes,
  first_page_s: firstPageAt / 1000, first_page_ms: firstPage.ms, first_page_bytes: firstPage.bytes,
  requests, last_ms: latencies[latencies.length - 1], p50_ms: at(0.5), p99_ms: at(0.99),
  max_ms: sorted[sorted.length - 1], requests_per_s: requests / (total / 1000),
}));
agent.destroy();
