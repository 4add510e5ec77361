// Crash safety of the server: `waymark serve` under five clients saving action updates (four
// through the form, signed in with a CSRF token, one through the API with a token) is killed
// with SIGKILL at random moments, round after round on the same database, and sqlite3 checks
// that the database is whole and keeps every update the server confirmed (tests/stress/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { waymark, runOk, tempDir, catalogueDb } from './kit.mjs';
import { inspectFiles, sqliteRows } from './db_state.mjs';
import { generator, kills, phaseOf, seed, verbose } from './crash_kit.mjs';

// Starts `waymark serve` on DB at a free port: { base, closed }, closed resolving when it ends.
async function startServer(db) {
  const server = spawn(waymark, ['--db', db, 'serve', '--port', '0', '--insecure-cookies',
                                 '--threads', '4'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.setEncoding('utf8');
  server.stderr.setEncoding('utf8').on('data', (d) => { output += d; });
  const closed = new Promise((resolve) => {
    server.on('close', (status, signal) => resolve({ status, signal }));
  });
  const base = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => {
      output += d;
      const port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (port) resolve(`http://127.0.0.1:${port[1]}`);
    });
    closed.then(() => reject(new Error(`waymark serve ended: ${output}`)));
  });
  return { server, base, closed };
}

function cookieOf(response, name) {
  for (const cookie of response.headers.getSetCookie()) {
    if (cookie.startsWith(`${name}=`)) return cookie.slice(name.length + 1).split(';')[0];
  }
  throw new Error(`no ${name} cookie`);
}

function csrfOf(html) {
  const found = /name="csrf_token" value="([^"]+)"/.exec(html);
  if (!found) throw new Error('no CSRF token in the page');
  return found[1];
}

// Signs in through the sign-in form as a browser does; sets the client's session cookie and the
// session's CSRF token, read from its first action's update form.
async function signIn(base, client, password) {
  const page = await fetch(`${base}/sign-in`);
  const presession = cookieOf(page, 'waymark_presession');
  const signedIn = await fetch(`${base}/sign-in`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded',
               Cookie: `waymark_presession=${presession}` },
    body: new URLSearchParams({ csrf_token: csrfOf(await page.text()), email: client.email,
                                password, next: '/' }).toString(),
  });
  assert.equal(signedIn.status, 303, `signing in as ${client.email}`);
  client.cookie = `waymark_session=${cookieOf(signedIn, 'waymark_session')}`;
  const form = await fetch(`${base}/actions/${client.actions[0]}/update`,
                           { headers: { Cookie: client.cookie } });
  assert.equal(form.status, 200, `the update form for ${client.email}`);
  client.csrf = csrfOf(await form.text());
}

const statuses = ['on-track', 'at-risk', 'off-track', 'not-started'];

// Sends one update of ACTION (the version read, and fields that all carry the attempt's tag)
// as the browser's form or through the API; true when the server says it was saved.
async function sendUpdate(base, client, action, read, attempt) {
  const fields = { status: attempt.status, narrative: `Update ${attempt.tag}`,
                   next_steps: `Next ${attempt.tag}`, expected_completion: '2027-03-31' };
  const link = `https://example.org/${attempt.tag}`;
  if (client.token) {
    const response = await fetch(`${base}/api/v1/actions/${action}/updates`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${client.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...fields, evidence: [link], version: read }),
    });
    const body = await response.json();
    assert.ok(response.status === 200 || response.status === 201,
              `API update of ${action}: ${response.status} ${JSON.stringify(body)}`);
    assert.equal(body.version, attempt.version, `API update of ${action}: version`);
    return true;
  }
  const response = await fetch(`${base}/actions/${action}/update`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: client.cookie },
    body: new URLSearchParams({ ...fields, evidence: link, version: String(read),
                                csrf_token: client.csrf }).toString(),
  });
  await response.arrayBuffer();
  assert.equal(response.status, 303, `form update of ${action}`);
  assert.match(response.headers.get('location'), /saved=draft/, `form update of ${action}`);
  return true;
}

// Saves updates of the client's actions one after another until the server, killed (once
// `kill.sent`), stops answering; each action's `acked` is the last attempt the server
// confirmed, `inflight` one sent without an answer. Resolves to the number confirmed.
async function keepUpdating(base, client, round, kill) {
  let confirmed = 0;
  for (let n = 0; ; n++) {
    const action = client.actions[n % client.actions.length];
    const state = client.state[action];
    const read = state.acked?.version ?? 0;
    const attempt = { version: read + 1, tag: `r${round}-${client.name}-${n}`,
                      status: statuses[n % statuses.length] };
    state.inflight = attempt;
    try {
      await sendUpdate(base, client, action, read, attempt);
    } catch (error) {
      if (error instanceof assert.AssertionError || !kill.sent) throw error;
      return confirmed;  // the connection failed: the server was killed
    }
    state.acked = attempt;
    state.inflight = null;
    confirmed++;
  }
}

