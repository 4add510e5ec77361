// What the browser tests share: a fresh demo database (scripts/demo-db.sh, its demo users'
// password fixed by WAYMARK_DEMO_PASSWORD), `waymark serve --port 0 --insecure-cookies` on it
// (plain HTTP on loopback, so the session cookie must not be Secure), Debian's chromium through
// playwright-core, and the axe-core check at WCAG 2.2 AA.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const waymark = path.resolve(root, process.env.WAYMARK_BIN || 'build/waymark');
export const browserPath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const screenshots = path.join(root, 'test-results', 'screenshots');
export const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
// The password of every demo user (scripts/demo-db.sh reads it from WAYMARK_DEMO_PASSWORD).
export const demoPassword = 'browser-test-Waymark-2019';

// The access log goes to a file beside the database (kept out of the test output); errors
// still reach stderr.
function startServer(db) {
  const assets = path.join(root, 'node_modules/govuk-frontend/dist/govuk');
  return spawn(
    waymark, ['--db', db, 'serve', '--port', '0', '--insecure-cookies', '--assets', assets,
      '--log-file', `${db}.access.log`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
}

// The URL the server prints when it is listening.
async function serverAddress(server) {
  let output = '';
  server.stdout.setEncoding('utf8');
  for await (const chunk of server.stdout) {
    output += chunk;
    const m = output.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) return m[1];
  }
  throw new Error(`waymark serve ended without an address: ${output}`);
}

// Registers the file's before/after hooks: builds the demo database once, starts the server and
// chromium. The returned object's `base` (the server's URL), `browser` and `db` (the database
// file) are set by `before`.
export function setUpSuite() {
  const suite = { base: undefined, browser: undefined, db: undefined };
  let tmp;
  let server;

  before(async () => {
    assert.ok(fs.existsSync(waymark), `${waymark} not found: build first or set WAYMARK_BIN`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-browser-'));
    const db = path.join(tmp, 'demo.db');
    try {
      execFileSync(path.join(root, 'scripts/demo-db.sh'), [db], {
        env: { ...process.env, WAYMARK: waymark, WAYMARK_DEMO_PASSWORD: demoPassword },
        stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024,
      });
    } catch (err) {
      throw new Error(`scripts/demo-db.sh failed: ${err.stderr || err.message}`);
    }
    suite.db = db;
    server = startServer(db);
    suite.base = await serverAddress(server);
    suite.browser = await chromium.launch({ executablePath: browserPath, args: chromiumArgs });
    fs.mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    if (suite.browser) await suite.browser.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  return suite;
}

// The page's axe-core violations at WCAG 2.2 AA, one line each ([] when there are none).
export async function axeViolations(tab) {
  await tab.evaluate(axeSource);
  const results = await tab.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), wcagTags);
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function assertNoAxeViolations(tab, where) {
  assert.deepEqual(await axeViolations(tab), [], `axe violations on ${where}`);
}

// Asserts that the page does not scroll sideways.
export async function assertNoHorizontalScroll(tab, where) {
  const widths = await tab.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(widths.scroll <= widths.client,
    `${where} is ${widths.scroll} px wide in a ${widths.client} px window`);
}

export async function screenshot(tab, name) {
  await tab.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

// Collects a tab's console errors, script errors and failed requests into `problems`.
export function watchProblems(tab) {
  const problems = [];
  tab.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  tab.on('pageerror', (err) => problems.push(String(err)));
  // A request the browser aborts because the page is left (a favicon still loading when a
  // form is sent) is not a fault of the page.
  tab.on('requestfailed', (req) => {
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${req.url()}`);
  });
  return problems;
}

// A new browser context and tab (1024 × 800 unless `options` say otherwise) with its problems
// watched.
export async function newTab(suite, options = {}) {
  const context = await suite.browser.newContext({
    viewport: { width: 1024, height: 800 }, ...options,
  });
  const tab = await context.newPage();
  const problems = watchProblems(tab);
  return { context, tab, problems };
}

// Signs `tab` in as `email` (the demo password) through the sign-in form; lands on `next`.
export async function signInAs(suite, tab, email, next = '/') {
  await tab.goto(`${suite.base}/sign-in?next=${encodeURIComponent(next)}`);
  await tab.getByLabel('Email address').fill(email);
  await tab.getByLabel('Password').fill(demoPassword);
  const loaded = tab.waitForEvent('load');
  await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
  await loaded;
  assert.equal(new URL(tab.url()).pathname, next.split('?')[0], `signed in as ${email}`);
}

// Opens `path`, checks its status, axe-core and the console (expected 4xx statuses show up as a
// console error of the document itself).
export async function visit(suite, tab, problems, path, status) {
  problems.length = 0;
  const response = await tab.goto(suite.base + path, { waitUntil: 'load' });
  assert.equal(response.status(), status, `status of ${path}`);
  await assertNoAxeViolations(tab, path);
  const unexpected = problems.filter((p) => !/status of 4\d\d/.test(p));
  assert.deepEqual(unexpected, [], `console errors on ${path}`);
  return response;
}
