// Crash safety of the commands: `waymark data import`, `plan import` and `assess` are killed
// with SIGKILL at random moments, and the files a crash leaves are opened with the sqlite3
// command-line program (not Waymark's code): the database passes `PRAGMA integrity_check` and
// `foreign_key_check`, and holds the whole change or none of it (everything but the times and
// the audit log equals the state before or after a clean run, and the change's audit entry is
// there exactly when the change is). A power-cut simulation copies the files while the writer is
// stopped. The server's crash test is crash_server.test.mjs; the settings are in crash_kit.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, waymark, runOk, tempDir, catalogueDb } from './kit.mjs';
import { assertAllOrNothing, digestSql, inspectFiles, newAudit, stateOf } from './db_state.mjs';
import { generator, kills, phaseOf, seed, verbose } from './crash_kit.mjs';

const counts = path.join(root, 'data/derived/counts.csv');

// Runs `waymark --db DB ARGS` to its end or until it is killed: { status, signal, stdout,
// stderr, ms, walAt }. `kill` says when to send SIGKILL, unless it has ended by then: `at` ms
// after the start, or `afterWal` ms after its WAL is first seen written (by a file-system
// event); walAt is when that was (null when the WAL was not written or not watched).
function runUntil(db, args, kill = {}) {
  const started = performance.now();
  let walAt = null;
  let timer = null;
  const child = spawn(waymark, ['--db', db, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const killLater = (ms) => { timer = setTimeout(() => child.kill('SIGKILL'), ms); };
  const watcher = fs.watch(path.dirname(db), (event, name) => {
    if (walAt !== null || name !== `${path.basename(db)}-wal`) return;
    if (!(fs.statSync(`${db}-wal`, { throwIfNoEntry: false })?.size > 0)) return;
    walAt = performance.now() - started;
    if (kill.afterWal !== undefined) killLater(kill.afterWal);
  });
  if (kill.at !== undefined) killLater(kill.at);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      watcher.close();
      resolve({ status, signal, stdout, stderr, ms: performance.now() - started, walAt });
    });
  });
}

// The moments of a command's kills, drawn by `random` from a clean run: half over the whole
// run and past its end (from the start, over 1.2 times its duration), half over the part in
// which it writes, which is often short (from its first WAL write, over what remained of the
// clean run from then).
function killMoments(random, count, clean) {
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 || clean.walAt === null
    ? { at: random() * 1.2 * clean.ms }
    : { afterWal: random() * clean.writing }));
}

// How a kill moment reads in messages.
function momentText(kill) {
  return kill.at !== undefined ? `${kill.at.toFixed(0)} ms`
                               : `${kill.afterWal.toFixed(0)} ms after the first WAL write`;
}

// One line on a command's kills: how many landed where and how many kept the change.
function summarise(tally, noun = 'kills') {
  const phases = {};
  for (const k of tally) phases[k.phase] = (phases[k.phase] ?? 0) + 1;
  const midWrite = tally.filter((k) => k.phase.startsWith('mid-write')).length;
  return `${tally.length} ${noun}, ${midWrite} mid-write; ` +
         Object.entries(phases).map(([p, n]) => `${n} ${p}`).join(', ') +
         `; ${tally.filter((k) => k.committed).length} kept the change`;
}

// Copies a closed database (no -wal) to DIR/NAME, removing what an earlier copy left there.
function copyDb(from, dir, name) {
  const to = path.join(dir, name);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(to + suffix, { force: true });
  fs.copyFileSync(from, to);
  return to;
}

// Runs `waymark ARGS` to its end three times on fresh copies of BASE, the last at
// DIR/reference.db: { ms, walAt, writing }, the shortest duration, time of the first WAL write
// (null when it never wrote) and time from then to the end. The shortest, since the first run
// is slowed by cold caches, and the kills' runs, which follow, are like the quickest.
async function cleanRuns(dir, base, args) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const result = await runUntil(copyDb(base, dir, 'reference.db'), args);
    assert.equal(result.status, 0, `clean run: ${result.stderr}`);
    runs.push(result);
  }
  const written = runs.every((r) => r.walAt !== null);
  return { ms: Math.min(...runs.map((r) => r.ms)),
           walAt: written ? Math.min(...runs.map((r) => r.walAt)) : null,
           writing: written ? Math.min(...runs.map((r) => r.ms - r.walAt)) : 0 };
}

