// Tests of the load benchmark's counting and of its check of writes against the database
// (load_report.mjs): a clean chain passes, and each kind of lost, duplicated, misplaced, kept or
// untold write is caught. Run with `node --test bench/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Tally, checkWrites, markerOf, percentile } from './load_report.mjs';

const runId = 'abc123';
const key = '1/hw-thrive';

// The stored form of an update as the audit log keeps it.
function update(version, narrative, state = 'draft', reopened = '') {
  return JSON.stringify({ cycle_id: 1, action_id: 'hw-thrive', status: 'on-track', narrative,
                          state, version, reopened_reason: reopened });
}

function entry(id, action, before, after) {
  return { id, action, entity_id: key, before, after };
}

function storedOf(after) {
  const u = JSON.parse(after);
  return [{ cycle_id: 1, action_id: 'hw-thrive', narrative: u.narrative, version: u.version,
            state: u.state, reopened_reason: u.reopened_reason }];
}

function save(marker, base, extra = {}) {
  return { kind: 'form', key, marker, base, submit: false, status: 'on-track',
           outcome: 'accepted', ...extra };
}

// Two saves, a submit, a reopen and a refused save, all in order.
function cleanRun() {
  const [m1, m2, m3, m4, m5] = [1, 2, 3, 4, 5].map((n) => markerOf(runId, 7, n));
  const v1 = update(1, `a ${m1}`);
  const v2 = update(2, `b ${m2}`);
  const v3 = update(3, `c ${m3}`, 'submitted');
  const v4 = update(4, `c ${m3}`, 'draft', `why ${m4}`);
  const rows = [entry(10, 'action-update.save', '', v1), entry(11, 'action-update.save', v1, v2),
                entry(12, 'action-update.submit', v2, v3),
                entry(13, 'action-update.reopen', v3, v4)];
  const writes = [save(m1, 0), save(m2, 1, { kind: 'api', version: 2 }),
                  save(m3, 2, { submit: true }),
                  { kind: 'reopen', key, marker: m4, outcome: 'accepted' },
                  save(m5, 1, { outcome: 'refused' })];
  return { writes, rows, stored: storedOf(v4), runId, markers: [m1, m2, m3, m4, m5], v1, v2 };
}

test('a clean run of saves, a submit, a reopen and a refusal passes', () => {
  const run = cleanRun();
  const { result, failures, problems } = checkWrites(run);
  assert.deepEqual(problems, []);
  assert.equal(failures, 0);
  assert.equal(result.accepted, 4);
  assert.equal(result.refused, 1);
  assert.equal(result.entries, 4);
});

test('an accepted write missing from the audit log is lost', () => {
  const run = cleanRun();
  run.rows = run.rows.slice(0, 1);  // only the first save reached the log
  run.stored = storedOf(run.v1);
  const { result, failures } = checkWrites(run);
  assert.equal(result.lost, 3);
  assert.equal(failures, 3);
});

test('a refused write found in the log or the stored update is kept', () => {
  const run = cleanRun();
  const refused = run.markers[4];
  run.stored[0].narrative += ` ${refused}`;
  const { result } = checkWrites(run);
  assert.equal(result.keptRefused, 1);
  assert.equal(result.finalWrong, 1);  // the stored narrative is no longer the last saved
});

test('an entry no accepted write claims was saved without its writer being told', () => {
  const run = cleanRun();
  run.writes[1].outcome = 'refused';
  const { result } = checkWrites(run);
  assert.equal(result.untold, 1);
  assert.equal(result.keptRefused, 1);
  assert.equal(result.accepted, 3);
});

test('two saves of the same version break the chain and are saved differently', () => {
  const run = cleanRun();
  // The second save replaced version 1 again after the first had made version 2: a lost update.
  const [m1, m2] = run.markers;
  const other = update(2, `b ${m2}`);
  run.rows = [entry(10, 'action-update.save', '', run.v1),
              entry(11, 'action-update.save', run.v1, update(2, `x ${markerOf(runId, 8, 1)}`)),
              entry(12, 'action-update.save', run.v1, other)];
  run.writes = [save(m1, 0), save(markerOf(runId, 8, 1), 1), save(m2, 1)];
  run.stored = storedOf(other);
  const { result, failures } = checkWrites(run);
  assert.equal(result.chainBreaks, 1);
  assert.equal(result.wrong, 0);  // each save on its own looks right: only the chain shows it
  assert.equal(failures, 1);
});

test('a save recorded against another version or state is saved differently', () => {
  const run = cleanRun();
  run.writes[1].base = 0;  // the writer read no update, yet the entry replaced version 1
  run.writes[2].submit = false;  // a draft, yet the entry is a submit
  const { result } = checkWrites(run);
  assert.equal(result.wrong, 2);
});

test('a marker saved twice is duplicated', () => {
  const run = cleanRun();
  const again = update(5, JSON.parse(run.v2).narrative);  // the second save's text again
  run.rows.push(entry(14, 'action-update.save', run.rows[3].after, again));
  run.stored = storedOf(again);
  const { result } = checkWrites(run);
  assert.equal(result.duplicated, 1);
  assert.equal(result.chainBreaks, 0);
});

test('an unanswered write claims what it saved but fails nothing itself', () => {
  const run = cleanRun();
  run.writes[0].outcome = 'unknown';
  const { result, failures } = checkWrites(run);
  assert.equal(result.unknown, 1);
  assert.equal(result.untold, 0);
  assert.equal(failures, 0);
});

test('the tally counts outcomes by kind, warm-up errors apart, and totals them', () => {
  const tally = new Tally();
  tally.note('page', { ms: 5 }, 'error:500', 'before the start');
  assert.equal(tally.warmupErrors, 1);
  assert.equal(tally.kinds.size, 0);
  tally.start(Date.now());
  assert.equal(tally.expect('page', { status: 200, ms: 10, body: '' }, 200, '/'), true);
  assert.equal(tally.expect('page', { status: 502, ms: 30, body: 'bad' }, 200, '/'), false);
  assert.equal(tally.expect('page', null, 200, '/'), false);
  tally.note('update (form)', { ms: 20 }, 'told:409 stale version');
  tally.note('update (form)', { ms: 40 }, 'told:409 stale version');
  const page = tally.kinds.get('page');
  assert.equal(page.ok, 1);
  assert.equal(page.errors.get('502'), 1);
  assert.equal(tally.kinds.get('update (form)').told.get('409 stale version'), 2);
  assert.equal(tally.errors(), 2);
  const lines = tally.table(2);
  const all = lines.find((l) => l.startsWith('all')).split(/\s{2,}/);
  assert.deepEqual(all.slice(0, 6), ['all', '4', '2.0', '1', '2', '1']);
  assert.ok(lines.includes('  update (form): 409 stale version × 2'));
});

test('percentiles are the nearest rank', () => {
  const sorted = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(percentile(sorted, 50), 5);
  assert.equal(percentile(sorted, 99), 10);
  assert.equal(percentile(sorted, 10), 1);
  assert.ok(Number.isNaN(percentile(new Float64Array(), 50)));
});
