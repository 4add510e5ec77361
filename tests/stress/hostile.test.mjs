// Hostile inputs: every case of tests/stress/hostile/cases.json, a malformed file of one of the
// formats Waymark reads (the checked-in corpus, and the big files this test writes: a 100 MiB
// field, a million columns, a zip bomb's expansion), given to the command that reads it. A refused
// file must exit with status 1 (no signal, no crash, no stack trace), name the file and the
// position the manifest gives with its message, and leave the database byte-for-byte as it was
// with no write-ahead log left holding changes. A file a mature reader accepts (a UTF-8 byte order
// mark, CRLF line ends) must leave the same database as the clean file it was made from.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { root, waymark, runOk, runGuarded, tempDir, catalogueDb, digest, dump } from './kit.mjs';

const corpus = path.join(root, 'tests/stress/hostile');
const manifest = JSON.parse(fs.readFileSync(path.join(corpus, 'cases.json'), 'utf8'));
const work = tempDir('waymark-hostile-');
const generatedDir = path.join(work, 'generated');
const MiB = 1 << 20;

// What a crash, a sanitizer report or an uncaught exception leaves on either stream.
const kCrashSigns = new RegExp([
  'terminate called', 'what\\(\\):', 'Segmentation fault', 'Aborted', 'core dumped',
  'AddressSanitizer', 'LeakSanitizer', 'UndefinedBehaviorSanitizer', 'runtime error:',
  '#\\d+ 0x[0-9a-f]+', 'Assertion .* failed', 'stack trace', 'Traceback',
].join('|'), 'i');

// Whether the binary under test is built with AddressSanitizer (its peak memory is then not the
// program's own).
const kAsan = /AddressSanitizer/.test(spawnSync(waymark, ['--version'], {
  encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'help=1' },
}).stderr ?? '');

// The lines of a clean file, for the generators below.
function cleanLines(name) {
  return fs.readFileSync(path.join(corpus, name), 'utf8').split('\n');
}

// 1 GiB of NUL bytes without writing them: what a zip bomb expands to.
function sparseGiB(file) {
  fs.closeSync(fs.openSync(file, 'w'));
  fs.truncateSync(file, 1024 * MiB);
}

// The big and the long files, written at run time under the names the manifest gives them.
const generators = {
  'fingertips-100mb-quoted-field.csv': (file) => {
    const [header, row] = cleanLines('fingertips-clean.csv');
    const cells = row.split(',');
    cells[header.split(',').indexOf('Value note')] = `"${'x'.repeat(100 * MiB)}"`;
    fs.writeFileSync(file, `${header}\n${cells.join(',')}\n`);
  },
  'fingertips-zip-bomb-expansion.csv': sparseGiB,
  'lait-million-columns.csv': (file) => {
    fs.writeFileSync(file, `${cleanLines('lait-clean.csv')[0]}\n${'1,'.repeat(999999)}1\n`);
  },
  'lait-lone-cr-2mb.csv': (file) => {
    fs.writeFileSync(file, fs.readFileSync(path.join(corpus, 'lait-clean.csv'), 'utf8')
      .repeat(20000).replaceAll('\n', '\r'));
  },
  'csv-million-columns.csv': (file) => {
    fs.writeFileSync(file, `${Array.from({ length: 1000000 }, (_, k) => `c${k}`).join(',')}\n`);
  },
  // The clean rows again and again past the first 64 KiB (1,101 lines), then a bad line.
  'csv-nul-after-64k.csv': (file) => {
    const [header, ...rows] = cleanLines('csv-clean.csv').slice(0, 5);
    let text = `${header}\n`;
    while (text.length < 70000) text += `${rows.join('\n')}\n`;
    fs.writeFileSync(file, `${text}${rows[0].slice(0, 30)}\0${rows[0].slice(30)}\n`);
  },
  'csv-latin1-after-64k.csv': (file) => {
    const [header, ...rows] = cleanLines('csv-clean.csv').slice(0, 5);
    let text = `${header}\n`;
    while (text.length < 70000) text += `${rows.join('\n')}\n`;
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`${text}${rows[0]}\nindicator`),
                                          Buffer.from([0xE9, 0x0A])]));
  },
  'areas-100mb-field.csv': (file) => {
    const [header] = cleanLines('areas-clean.csv');
    fs.writeFileSync(file, `${header}\nE05000043,${'B'.repeat(100 * MiB)},ward,E09000003,\n`);
  },
  'areas-zip-bomb-expansion.csv': sparseGiB,
  'plan-100mb-string.toml': (file) => {
    fs.writeFileSync(file, fs.readFileSync(path.join(corpus, 'plan-clean.toml'), 'utf8')
      .replace('title = "Mini plan"', `title = "${'M'.repeat(100 * MiB)}"`));
  },
  'plan-zip-bomb-expansion.toml': sparseGiB,
  'boundaries-100mb-code.geojson': (file) => {
    fs.writeFileSync(file, fs.readFileSync(path.join(corpus, 'boundaries-clean.geojson'), 'utf8')
      .replace('"E05000043"', `"${'E'.repeat(100 * MiB)}"`));
  },
  'boundaries-deep-nesting.geojson': (file) => {
    fs.writeFileSync(file, `{"type":"FeatureCollection","features":${'['.repeat(1000000)}` +
                           `${']'.repeat(1000000)}}`);
  },
  'boundaries-zip-bomb-expansion.geojson': sparseGiB,
};