// Kills `waymark ARGS` on fresh copies of BASE at `count` moments (killMoments), checking each
// crash's files with sqlite3, and what Waymark shows of them (`peek(db)`, a text that must be
// that of the database before or after); `extra(db, {...})` adds checks. Returns the tally for
// the report, the states before and after, and the clean runs' timing.
async function killRepeatedly(t, { dir, base, args, action, count, stream, peek, extra }) {
  const digests = digestSql(base);
  const before = stateOf(base, digests);
  const shownBefore = peek(base);
  const clean = await cleanRuns(dir, base, args);
  const after = stateOf(path.join(dir, 'reference.db'), digests);
  const shownAfter = peek(path.join(dir, 'reference.db'));
  assert.notEqual(shownAfter, shownBefore, 'Waymark shows no change after a clean run');
  assert.notEqual(after.digest, before.digest, 'the clean run changed nothing');
  assert.equal(newAudit(after, before, action, 'clean run'), 1);
  const tally = [];
  const killOnce = async (i, at) => {
    const what = `${args.slice(0, 2).join(' ')} killed at ${momentText(at)} ` +
                 `(seed ${seed}, kill ${i})`;
    const db = copyDb(base, dir, 'crash.db');
    const result = await runUntil(db, args, at);
    const files = inspectFiles(db);
    // What Waymark shows: every other time read first from the files as the crash left them,
    // otherwise after sqlite3 has opened them.
    let shown = i % 2 === 1 ? peek(db) : undefined;
    const state = stateOf(db, digests);
    const committed = assertAllOrNothing(state, before, after, what);
    assert.equal(newAudit(state, before, action, what), committed ? 1 : 0,
                 `${what}: the change and its audit entry are kept together or not at all`);
    if (result.signal !== 'SIGKILL') assert.equal(result.status, 0, `${what}: ${result.stderr}`);
    const phase = phaseOf(files, committed, result.signal === 'SIGKILL');
    tally.push({ phase, committed });
    if (verbose) t.diagnostic(`${what}: ${phase}, ended at ${result.ms.toFixed(0)} ms`);
    shown ??= peek(db);
    assert.equal(shown, committed ? shownAfter : shownBefore, `${what}: what Waymark shows`);
    if (extra) await extra(db, { committed, what, phase, index: i, after, digests });
  };
  const moments = killMoments(generator(stream), count, clean);
  for (const [i, at] of moments.entries()) await killOnce(i, at);
  // When the machine is busier (or idler) than during the clean runs, every moment may fall
  // on one side of the commit; then more kills, later (or at the start), see the other side.
  for (let late = 1; late <= 4 && !tally.some((k) => k.committed); late++) {
    await killOnce(tally.length, { at: clean.ms * (1 + late / 2) });
  }
  if (!tally.some((k) => !k.committed)) await killOnce(tally.length, { at: 0 });
  t.diagnostic(`${args.slice(0, 2).join(' ')}: clean run ${clean.ms.toFixed(0)} ms, ` +
               `writing from ${clean.walAt?.toFixed(0)} ms; ` + summarise(tally));
  return { tally, before, after, digests, clean };
}

// Waits until every thread of process PID has stopped; false when it has ended instead.
function waitStopped(pid) {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    let tasks;
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      return false;
    }
    const states = tasks.map((task) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
        return stat[stat.lastIndexOf(')') + 2];
      } catch {
        return 'X';  // a thread that has just ended
      }
    }).filter((state) => state !== 'X');
    if (states.length === 0) return false;
    if (states[0] === 'Z') return false;
    if (states.every((s) => s === 'T' || s === 't')) return true;
  }
  throw new Error(`process ${pid} did not stop`);
}

