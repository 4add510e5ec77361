// The load benchmark's HTTP client (load_writers.mjs): a virtual user with one keep-alive
// connection (node's http module) and a cookie jar, and the small helpers its forms need.
import http from 'node:http';

export class User {
  // `options.note(kind, res, outcome, detail)` is told of every failed request (a reset or
  // refused connection, no answer within `options.timeoutMs`).
  constructor(id, port, options) {
    this.id = id;
    this.port = port;
    this.options = options;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.cookies = new Map();
    this.seq = 0;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keepCookies(setCookie) {
    for (const line of setCookie || []) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  // One request of `kind`; resolves to { status, body, location, retryAfter, ms }, or to null
  // (noted as an error) when the connection fails or the timeout passes.
  send(kind, method, target, { body, type, headers = {} } = {}) {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const { timeoutMs, note } = this.options;
    return new Promise((resolve) => {
      const h = { ...headers };
      if (this.cookies.size) h.cookie = this.cookieHeader();
      if (body !== undefined) {
        h['content-type'] = type;
        h['content-length'] = Buffer.byteLength(body);
      }
      let settled = false;
      const fail = (why, detail) => {
        if (settled) return;
        settled = true;
        note(kind, { ms: elapsed() }, `error:${why}`, `${method} ${target} ${detail}`);
        resolve(null);
      };
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path: target,
                                 headers: h, agent: this.agent }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', (err) => fail(err.code || 'response', err.message));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          this.keepCookies(res.headers['set-cookie']);
          resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'),
                    location: res.headers.location || '', retryAfter: res.headers['retry-after'],
                    ms: elapsed() });
        });
      });
      req.setTimeout(timeoutMs, () => {
        fail('timeout', `no answer in ${timeoutMs} ms`);
        req.destroy();
      });
      req.on('error', (err) => fail(err.code || 'request', err.message));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}

export const csrfOf = (html) => (html.match(/name="csrf_token" value="([0-9a-f]+)"/) || [])[1];
export const form = (fields) => new URLSearchParams(fields).toString();
export const kForm = 'application/x-www-form-urlencoded';
export const pick = (list) => list[Math.floor(Math.random() * list.length)];

// One of `entries` ([value, weight] pairs), chosen in proportion to the weights.
export function pickWeighted(entries) {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = Math.random() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1][0];
}