// The file a case reads: in the corpus, or written now (and removed after the case).
function caseFile(c) {
  if (!c.generated) return path.join(corpus, c.file);
  const make = generators[c.file];
  assert.ok(make, `no generator for ${c.file}`);
  fs.mkdirSync(generatedDir, { recursive: true });
  const file = path.join(generatedDir, c.file);
  make(file);
  return file;
}

function argsFor(c, file) {
  return c.args.map((a) => a.replaceAll('{file}', file).replaceAll('{root}', root));
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The line of stderr a refusal must hold: FILE:LINE:COL: message, FILE: message, or for a JSON
// pointer FILE: /pointer: message (after "waymark: " when the command stopped at it).
function expectedLine(c, file) {
  const at = c.at ?? '';
  const where = at === '' ? '' : at.startsWith('/') ? `: ${escapeRegExp(at)}` : `:${at}`;
  return new RegExp(`^(?:waymark: )?${escapeRegExp(file)}${where}: ${c.error}`, 'm');
}

// A database's SQL, with what differs between two runs of the same import put aside: the file's
// name and the clock (ISO times, and Unix seconds of these decades).
function normalisedDump(db, file) {
  const text = dump(db);
  if (text === null) return null;
  return text.replaceAll(file, '{file}')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '{time}')
    .replace(/\b(?:1[7-9]|20)\d{8}\b/g, '{unix-time}');
}

// The dump of a case's database equals the clean file's, or the first line that differs is shown.
function assertSameDump(c, got, want) {
  const gotLines = got.replaceAll(c.file, '{name}').split('\n');
  const wantLines = want.replaceAll(c.as, '{name}').split('\n');
  const at = gotLines.findIndex((line, i) => line !== wantLines[i]);
  if (at < 0 && gotLines.length === wantLines.length) return;
  const line = at < 0 ? gotLines.length : at;
  assert.fail(`${c.file}: not the database ${c.as} gives; line ${line + 1} of the dump is\n` +
              `  ${(gotLines[line] ?? '(none)').slice(0, 300)}\nwhere ${c.as} gives\n` +
              `  ${(wantLines[line] ?? '(none)').slice(0, 300)}`);
}