// The power-cut simulation. Runs `waymark --db DB ARGS` and at each of `moments` (as
// killMoments gives them) stops it with SIGSTOP, copies the database and its WAL as they are
// to COPYTO-N.db (not the wal-index, -shm: SQLite rebuilds it from the WAL when it opens a
// copy without one), and lets it go on with SIGCONT. A stopped process does nothing more to its
// files, and SIGSTOP takes effect only between system calls, so every write() it made is whole
// in the kernel's page cache, which the copy reads: the files are what a crash at that moment
// leaves when the kernel keeps what it was given (a process crash, or a power cut after the
// cache reached the disk; losing writes that were never synced is not simulated, and SQLite's
// syncs are what guard against that). Resolves to { status, stderr, copies: [{ copy, files,
// ms }] } with what inspectFiles found in the running process's files at each stop, and when
// (in the process's own time).
function runCopying(db, args, moments, copyTo) {
  const started = performance.now();
  const child = spawn(waymark, ['--db', db, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  let ended = false;
  child.on('exit', () => { ended = true; });
  const copies = [];
  const timers = [];
  // A moment counts the process's own time: the time it spent stopped is left out, so that
  // earlier stops do not pull later ones towards its start.
  let stopped = 0;
  let walSeen = null;  // { at, stopped }: when the WAL was first written, and `stopped` then
  const elapsed = (m) => (m.at !== undefined ? performance.now() - started - stopped
    : performance.now() - walSeen.at - (stopped - walSeen.stopped));
  const snapshot = (m) => {
    if (ended) return;
    const early = (m.at ?? m.afterWal) - elapsed(m);
    if (early >= 1) {
      timers.push(setTimeout(() => snapshot(m), early));
      return;
    }
    const stop = performance.now();
    child.kill('SIGSTOP');
    if (!waitStopped(child.pid)) return;
    const copy = `${copyTo}-${copies.length}.db`;
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
    fs.copyFileSync(db, copy);
    if (fs.existsSync(`${db}-wal`)) fs.copyFileSync(`${db}-wal`, `${copy}-wal`);
    copies.push({ copy, files: inspectFiles(db), ms: stop - started - stopped });
    child.kill('SIGCONT');
    stopped += performance.now() - stop;
  };
  const watcher = fs.watch(path.dirname(db), (event, name) => {
    if (walSeen || name !== `${path.basename(db)}-wal`) return;
    if (!(fs.statSync(`${db}-wal`, { throwIfNoEntry: false })?.size > 0)) return;
    walSeen = { at: performance.now(), stopped };
    for (const m of moments) {
      if (m.afterWal !== undefined) timers.push(setTimeout(() => snapshot(m), m.afterWal));
    }
  });
  for (const m of moments) if (m.at !== undefined) timers.push(setTimeout(() => snapshot(m), m.at));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      timers.forEach(clearTimeout);
      watcher.close();
      resolve({ status, stderr, copies });
    });
  });
}

// Runs the power-cut simulation RUNS times on fresh copies of BASE with STOPS stops each, and
// checks every copy as after a kill.
async function cutPower(t, { dir, base, args, action, runs, stops, stream, before, after, digests,
                             clean }) {
  const random = generator(stream);
  const tally = [];
  for (let run = 0; run < runs; run++) {
    const db = copyDb(base, dir, 'running.db');
    const moments = killMoments(random, stops, clean);
    const result = await runCopying(db, args, moments, path.join(dir, 'power'));
    assert.equal(result.status, 0, `a run stopped and continued failed: ${result.stderr}`);
    for (const { copy, files, ms } of result.copies) {
      const what = `${args.slice(0, 2).join(' ')} copied at ${ms.toFixed(0)} ms ` +
                   `(seed ${seed}, run ${run})`;
      const state = stateOf(copy, digests);
      const committed = assertAllOrNothing(state, before, after, what);
      assert.equal(newAudit(state, before, action, what), committed ? 1 : 0,
                   `${what}: the change and its audit entry are kept together or not at all`);
      tally.push({ phase: phaseOf(files, committed, true), committed });
    }
  }
  t.diagnostic(`${args.slice(0, 2).join(' ')}, power cut: ${runs} runs, ` +
               summarise(tally, 'copies'));
  return tally;
}