// Checks, after a kill, that every update the server confirmed is stored, that each stored
// update is whole (every field of one attempt, as many audit entries as versions, the last
// one describing it), then makes what is stored the clients' starting point.
function checkUpdates(db, cycle, clients, what) {
  const stored = new Map(sqliteRows(db, `SELECT action_id, version, status, narrative, evidence,
    next_steps, state FROM action_updates WHERE cycle_id = ${cycle}`).map((r) => [r.action_id, r]));
  const audits = new Map(sqliteRows(db, `SELECT a.entity_id, a.n, b.after AS last FROM
    (SELECT entity_id, count(*) AS n, max(id) AS id FROM audit_log
     WHERE entity = 'action-update' GROUP BY entity_id) a JOIN audit_log b ON b.id = a.id`)
    .map((r) => [r.entity_id, r]));
  let fromInflight = 0;
  for (const client of clients) {
    for (const action of client.actions) {
      const state = client.state[action];
      const row = stored.get(action);
      const version = row?.version ?? 0;
      const acked = state.acked?.version ?? 0;
      const where = `${what}: ${action} (${client.name})`;
      assert.ok(version >= acked, `${where}: confirmed version ${acked} lost, stored ${version}`);
      const attempt = version === acked ? state.acked : state.inflight;
      assert.ok(version === acked || version === state.inflight?.version,
                `${where}: stored version ${version}, confirmed ${acked}, ` +
                `sent ${state.inflight?.version ?? 'none'}`);
      if (version > acked) fromInflight++;
      state.acked = attempt;
      state.inflight = null;
      if (version === 0) continue;
      assert.equal(row.state, 'draft', where);
      assert.equal(row.status, attempt.status, `${where}: status`);
      assert.equal(row.narrative, `Update ${attempt.tag}`, `${where}: narrative`);
      assert.equal(row.next_steps, `Next ${attempt.tag}`, `${where}: next steps`);
      assert.deepEqual(JSON.parse(row.evidence), [`https://example.org/${attempt.tag}`], where);
      const audit = audits.get(`${cycle}/${action}`);
      assert.equal(audit?.n, version, `${where}: audit entries`);
      assert.equal(JSON.parse(audit.last).narrative, row.narrative, `${where}: last audit entry`);
    }
  }
  return fromInflight;
}

test('the server killed under a load of action updates keeps every update it confirmed',
     async (t) => {
  t.diagnostic(`seed ${seed}`);
  const dir = tempDir('waymark-crash-serve-');
  const db = catalogueDb(dir, 'serve.db');
  const password = 'crash-test-password';
  runOk(db, ['user', 'add', 'analyst@crash.example', '--name', 'Analyst', '--org',
             'barnet-council', '--role', 'analyst'], { input: `${password}\n` });
  runOk(db, ['--as', 'analyst@crash.example', 'cycle', 'open', '--plan', 'barnet-2019-23',
             '--name', 'Crash test', '--from', '2026-07-01', '--to', '2026-09-30',
             '--due', '2026-10-15']);
  const cycle = sqliteRows(db, "SELECT id FROM reporting_cycles WHERE state = 'open'")[0].id;
  // Five partner organisations with the most actions, each given actions of its own; the last
  // writes through the API with a token, the others through the form after signing in.
  const plan = JSON.parse(runOk(db, ['plan', 'show', 'barnet-2019-23', '--format', 'json']).stdout);
  const actions = plan.outcomes.flatMap((o) => o.objectives.flatMap((j) => j.actions));
  const load = new Map();
  for (const a of actions) {
    for (const org of a.responsible_ids) load.set(org, (load.get(org) ?? 0) + 1);
  }
  const orgs = [...load].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([org]) => org);
  const clients = orgs.map((org, i) => ({ name: `c${i}`, org, email: `${org}@crash.example`,
                                          actions: [], state: {} }));
  for (const a of actions) {
    const client = clients.find((c) => a.responsible_ids.includes(c.org) && c.actions.length < 6);
    if (!client) continue;
    client.actions.push(a.id);
    client.state[a.id] = { acked: null, inflight: null };
  }
  for (const client of clients) {
    runOk(db, ['user', 'add', client.email, '--name', client.org, '--org', client.org, '--role',
               'partner'], { input: `${password}\n` });
  }
  const api = clients[clients.length - 1];
  api.token = runOk(db, ['token', 'create', api.email, '--name', 'crash test']).stdout
    .match(/[A-Za-z0-9_-]{43,64}/)[0];
  const random = generator(6);
  const rounds = Math.max(4, Math.round(kills / 2));
  let midWrite = 0;
  let confirmed = 0;
  let inflightKept = 0;
  for (let round = 0; round < rounds; round++) {
    const at = random() * 600;
    const what = `server killed ${at.toFixed(0)} ms into round ${round} (seed ${seed})`;
    const { server, base, closed } = await startServer(db);
    let counts;
    try {
      if (round === 0) {
        await Promise.all(clients.filter((c) => !c.token).map((c) => signIn(base, c, password)));
      }
      const kill = { sent: false };
      const loops = Promise.all(clients.map((c) => keepUpdating(base, c, round, kill)));
      loops.catch(() => {});  // awaited below, once the server has ended
      setTimeout(() => {
        kill.sent = true;
        server.kill('SIGKILL');
      }, at);
      await closed;
      counts = await loops;
    } finally {
      server.kill('SIGKILL');  // ended already, unless a client failed first
      await closed;
    }
    confirmed += counts.reduce((a, b) => a + b, 0);
    const files = inspectFiles(db);
    const [integrity] = sqliteRows(db, 'PRAGMA integrity_check');
    assert.equal(integrity.integrity_check, 'ok', `${what}: integrity_check`);
    assert.deepEqual(sqliteRows(db, 'PRAGMA foreign_key_check'), [], `${what}: foreign_key_check`);
    inflightKept += checkUpdates(db, cycle, clients, what);
    const phase = phaseOf(files, false, true).replace('before the write', 'between writes');
    midWrite += phase.startsWith('mid-write') ? 1 : 0;
    if (verbose) t.diagnostic(`${what}: ${phase}, ${counts} confirmed`);
  }
  t.diagnostic(`serve: ${rounds} kills under load, ${midWrite} mid-write; ${confirmed} updates ` +
               `confirmed, all kept; ${inflightKept} sent without an answer and kept`);
  assert.ok(confirmed > rounds, `only ${confirmed} updates confirmed in ${rounds} rounds`);
});