function assertNoCrash(c, result) {
  assert.ok(!result.timedOut, `${c.file}: still running after the time limit`);
  assert.equal(result.signal, null, `${c.file}: killed by ${result.signal}\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, kCrashSigns, `${c.file}: a crash on stderr`);
  assert.doesNotMatch(result.stdout, kCrashSigns, `${c.file}: a crash on stdout`);
}

function assertNoWal(c, db) {
  const wal = `${db}-wal`;
  assert.ok(!fs.existsSync(wal) || fs.statSync(wal).size === 0,
            `${c.file}: a write-ahead log with content was left behind`);
}

describe('hostile inputs', () => {
  let base;
  let caseNumber = 0;
  const cleanDumps = new Map();

  // One database for every case: the catalogue, real LAIT figures, the young people's survey, a
  // reporting cycle, and users to act as.
  before(() => {
    base = catalogueDb(work, 'base.db');
    runOk(base, ['data', 'import', '--format', 'lait',
                 path.join(root, 'data/lait/lait_london_sn_extra.csv')]);
    const password = { input: 'hostile-corpus-password\n' };
    runOk(base, ['user', 'add', 'admin@hostile.example', '--name', 'Admin', '--org',
                 'barnet-council', '--role', 'admin'], password);
    runOk(base, ['user', 'add', 'family-services@partners.example', '--name', 'Family Services',
                 '--org', 'family-services', '--role', 'partner'], password);
    runOk(base, ['--as', 'admin@hostile.example', 'survey', 'import',
                 path.join(root, 'data/surveys/barnet-young-people.toml'), '--plan',
                 'barnet-2019-23']);
    runOk(base, ['--as', 'admin@hostile.example', 'cycle', 'open', '--plan', 'barnet-2019-23',
                 '--name', 'Hostile corpus', '--from', '2026-04-01', '--to', '2026-06-30',
                 '--due', '2026-07-15']);
    assert.ok(!fs.existsSync(`${base}-wal`) || fs.statSync(`${base}-wal`).size === 0);
  });

  // A fresh copy of the base database for one run.
  function freshDb() {
    const db = path.join(work, `case-${++caseNumber}.db`);
    fs.copyFileSync(base, db);
    return db;
  }

  // The database the clean file `name` leaves, with the same arguments as `c`.
  function cleanDump(c, name) {
    if (!cleanDumps.has(name)) {
      const db = freshDb();
      const file = path.join(corpus, name);
      const result = runGuarded(db, argsFor(c, file));
      assert.equal(result.status, 0, `${name} (clean): ${result.stderr}`);
      cleanDumps.set(name, normalisedDump(db, file));
      fs.rmSync(db);
    }
    return cleanDumps.get(name);
  }

  it('lists enough checked-in files over every format, each small and named in the manifest', () => {
    const onDisk = fs.readdirSync(corpus).filter((f) => f !== 'cases.json').sort();
    const listed = manifest.cases.filter((c) => !c.generated).map((c) => c.file).sort();
    assert.deepEqual(onDisk, listed);
    assert.ok(manifest.cases.filter((c) => !c.generated && c.expect === 'refused').length >= 40);
    for (const prefix of ['fingertips-', 'lait-', 'nccis_neet_participation_la-ees-', 'csv-',
                          'areas-', 'neighbours-', 'plan-', 'catalogue-', 'boundaries-']) {
      assert.ok(listed.filter((f) => f.startsWith(prefix)).length >= 4, prefix);
    }
    for (const f of onDisk) {
      assert.ok(fs.statSync(path.join(corpus, f)).size < 32 * 1024, `${f} is too big to keep`);
    }
    for (const c of manifest.cases) {
      assert.ok(['ok', 'same', 'refused'].includes(c.expect), c.file);
      assert.ok(!c.generated || generators[c.file], `no generator for ${c.file}`);
      if (c.expect === 'same') assert.ok(listed.includes(c.as), `${c.file}: no clean file ${c.as}`);
    }
  });

  for (const c of manifest.cases) {
    it(`${c.file}: ${c.expect}`, () => {
      const file = caseFile(c);
      const db = freshDb();
      const before = digest(db);
      try {
        const result = runGuarded(db, argsFor(c, file), { measure: c.max_rss_mib !== undefined });
        assertNoCrash(c, result);
        assertNoWal(c, db);
        if (c.expect === 'refused') {
          assert.equal(result.status, 1, `${c.file}: exit status\n${result.stderr}`);
          assert.match(result.stderr, expectedLine(c, file));
          assert.equal(digest(db), before, `${c.file}: the database changed`);
        } else {
          assert.equal(result.status, 0, `${c.file}: ${result.stderr}`);
          assert.notEqual(digest(db), before, `${c.file}: accepted but nothing was stored`);
          if (c.expect === 'same') {
            const got = normalisedDump(db, file);
            assert.ok(got !== null, 'comparing databases needs the sqlite3 program');
            assertSameDump(c, got, cleanDump(c, c.as));
          }
        }
        if (result.maxRssKiB !== null && !kAsan) {
          assert.ok(result.maxRssKiB <= c.max_rss_mib * 1024,
                    `${c.file}: peak memory ${Math.round(result.maxRssKiB / 1024)} MiB, more than ` +
                    `${c.max_rss_mib} MiB`);
        }
      } finally {
        fs.rmSync(db, { force: true });
        for (const extra of ['-wal', '-shm']) fs.rmSync(`${db}${extra}`, { force: true });
        if (c.generated) fs.rmSync(file, { force: true });
      }
    });
  }
});