// A Waymark CSV of ROWS new figures for five catalogue indicators across every council (by age
// band, sex and year), and revised values (and counts, where the denominator allows) for the
// first REVISED figures of counts.csv with a value.
function writeLargeCsv(file, rows, revised) {
  const areas = fs.readFileSync(path.join(root, 'data/areas/areas.csv'), 'utf8').trim()
    .split('\n').slice(1).map((line) => line.split(',')[0]);
  const indicators = ['children-in-need-rate', 'child-protection-plan-rate',
                      'children-looked-after-rate', 'referrals-rate', 'section-47-enquiries-rate'];
  const known = fs.readFileSync(counts, 'utf8').trim().split('\n');
  const lines = [known[0]];
  for (const line of known.slice(1)) {
    const cells = line.split(',');
    if (!/^[0-9.]+$/.test(cells[7]) || lines.length > revised) continue;
    cells[7] = (Number(cells[7]) + 0.5).toFixed(2);
    if (Number(cells[12]) + 1 <= Number(cells[13])) cells[12] = String(Number(cells[12]) + 1);
    lines.push(cells.join(','));
  }
  let state = 12345;
  let written = 0;
  for (const age of ['0-4', '5-9', '10-14', '15-17']) {
    for (const sex of ['Male', 'Female']) {
      for (const indicator of indicators) {
        for (const area of areas) {
          for (let year = 1995; year < 2025 && written < rows; year++, written++) {
            state = (Math.imul(state, 1103515245) + 12345) >>> 1;
            const denominator = 10000 + (state % 90000);
            const count = state % 1000;
            lines.push(`${indicator},${area},${year},${sex},${age},,,` +
                       `${(count / denominator * 10000).toFixed(3)},,,,,${count},${denominator},`);
          }
        }
      }
    }
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

test('data import killed at random moments keeps all of the import or none of it', async (t) => {
  t.diagnostic(`seed ${seed} (WAYMARK_CRASH_SEED), ${kills} kills (WAYMARK_CRASH_KILLS)`);
  const dir = tempDir('waymark-crash-data-');
  const base = catalogueDb(dir, 'base.db');
  runOk(base, ['data', 'import', '--format', 'csv', counts]);
  const file = path.join(dir, 'large.csv');
  writeLargeCsv(file, 100000, 2000);
  const args = ['data', 'import', '--format', 'csv', file];
  let reimported = 0;
  const killed = await killRepeatedly(t, {
    dir, base, args, action: 'data.import', count: kills, stream: 1,
    // Barnet's figures of an indicator the file revises, with their provenance but without
    // the import's time.
    peek: (db) => runOk(db, ['data', 'history', '--indicator', 'children-in-need-rate', '--area',
                             'E09000003', '--format', 'csv']).stdout
      .replace(/\d{4}-\d\d-\d\dT[\d:]+Z/g, ''),
    extra: async (db, { committed, what, phase, index, after, digests }) => {
      // The same file imported again (after each mid-write kill and every fourth other one, for
      // time): everything when nothing was kept, then as after a clean run; else nothing new.
      if (!phase.startsWith('mid-write') && index % 4 !== 0) return;
      const again = runOk(db, args).stdout;
      const expected = committed ? /: 0 new, 0 revised, 102000 unchanged/
                                 : /: 100000 new, 2000 revised, 0 unchanged/;
      assert.match(again, expected, `${what}: imported again`);
      if (!committed) {
        assert.equal(stateOf(db, digests, { checks: false }).digest, after.digest,
                     `${what}: imported again`);
      }
      reimported++;
    },
  });
  assert.ok(reimported >= kills / 4, `imported again after ${reimported} kills`);
  assert.ok(killed.tally.some((k) => !k.committed), 'no kill landed before the commit');
  assert.ok(killed.tally.some((k) => k.committed), 'no kill landed after the commit');
  const copies = await cutPower(t, { dir, base, args, action: 'data.import', runs: 2, stops: 6,
                                     stream: 2, ...killed });
  assert.ok(copies.length > 0, 'no copy was taken while the import ran');
});

// The 2019-23 plan with every action's title changed and COPIES new actions after each one: a
// new revision with hundreds of changes, as many as it returns.
function writeChangedPlan(file, copies) {
  let actions = 0;
  const out = [];
  let block = null;
  const flush = () => {
    if (!block) return;
    out.push(...block.map((l) => l.replace(/^( {4}title = ".*)"$/, '$1 (revised)"')), '');
    for (let c = 1; c <= copies; c++) {
      out.push(...block.map((l) => l.replace(/^( {4}id = ".*)"$/, `$1-follow-up-${c}"`)
        .replace(/^ {4}title = "(.*)"$/, `    title = "Follow-up ${c}: $1"`)), '');
    }
    block = null;
  };
  const plan = fs.readFileSync(path.join(root, 'examples/barnet-2019-23/plan.toml'), 'utf8');
  for (const line of plan.split('\n')) {
    if (line === '    [[outcomes.objectives.actions]]') {
      flush();
      block = [line];
      actions++;
    } else if (block && (line.trim() === '' || line.trim().startsWith('['))) {
      flush();
      out.push(line);
    } else {
      (block ?? out).push(line);
    }
  }
  flush();
  fs.writeFileSync(file, out.join('\n'));
  return actions * (1 + copies);  // each title changed, and the copies added
}

test('plan import killed at random moments keeps the old revision or the whole new one',
     async (t) => {
  t.diagnostic(`seed ${seed}`);
  const dir = tempDir('waymark-crash-plan-');
  const base = catalogueDb(dir, 'base.db');
  const file = path.join(dir, 'plan.toml');
  const changes = writeChangedPlan(file, 3);
  const args = ['plan', 'import', file];
  const killed = await killRepeatedly(t, {
    dir, base, args, action: 'plan.import', count: kills, stream: 3,
    peek: (db) => runOk(db, ['plan', 'show', 'barnet-2019-23', '--format', 'json']).stdout,
    extra: async (db, { committed, what, after, digests }) => {
      // Importing again ends where a clean run does.
      if (committed) return;
      assert.match(runOk(db, args).stdout, new RegExp(`to revision 2: ${changes} changes`),
                   `${what}: imported again`);
      assert.equal(stateOf(db, digests, { checks: false }).digest, after.digest,
                   `${what}: imported again`);
    },
  });
  assert.ok(killed.tally.some((k) => !k.committed), 'no kill landed before the commit');
  assert.ok(killed.tally.some((k) => k.committed), 'no kill landed after the commit');
});

test('assess killed at random moments keeps the old judgements or the whole new set', async (t) => {
  t.diagnostic(`seed ${seed}`);
  const dir = tempDir('waymark-crash-assess-');
  const base = catalogueDb(dir, 'base.db');
  runOk(base, ['data', 'import', '--format', 'csv', counts]);
  runOk(base, ['assess']);
  // Revised figures, so that judging again gives other judgements.
  const revised = path.join(dir, 'revised.csv');
  writeLargeCsv(revised, 0, 3000);
  runOk(base, ['data', 'import', '--format', 'csv', revised]);
  const args = ['assess'];
  const killed = await killRepeatedly(t, {
    dir, base, args, action: 'assessments.compute', count: kills, stream: 4,
    // The judgements of an indicator whose every figure the file revised.
    peek: (db) => runOk(db, ['export', 'assessments', '--indicator',
                             'care-leavers-eet-17-18']).stdout,
    extra: async (db, { committed, what, index, after, digests }) => {
      // Every fourth time it judges again, ending where a clean run does.
      if (index % 4 !== 0) return;
      runOk(db, args);
      assert.equal(stateOf(db, digests, { checks: false }).digest, after.digest,
                   `${what}: judged again`);
    },
  });
  assert.ok(killed.tally.some((k) => !k.committed), 'no kill landed before the commit');
  assert.ok(killed.tally.some((k) => k.committed), 'no kill landed after the commit');
  const copies = await cutPower(t, { dir, base, args, action: 'assessments.compute', runs: 2,
                                     stops: 5, stream: 5, ...killed });
  assert.ok(copies.length > 0, 'no copy was taken while assess ran');
});
