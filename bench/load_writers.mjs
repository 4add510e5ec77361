// Load benchmark with writers: CONNECTIONS virtual users, each on its own keep-alive connection,
// for DURATION seconds against `waymark serve --insecure-cookies` on a fresh demo database
// (scripts/demo-db.sh), mixing public page views, JSON API reads, sign-ins (with a few wrong
// passwords for one unknown account, which meet the sign-in throttle) and action updates by
// partner users in the current reporting cycle: through the browser's form (its CSRF token and
// the version it read) and through the JSON API with a bearer token. Analysts reopen submitted
// updates, so the cycle stays writable; optionally an analyst uploads a data file now and then.
//
// Every response is classed (load_report.mjs) as expected, a refusal the user is told about (a
// stale version, a locked update, a refused or throttled sign-in, a form with problems; counted
// by kind), or an error (5xx, another unexpected status, a reset connection, a timeout). Each
// write carries a unique marker. After the run the server is stopped and the database read with
// the sqlite3 CLI: each accepted write must be in the audit log once, based on the version its
// writer read (so no save replaced another unseen), each update's entries must chain, the stored
// update must be the last saved, and no refused write may be anywhere. The server's VmRSS and
// VmHWM (/proc) are read after the warm-up, after the run and after IDLE seconds more. Prints a
// table by kind of request (count, requests/s, refusals, errors, p50/p99/max latency), the same
// per 10 s with the RSS, and the CPU time of the server, this generator (which shares the
// machine's cores with it) and other processes; exits 1 on any error, any write lost, kept when
// refused or unanswered, or a server that does not stop within 15 s of SIGTERM.
//
//   node bench/load_writers.mjs
//
// Environment (defaults in brackets): WAYMARK_BIN [build/waymark]; DURATION [60] s;
// CONNECTIONS [128]; SIGNIN_RATE [1] good sign-ins per second in all (each is an Argon2id
// check); BAD_SIGNIN_EVERY [5] s between wrong passwords; WARMUP [5] s of the whole mix before
// the first RSS; IDLE [10] s; THREADS [serve's default] for `serve --threads`; REQUEST_TIMEOUT
// [30] s; UPLOAD_EVERY [0: none] s between uploads of data/lait/lait_cypp.csv (as published and
// with every value 1% higher, in turn, so each upload revises figures and judges them again);
// DEMO_DB [none] a demo database to copy instead of building one (its users' password must be
// WAYMARK_DEMO_PASSWORD [load-test-Waymark-2019]); KEEP_TMP=1 keeps the temporary directory.
import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { User, csrfOf, form, kForm, pick, pickWeighted } from './load_client.mjs';
import { Tally, checkWrites, markerOf } from './load_report.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const env = process.env;
const number = (value, fallback) =>
  (value === undefined || value === '' ? fallback : Number(value));
const cfg = {
  waymark: path.resolve(root, env.WAYMARK_BIN || 'build/waymark'),
  duration: number(env.DURATION, 60),
  connections: number(env.CONNECTIONS, 128),
  signinRate: number(env.SIGNIN_RATE, 1),
  badSigninEvery: number(env.BAD_SIGNIN_EVERY, 5),
  warmup: number(env.WARMUP, 5),
  idle: number(env.IDLE, 10),
  threads: env.THREADS,
  timeoutMs: number(env.REQUEST_TIMEOUT, 30) * 1000,
  password: env.WAYMARK_DEMO_PASSWORD || 'load-test-Waymark-2019',
  uploadEvery: number(env.UPLOAD_EVERY, 0),
};
const kPlan = 'barnet-2019-23';
const kBarnet = 'E09000003';
const runId = crypto.randomBytes(3).toString('hex');

// ---------------------------------------------------------------------------------------------
// The server and its database.

