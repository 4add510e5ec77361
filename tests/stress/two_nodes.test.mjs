// The shared deployment on the throwaway PostgreSQL cluster (scripts/pg-test-cluster.sh sets
// WAYMARK_TEST_PG): the demo database copied SQLite → PostgreSQL → SQLite with identical exports,
// then two `waymark serve` nodes on the one PostgreSQL database. A sign-in on one node is valid
// on the other, a form's CSRF token from one is accepted by the other, failed sign-ins on one
// count on the other, and a change made through one, or by a command, is read through each at
// the next request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { root, waymark, run, runOk, tempDir } from './kit.mjs';

const cluster = process.env.WAYMARK_TEST_PG;
const password = 'two-nodes-Waymark-2019';
const skip = cluster ? false : 'WAYMARK_TEST_PG is not set (make test starts a cluster for it)';

let dir;
let demo;
let address;  // the PostgreSQL database both nodes serve
const nodes = [];

// A new database on the cluster, and its address.
function newDatabase(name) {
  execFileSync('psql', [cluster, '-q', '-c', `CREATE DATABASE ${name} TEMPLATE template0`]);
  const url = new URL(cluster);
  url.pathname = `/${name}`;
  return url.toString();
}

async function startNode(db) {
  const server = spawn(waymark, ['--db', db, 'serve', '--port', '0', '--insecure-cookies',
    '--log-file', path.join(dir, `node${nodes.length}.log`)], { stdio: ['ignore', 'pipe', 'inherit'] });
  nodes.push(server);
  let output = '';
  server.stdout.setEncoding('utf8');
  for await (const chunk of server.stdout) {
    output += chunk;
    const m = output.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) return m[1];
  }
  throw new Error(`waymark serve ended without an address: ${output}`);
}

// The cookies a response sets, as NAME=VALUE pairs.
function cookiesOf(res) {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).filter((c) => !c.endsWith('='));
}

function csrfOf(html) {
  const m = html.match(/name="csrf_token" value="([^"]+)"/);
  assert.ok(m, 'the page has a CSRF token');
  return m[1];
}

before(() => {
  if (skip) return;
  dir = tempDir('waymark-two-nodes-');
  demo = path.join(dir, 'demo.db');
  execFileSync(path.join(root, 'scripts/demo-db.sh'), [demo], {
    env: { ...process.env, WAYMARK: waymark, WAYMARK_DEMO_PASSWORD: password },
    stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024,
  });
  address = newDatabase(`two_nodes_${process.pid}`);
});

after(async () => {
  for (const node of nodes) {
    if (node.exitCode === null) {
      node.kill('SIGTERM');
      await once(node, 'exit');
    }
  }
});

// What the demo database gives out: every export and listing a user or a board can take away.
function exportsOf(db) {
  const out = {};
  for (const args of [['export', 'assessments'], ['export', 'gaps'], ['export', 'slopes'],
                      ['plan', 'list'], ['plan', 'show', 'barnet-2019-23', '--format', 'json'],
                      ['plan', 'history', 'barnet-2019-23'], ['audit', 'list', '--format', 'csv'],
                      ['user', 'list'], ['token', 'list'], ['survey', 'list'],
                      ['cycle', 'list', '--format', 'json'], ['update', 'list', '--cycle', '1'],
                      ['report', 'list'], ['finding', 'list', '--plan', 'barnet-2019-23'],
                      ['index', 'export'], ['indicators', 'list']]) {
    const lines = runOk(db, args).stdout.split('\n');
    // The copy's own audit entries are the only difference a copy may make.
    out[args.join(' ')] = lines.filter((l) => !l.includes('database.copy')).join('\n');
  }
  return out;
}

test('the demo database goes to PostgreSQL and back with identical exports', { skip }, () => {
  const there = runOk(demo, ['copy', '--from', demo, '--to', address]);
  assert.match(there.stdout, /copied .* tables, \d+ rows/);
  const back = path.join(dir, 'back.db');
  runOk(demo, ['copy', '--from', address, '--to', back]);
  const original = exportsOf(demo);
  assert.deepEqual(exportsOf(address), original);
  assert.deepEqual(exportsOf(back), original);
  // The target must be empty: a second copy is refused and changes nothing.
  const again = run(demo, ['copy', '--from', demo, '--to', back]);
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /not empty: table plans has \d+ rows/);
  assert.deepEqual(exportsOf(back), original);
});

test('two nodes on one database share sign-ins, CSRF tokens and changes', { skip }, async () => {
  const a = await startNode(address);
  const b = await startNode(address);
  // Signed out, node B sends the admin pages to the sign-in form.
  let res = await fetch(`${b}/admin/audit`, { redirect: 'manual' });
  assert.equal(res.status, 303);

  // Sign in on node A.
  res = await fetch(`${a}/sign-in`);
  const presession = cookiesOf(res);
  const form = new URLSearchParams({ csrf_token: csrfOf(await res.text()), next: '/',
                                     email: 'admin@barnet.example', password });
  res = await fetch(`${a}/sign-in`, {
    method: 'POST', redirect: 'manual', body: form,
    headers: { Cookie: presession.join('; '), 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 303);
  const session = cookiesOf(res).join('; ');
  assert.match(session, /waymark_session=/);

  // The session works on node B, and B reads the sign-in that A wrote to the audit log.
  res = await fetch(`${b}/admin/audit?format=csv`, { headers: { Cookie: session } });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /session\.create.*admin@barnet\.example|admin@barnet\.example.*session\.create/);

  // A form's token from node A is accepted by node B: B signs the session out, for both.
  res = await fetch(`${a}/admin/audit`, { headers: { Cookie: session } });
  const token = csrfOf(await res.text());
  res = await fetch(`${b}/sign-out`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ csrf_token: token }),
    headers: { Cookie: session, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 303);
  res = await fetch(`${a}/admin/audit`, { headers: { Cookie: session }, redirect: 'manual' });
  assert.equal(res.status, 303, 'node A no longer knows the session that B ended');

  // Failed sign-ins are counted across the nodes: five on node A, and node B refuses the next.
  const attempt = async (node) => {
    const form = await fetch(`${node}/sign-in`);
    const cookie = cookiesOf(form).join('; ');
    return fetch(`${node}/sign-in`, {
      method: 'POST', redirect: 'manual',
      body: new URLSearchParams({ csrf_token: csrfOf(await form.text()), next: '/',
                                  email: 'analyst@barnet.example', password: 'not-the-password' }),
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  };
  for (let i = 0; i < 5; ++i) assert.equal((await attempt(a)).status, 200);  // the form again
  const throttled = await attempt(b);
  assert.equal(throttled.status, 429);
  assert.ok(Number(throttled.headers.get('Retry-After')) > 0);

  // Figures changed by a command (here a catalogue title) are on both nodes' pages at the next
  // request, though each has the indicator pages' figures in memory.
  const page = '/indicators/children-in-need-rate';
  for (const node of [a, b]) {
    assert.match(await (await fetch(`${node}${page}`)).text(), /Children in need per 10,000/);
  }
  const catalogue = path.join(dir, 'indicators.toml');
  fs.writeFileSync(catalogue, fs.readFileSync(
    path.join(root, 'examples/barnet-2019-23/indicators.toml'), 'utf8')
    .replace('title = "Children in need per 10,000 children"',
             'title = "Children in need (per 10,000 aged under 18)"'));
  runOk(address, ['indicators', 'import', catalogue]);
  for (const node of [a, b]) {
    assert.match(await (await fetch(`${node}${page}`)).text(),
                 /Children in need \(per 10,000 aged under 18\)/);
  }
});