function sh(file, args, options = {}) {
  return execFileSync(file, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
}

function sql(db, query) {
  const out = sh('sqlite3', ['-json', db, query]);
  return out.trim() === '' ? [] : JSON.parse(out);
}

function buildDatabase(tmp) {
  const db = path.join(tmp, 'demo.db');
  if (env.DEMO_DB) {
    fs.copyFileSync(env.DEMO_DB, db);
    return db;
  }
  const started = Date.now();
  sh(path.join(root, 'scripts/demo-db.sh'), [db], {
    env: { ...env, WAYMARK: cfg.waymark, WAYMARK_DEMO_PASSWORD: cfg.password },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`demo database built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return db;
}

// An API token for each partner user, made with the command line beside the running server.
function makeTokens(db, emails) {
  const tokens = new Map();
  for (const email of emails) {
    const out = sh(cfg.waymark, ['--db', db, 'token', 'create', email, '--name', 'load test']);
    tokens.set(email, out.split('\n')[0].trim());
  }
  return tokens;
}

async function startServer(db, tmp) {
  const args = ['--db', db, 'serve', '--port', '0', '--insecure-cookies'];
  if (cfg.threads) args.push('--threads', String(cfg.threads));
  const server = spawn(cfg.waymark, args, {
    cwd: root, stdio: ['ignore', 'pipe', fs.openSync(path.join(tmp, 'serve.err'), 'w')],
  });
  let output = '';
  server.stdout.setEncoding('utf8');
  for await (const chunk of server.stdout) {
    output += chunk;
    const m = output.match(/at http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) {
      server.stdout.resume();
      return { server, port: Number(m[1]) };
    }
  }
  throw new Error(`waymark serve ended without an address: ${output}`);
}

// VmRSS and VmHWM in MiB, and the CPU seconds the process has used (NaN once it has gone).
function processStatus(pid) {
  let status;
  let stat;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return { rss: NaN, hwm: NaN, cpu: NaN };
  }
  const kib = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))[1]);
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);  // utime + stime
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024, cpu: ticks / 100 };
}

// The whole machine's busy CPU seconds (every process's, not only ours).
function machineBusy() {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1)
    .map(Number);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - cpu[3] - cpu[4]) / 100;  // less idle and iowait
}

// ---------------------------------------------------------------------------------------------
// Counting (load_report.mjs).

const tally = new Tally();
const note = (...args) => tally.note(...args);
const expect = (...args) => tally.expect(...args);

const newUser = (id, port) => new User(id, port, { timeoutMs: cfg.timeoutMs, note });

// ---------------------------------------------------------------------------------------------
// What the users do.

const writes = [];  // every write attempt: { kind, key, marker, base, submit, status, outcome }
const site = {};    // filled by discover()

// Reads the demo's outcomes, indicators, actions (with the current cycle) and areas.
async function discover(user) {
  const get = async (target) => {
    const res = await user.send('page', 'GET', target);
    if (!res || res.status !== 200) {
      throw new Error(`GET ${target} answered ${res ? res.status : 'nothing'}`);
    }
    return res.body;
  };
  const home = await get('/');
  const outcomes = [...new Set([...home.matchAll(/href="\/outcomes\/([a-z0-9-]+)\?/g)]
    .map((m) => m[1]))];
  const list = await get('/indicators');
  const indicators = [...new Set([...list.matchAll(/href="\/indicators\/([a-z0-9-]+)"/g)]
    .map((m) => m[1]))];
  const actions = JSON.parse(await get(`/api/v1/actions?plan=${kPlan}`));
  const areas = JSON.parse(await get('/api/v1/areas'));
  Object.assign(site, {
    outcomes, indicators, cycle: actions.cycle.id,
    actions: actions.actions.map((a) => a.id),
    // The actions still open for writing in the demo's cycle, and who may write each.
    hot: actions.actions.filter((a) => a.update_state !== 'submitted')
      .map((a) => ({ id: a.id, responsible: a.responsible })),
    areas: [...areas.areas.filter((a) => a.type !== 'ward').slice(0, 30),
            ...areas.areas.filter((a) => a.type === 'ward').slice(0, 10)].map((a) => a.code),
  });
  if (!outcomes.length || !indicators.length || !site.hot.length) {
    throw new Error('the demo site has no outcomes, indicators or open actions to load');
  }
}

function publicPage() {
  return pickWeighted([
    ['/', 12],
    [`/outcomes/${pick(site.outcomes)}?plan=${kPlan}`, 24],
    ['/indicators', 5],
    [`/indicators/${pick(site.indicators)}`, 24],
    [`/actions/${pick(site.actions)}?plan=${kPlan}`, 10],
    [`/index?plan=${kPlan}`, 5],
    ['/compare', 2],
    ['/methods', 3],
    ['/young-people', 4],
    [`/search?plan=${kPlan}&q=${pick(['school', 'health', 'care', 'youth', 'send'])}`, 5],
    ['/sign-in', 3],
  ]);
}

function apiCall() {
  const area = Math.random() < 0.7 || !site.areas.length ? kBarnet : pick(site.areas);
  return pickWeighted([
    ['/api/v1/plans', 5],
    [`/api/v1/plans/${kPlan}`, 6],
    [`/api/v1/actions?plan=${kPlan}`, 8],
    [`/api/v1/actions?plan=${kPlan}&status=overdue`, 4],
    [`/api/v1/actions/${pick(site.actions)}/updates?plan=${kPlan}`, 10],
    [`/api/v1/outcomes/${pick(site.outcomes)}?plan=${kPlan}`, 10],
    [`/api/v1/outcomes/${pick(site.outcomes)}?plan=${kPlan}&format=csv`, 3],
    ['/api/v1/indicators', 4],
    [`/api/v1/indicators/${pick(site.indicators)}/data?area=${area}`, 22],
    [`/api/v1/assessments?area=${kBarnet}`, 2],
    [`/api/v1/assessments?indicator=${pick(site.indicators)}`, 1],
    [`/api/v1/index?plan=${kPlan}`, 2],
    ['/api/v1/areas', 2],
    ['/api/v1/openapi.json', 1],
  ]);
}

const staticFiles = ['/static/govuk-frontend.min.css', '/static/waymark.css',
                     '/static/waymark.mjs', '/static/govuk-frontend.min.js',
                     '/assets/images/favicon.svg'];

async function viewPage(user) {
  const target = publicPage();
  expect('page', await user.send('page', 'GET', target), 200, target);
}

async function callApi(user) {
  const target = apiCall();
  expect('api', await user.send('api', 'GET', target), 200, target);
}

async function fetchStatic(user) {
  const target = pick(staticFiles);
  expect('static', await user.send('static', 'GET', target), 200, target);
}

// Signs `user` in as `email` through the form; true when signed in.
async function signIn(user, email, password = cfg.password) {
  const page = await user.send('sign-in page', 'GET', '/sign-in');
  if (!expect('sign-in page', page, 200, '/sign-in')) return false;
  const body = form({ csrf_token: csrfOf(page.body), next: '/my-actions', email, password });
  const res = await user.send('sign-in', 'POST', '/sign-in', { body, type: kForm });
  if (!res) return false;
  if (res.status === 303 && user.cookies.has('waymark_session')) {
    note('sign-in', res, 'ok');
    return true;
  }
  if (res.status === 429 && res.retryAfter) note('sign-in', res, 'told:429 throttled');
  else if (res.status === 200 && /govuk-error-summary/.test(res.body)) {
    note('sign-in', res, password === cfg.password ? 'error:refused' : 'told:refused',
         `${email} ${res.status}`);
  } else note('sign-in', res, `error:${res.status}`, `${email} ${res.body.slice(0, 200)}`);
  return false;
}

async function signOut(user) {
  const page = await user.send('page, signed in', 'GET', '/');
  if (!expect('page, signed in', page, 200, '/')) return;
  const csrf = csrfOf(page.body);
  const res = await user.send('sign-out', 'POST', '/sign-out',
                              { body: form({ csrf_token: csrf }), type: kForm });
  if (expect('sign-out', res, 303, '/sign-out') && user.cookies.has('waymark_session')) {
    note('sign-out', null, 'error:cookie kept', 'the session cookie was not cleared');
  }
}

function updateFields(user, submit) {
  const marker = markerOf(runId, user.id, ++user.seq);
  const status = pick(['on-track', 'on-track', 'at-risk', 'off-track', 'not-started']);
  const invalid = Math.random() < 0.02;  // a date that does not exist: the form says so
  return {
    marker, status, invalid,
    narrative: `Load test ${marker}: ${pick(['Sessions ran as planned', 'Two venues closed',
      'Staffing recovered', 'Referrals rose'])} this quarter.`,
    evidence: 'https://www.barnet.gov.uk/children-and-families',
    next_steps: `Review at the next board ${marker}`,
    expected_completion: invalid ? '2027-02-30' : '2027-03-31',
    submit,
  };
}

function recordWrite(kind, user, action, fields, base, outcome, version) {
  writes.push({ kind, key: `${site.cycle}/${action}`, marker: fields.marker, base,
                submit: fields.submit, status: fields.status, outcome, version,
                counted: tally.counting });
}

// A partner writes the update of `action` through the browser's form.
async function updateByForm(user, action) {
  const target = `/actions/${action}/update?plan=${kPlan}`;
  const page = await user.send('page, signed in', 'GET', target);
  if (!page) return;
  if (page.status === 409 && /submitted and is locked/.test(page.body)) {
    note('page, signed in', page, 'told:409 locked');
    return;
  }
  if (!expect('page, signed in', page, 200, target)) return;
  const base = Number((page.body.match(/name="version" value="(\d+)"/) || [])[1]);
  const fields = updateFields(user, Math.random() < 0.08);
  const body = form({
    csrf_token: csrfOf(page.body), version: String(base), status: fields.status,
    narrative: fields.narrative, evidence: fields.evidence, next_steps: fields.next_steps,
    expected_completion: fields.expected_completion,
    ...(fields.submit ? { submit: '1' } : { save: '1' }),
  });
  const res = await user.send('update (form)', 'POST', target, { body, type: kForm });
  if (!res) return recordWrite('form', user, action, fields, base, 'unknown');
  const saved = res.location.match(/[?&]saved=(draft|submitted)/);
  if (res.status === 303 && saved && !fields.invalid &&
      saved[1] === (fields.submit ? 'submitted' : 'draft')) {
    note('update (form)', res, 'ok');
    recordWrite('form', user, action, fields, base, 'accepted');
    const next = await user.send('page, signed in', 'GET', res.location);
    expect('page, signed in', next, 200, res.location);
    return;
  }
  let told = '';
  if (res.status === 409 && /Someone saved this update after you opened the form/.test(res.body)) {
    told = '409 stale version';
  } else if (res.status === 409 && /submitted and is locked/.test(res.body)) {
    told = '409 locked';
  } else if (res.status === 400 && fields.invalid && /govuk-error-summary/.test(res.body)) {
    told = '400 form problems';
  }
  note('update (form)', res, told ? `told:${told}` : `error:${res.status}`,
       `${action} ${res.location} ${res.body.slice(0, 200)}`);
  recordWrite('form', user, action, fields, base, told ? 'refused' : 'unknown');
}

// A partner's tool writes the update of `action` through the JSON API with a bearer token.
async function updateByApi(user, action, token) {
  const auth = { authorization: `Bearer ${token}` };
  const list = await user.send('api', 'GET', `/api/v1/actions/${action}/updates?plan=${kPlan}`,
                               { headers: auth });
  if (!expect('api', list, 200, 'updates')) return;
  const current = JSON.parse(list.body).updates.find((u) => u.cycle === site.cycle);
  const base = current ? current.version : 0;
  const fields = updateFields(user, Math.random() < 0.08);
  const body = JSON.stringify({
    status: fields.status, narrative: fields.narrative, evidence: [fields.evidence],
    next_steps: fields.next_steps, expected_completion: fields.expected_completion,
    version: base, submit: fields.submit,
  });
  const res = await user.send('update (API)', 'POST',
                              `/api/v1/actions/${action}/updates?plan=${kPlan}`,
                              { body, type: 'application/json', headers: auth });
  if (!res) return recordWrite('api', user, action, fields, base, 'unknown');
  let json = {};
  try { json = JSON.parse(res.body); } catch { /* judged below */ }
  if ((res.status === 200 || res.status === 201) && !fields.invalid &&
      json.narrative === fields.narrative && json.version === base + 1) {
    note('update (API)', res, 'ok');
    recordWrite('api', user, action, fields, base, 'accepted', json.version);
    return;
  }
  const message = json.error?.message || '';
  let told = '';
  if (res.status === 409 && /someone saved this update/.test(message)) told = '409 stale version';
  else if (res.status === 409 && /submitted and is locked/.test(message)) told = '409 locked';
  else if (res.status === 400 && fields.invalid && json.error?.fields?.length) {
    told = '400 problems';
  }
  note('update (API)', res, told ? `told:${told}` : `error:${res.status}`,
       `${action} ${res.body.slice(0, 200)}`);
  recordWrite('api', user, action, fields, base, told ? 'refused' : 'unknown');
}

// An analyst reopens one of the open actions' submitted updates, when there is one.
async function reopenOne(user) {
  const list = await user.send('api', 'GET', `/api/v1/actions?plan=${kPlan}`);
  if (!expect('api', list, 200, 'actions')) return false;
  const hot = new Set(site.hot.map((a) => a.id));
  const submitted = JSON.parse(list.body).actions
    .filter((a) => hot.has(a.id) && a.update_state === 'submitted');
  if (!submitted.length) return false;
  const action = pick(submitted).id;
  const page = await user.send('page, signed in', 'GET', `/actions/${action}?plan=${kPlan}`);
  if (!expect('page, signed in', page, 200, action)) return true;
  const marker = markerOf(runId, user.id, ++user.seq);
  const body = form({ csrf_token: csrfOf(page.body),
                      reason: `Reopened for more detail ${marker}` });
  const res = await user.send('reopen', 'POST', `/actions/${action}/reopen?plan=${kPlan}`,
                              { body, type: kForm });
  const write = { kind: 'reopen', key: `${site.cycle}/${action}`, marker, counted: tally.counting };
  writes.push(write);
  if (!res) {
    write.outcome = 'unknown';
  } else if (res.status === 303 && /saved=reopened/.test(res.location)) {
    note('reopen', res, 'ok');
    write.outcome = 'accepted';
  } else if (res.status === 409 && /has not been submitted/.test(res.body)) {
    note('reopen', res, 'told:409 not submitted');
    write.outcome = 'refused';
  } else {
    note('reopen', res, `error:${res.status}`, `${action} ${res.body.slice(0, 200)}`);
    write.outcome = 'unknown';
  }
  return true;
}

// The two versions of the upload: the published file and the same with each value 1% higher.
function uploadFiles() {
  const published = fs.readFileSync(path.join(root, 'data/lait/lait_cypp.csv'), 'utf8');
  const higher = published.split('\n').map((line, i) => {
    const comma = line.lastIndexOf(',');
    const value = Number(line.slice(comma + 1));
    if (i === 0 || comma < 0 || line.slice(comma + 1) === '' || !Number.isFinite(value)) {
      return line;
    }
    return `${line.slice(0, comma + 1)}${value * 1.01}`;
  }).join('\n');
  return [['lait_cypp.csv', published], ['lait_cypp_higher.csv', higher]];
}

// An analyst uploads the next of `files` on /data/import (multipart, the CSRF token first).
async function upload(user, files) {
  const page = await user.send('page, signed in', 'GET', '/data/import');
  if (!expect('page, signed in', page, 200, '/data/import')) return;
  user.uploads = (user.uploads || 0) + 1;  // the first revises every figure
  const [name, text] = files[user.uploads % files.length];
  const boundary = `----load${crypto.randomBytes(8).toString('hex')}`;
  const part = (field, value, filename) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"` +
    `${filename ? `; filename="${filename}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${value}\r\n`;
  const body = part('csrf_token', csrfOf(page.body)) + part('format', 'lait') +
               part('file', text, name) + `--${boundary}--\r\n`;
  const res = await user.send('upload', 'POST', '/data/import',
                              { body, type: `multipart/form-data; boundary=${boundary}` });
  if (res && res.status === 200 && /Rows read/.test(res.body)) note('upload', res, 'ok');
  else if (res) note('upload', res, `error:${res.status}`, res.body.slice(0, 200));
}

// ---------------------------------------------------------------------------------------------
// Sign-ins are paced: a good one every 1/SIGNIN_RATE s across all users, a wrong password for
// one unknown account every BAD_SIGNIN_EVERY s (5 are refused, then the throttle answers 429).

function pacer(perSecond) {
  let next = Date.now();
  return () => {
    if (!(perSecond > 0) || Date.now() < next) return false;
    next = Math.max(next + 1000 / perSecond, Date.now() - 1000);
    return true;
  };
}

const kRoles = ['partner', 'analyst', 'board', 'admin', 'public'];

// The role of user `i` of `n`: a quarter partners, then a few analysts, board members, admins.
function roleOf(i, n) {
  const partners = Math.max(1, Math.round(n * 0.25));
  const analysts = Math.max(1, Math.round(n / 32));
  const board = Math.max(1, Math.round(n / 64));
  const admins = Math.max(1, Math.round(n / 128));
  if (i < partners) return { role: 'partner', index: i };
  if (i < partners + analysts) return { role: 'analyst', index: i - partners };
  if (i < partners + analysts + board) return { role: 'board', index: 0 };
  if (i < partners + analysts + board + admins) return { role: 'admin', index: 0 };
  return { role: 'public', index: i };
}

function emailOf(role) {
  if (role.role === 'partner') return `${role.org}@partners.example`;
  return { analyst: 'analyst@barnet.example', board: 'board@barnet.example',
           admin: 'admin@barnet.example' }[role.role];
}

// A page for signed-in users, expected to answer 200.
async function viewSignedIn(user, target) {
  expect('page, signed in', await user.send('page, signed in', 'GET', target), 200, target);
}

// One round of a signed-in user's mix: partners mostly write their action's update (by form or
// API), analysts reopen submitted updates (and one of them uploads, when asked), and all of
// them read pages and the API.
async function signedInRound(user, role, ctx) {
  const r = Math.random();
  if (role.role === 'partner') {
    if (r < 0.40) return updateByForm(user, role.action);
    if (r < 0.52) return updateByApi(user, role.action, ctx.tokens.get(emailOf(role)));
    if (r < 0.64) {
      const target = pick(['/my-actions', `/actions/${role.action}?plan=${kPlan}`]);
      return viewSignedIn(user, target);
    }
    return r < 0.85 ? viewPage(user) : callApi(user);
  }
  if (role.role === 'analyst') {
    if (role.index === 0 && ctx.uploads && ctx.uploadPace()) return upload(user, ctx.uploads);
    if (r < 0.35 && (await reopenOne(user))) return undefined;
    if (r < 0.65) {
      const target = pick(['/cycles', `/cycles/${site.cycle}`, '/my-actions',
                           `/actions/${pick(site.hot).id}?plan=${kPlan}`]);
      return viewSignedIn(user, target);
    }
    return r < 0.85 ? viewPage(user) : callApi(user);
  }
  if (r < 0.4) {
    const target = role.role === 'admin'
      ? pick(['/admin/audit', `/cycles/${site.cycle}`])
      : pick([`/cycles/${site.cycle}`, `/actions/${pick(site.hot).id}?plan=${kPlan}`]);
    return viewSignedIn(user, target);
  }
  return r < 0.8 ? viewPage(user) : callApi(user);
}

// Runs `user` until `until`: staff sign in on their first round, and again (after signing out)
// when the pace allows; a failed sign-in is tried again only then.
async function runUser(user, role, ctx, until, pace) {
  const email = role.role === 'public' ? null : emailOf(role);
  if (email && user.signedIn === undefined) user.signedIn = await signIn(user, email);
  while (Date.now() < until) {
    if (email && pace.good()) {
      if (user.signedIn) await signOut(user);
      user.signedIn = await signIn(user, email);
      continue;
    }
    if (!email && pace.bad()) {
      await signIn(user, `nobody-${runId}@example.org`, 'not-the-password');
      continue;
    }
    if (user.signedIn) await signedInRound(user, role, ctx);
    else {
      const r = Math.random();
      if (r < 0.62) await viewPage(user);
      else if (r < 0.95) await callApi(user);
      else await fetchStatic(user);
    }
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!fs.existsSync(cfg.waymark)) throw new Error(`${cfg.waymark} not found: build first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-load-'));
  let server;
  const cleanup = () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    if (env.KEEP_TMP) console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  const db = buildDatabase(tmp);
  const auditBase = sql(db, 'SELECT coalesce(max(id), 0) AS n FROM audit_log')[0].n;

  const started = await startServer(db, tmp);
  server = started.server;
  const scout = newUser(-1, started.port);
  await discover(scout);
  const roles = [];
  let partnerIndex = 0;
  for (let i = 0; i < cfg.connections; i++) {
    const role = roleOf(i, cfg.connections);
    if (role.role === 'partner') {
      const action = site.hot[partnerIndex % site.hot.length];
      role.action = action.id;
      const round = Math.floor(partnerIndex / site.hot.length);
      role.org = action.responsible[round % action.responsible.length];
      partnerIndex++;
    }
    roles.push(role);
  }
  const partnerEmails = [...new Set(roles.filter((r) => r.role === 'partner').map(emailOf))];
  const ctx = { tokens: makeTokens(db, partnerEmails) };
  if (cfg.uploadEvery > 0) {
    ctx.uploads = uploadFiles();
    ctx.uploadPace = pacer(1 / cfg.uploadEvery);
  }
  const counts = Object.fromEntries(
    kRoles.map((k) => [k, roles.filter((r) => r.role === k).length]));
  console.log(`waymark serve pid ${server.pid} on port ${started.port}; ${cfg.connections} users ` +
              `(${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}); ` +
              `${site.hot.length} actions open for updates in cycle ${site.cycle}; ` +
              `${os.cpus().length} cores shared with this load generator`);

  const users = roles.map((_, i) => newUser(i, started.port));
  const pace = { good: pacer(cfg.signinRate), bad: pacer(1 / cfg.badSigninEvery) };

  // Warm-up: the whole mix for WARMUP s (sign-ins included), not tabled, then a quiet second.
  let until = Date.now() + cfg.warmup * 1000;
  await Promise.all(users.map((u, i) => runUser(u, roles[i], ctx, until, pace)));
  await new Promise((r) => setTimeout(r, 1000));
  const before = processStatus(server.pid);

  tally.start();
  const samples = [];
  const sampler = setInterval(() => {
    const rss = processStatus(server.pid).rss;
    if (Number.isNaN(rss)) return;
    samples.push(rss);
    tally.sampleRss(rss);
  }, 1000);
  const cpu0 = process.cpuUsage();
  const busy0 = machineBusy();
  const t0 = Date.now();
  until = t0 + cfg.duration * 1000;
  await Promise.all(users.map((u, i) => runUser(u, roles[i], ctx, until, pace)));
  const seconds = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpu0);
  const busy = machineBusy() - busy0;
  const after = processStatus(server.pid);
  for (const u of users) u.agent.destroy();
  scout.agent.destroy();
  await new Promise((r) => setTimeout(r, cfg.idle * 1000));
  const idle = processStatus(server.pid);

  const ended = server.exitCode !== null || server.signalCode !== null;  // before it was asked
  const exited = ended ? Promise.resolve() : once(server, 'exit');
  server.kill('SIGTERM');
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise((r) => setTimeout(() => r(false), 15000)),
  ]);
  if (!stopped) server.kill('SIGKILL');

  // Every write against the database, read once the server has stopped.
  const { result, problems, failures } = checkWrites({
    writes, runId,
    rows: sql(db, `SELECT id, action, entity_id, before, after FROM audit_log
                   WHERE entity = 'action-update' AND id > ${auditBase} ORDER BY id`),
    stored: sql(db, `SELECT cycle_id, action_id, narrative, version, state, reopened_reason
                     FROM action_updates`),
  });

  const say = (...lines) => { for (const l of lines) console.log(l); };
  const mb = (v) => `${v.toFixed(1)} MiB`;
  say('', `${seconds.toFixed(1)} s, ${cfg.connections} connections` +
          `${cfg.threads ? `, ${cfg.threads} server threads` : ''}`, '', ...tally.table(seconds));
  say('', `server RSS: ${mb(before.rss)} after the warm-up, ${mb(after.rss)} after the run ` +
          `(max sampled ${mb(Math.max(...samples))}), ${mb(idle.rss)} after ` +
          `${cfg.idle} s idle; VmHWM ${mb(before.hwm)} -> ${mb(idle.hwm)}`,
      ...tally.windowLines());
  const serverCpu = after.cpu - before.cpu;
  const ownCpu = (cpu.user + cpu.system) / 1e6;
  say(`CPU over the run: server ${serverCpu.toFixed(1)} s, ` +
      `load generator ${ownCpu.toFixed(1)} s, ` +
      `other processes ${Math.max(0, busy - serverCpu - ownCpu).toFixed(1)} s ` +
      `(of ${(seconds * os.cpus().length).toFixed(0)} core-s)`);
  const inRun = (kind) => writes.filter((w) => w.counted && w.kind === kind &&
                                               w.outcome === 'accepted').length;
  say(`writes: ${writes.length} (${writes.filter((w) => !w.counted).length} in the warm-up); ` +
      `accepted in the run: ${inRun('form')} by form, ${inRun('api')} by API, ` +
      `${inRun('reopen')} reopens; ${result.entries} audit entries of updates`);
  say(`check: ${result.accepted} accepted writes, ${result.lost} lost, ${result.duplicated} ` +
      `duplicated, ${result.wrong} saved differently; ${result.refused} refused, ` +
      `${result.keptRefused} of them kept; ${result.unknown} without an answer; ` +
      `${result.untold} saved without telling; ${result.chainBreaks} chain breaks; ` +
      `${result.finalWrong} stored updates not the last saved`);
  say(...problems.slice(0, 20).map((p) => `  ${p}`));
  if (tally.errorSamples.length) {
    say('errors (first 30):', ...tally.errorSamples.map((e) => `  ${e}`));
  }
  if (ended) say(`the server ended during the run (${server.signalCode || server.exitCode})`);
  if (!stopped) say('the server did not stop within 15 s of SIGTERM');
  const serveErr = fs.readFileSync(path.join(tmp, 'serve.err'), 'utf8').trim();
  if (serveErr) say('server stderr (last lines):', ...serveErr.split('\n').slice(-10));
  const failed = tally.errors() + failures + result.unknown > 0 || ended || !stopped;
  say(failed ? '\nFAILED' : '\nPASSED: no errors, no lost updates');
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);  // the 'exit' handler stops the server and removes the temporary directory
});
