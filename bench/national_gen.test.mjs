// Tests of the national benchmark's generator (bench/national_gen.mjs): the same file on every
// run, the rows each indicator kind must have (counts, denominators, supplied intervals), the
// catalogue beside it, and the INDICATORS/YEARS/ROWS settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const areasCsv = path.join(root, 'data/areas/areas.csv');

function generate(env) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'national-gen-'));
  const summary = execFileSync('node', [path.join(root, 'bench/national_gen.mjs'), areasCsv, dir], {
    env: { ...process.env, INDICATORS: '', YEARS: '', ROWS: '', ...env },
    encoding: 'utf8',
  });
  const read = (name) => fs.readFileSync(path.join(dir, name), 'utf8');
  const result = { summary, csv: read('export.csv'), toml: read('catalogue.toml'), table: read('indicators.csv') };
  fs.rmSync(dir, { recursive: true });
  return result;
}

// Splits a row of the export, whose area names may be quoted.
function fields(line) {
  return line.match(/("[^"]*"|[^,]*)(,|$)/g).map((f) => f.replace(/,$/, '')).slice(0, 27);
}

const areas = fs.readFileSync(areasCsv, 'utf8').split('\n').slice(1)
  .filter((l) => /,(country|region|council),/.test(l)).length;

test('the same settings give the same file, byte for byte', () => {
  const a = generate({ INDICATORS: '6', YEARS: '5' });
  const b = generate({ INDICATORS: '6', YEARS: '5' });
  assert.equal(a.csv, b.csv);
  assert.equal(a.toml, b.toml);
});

test('rows: sexes for every indicator, deciles for three in five, counts on every row', () => {
  const { csv, toml, table, summary } = generate({ INDICATORS: '6', YEARS: '5' });
  const lines = csv.trimEnd().split('\n');
  assert.equal(fields(lines[0]).length, 27);
  // Indicators 1-3 and 6 have deciles (i % 5 < 3), 4 and 5 do not: 13 or 3 groups.
  const expected = areas * 5 * (13 + 13 + 13 + 3 + 3 + 13);
  assert.equal(lines.length - 1, expected);
  assert.match(summary, new RegExp(`^${expected} rows, 6 indicators, ${areas} areas, 5 years`));
  assert.equal(areas, 171);
  const kinds = { 100001: 'proportion', 100002: 'rate', 100003: 'supplied' };
  for (const line of lines.slice(1)) {
    const f = fields(line);
    assert.equal(f.length, 27, line);
    const kind = kinds[(Number(f[0]) - 100001) % 3 + 100001];
    const count = Number(f[17]);
    const den = Number(f[18]);
    assert.ok(Number.isInteger(count) && Number.isInteger(den) && den > 0, line);
    const cis = f.slice(13, 17);
    if (kind === 'proportion') assert.ok(count >= 1 && count < den, line);
    else assert.ok(count >= 10, line);
    if (kind === 'supplied') {
      const [l95, u95, l998, u998] = cis.map(Number);
      const value = Number(f[12]);
      assert.ok(l998 < l95 && l95 < value && value < u95 && u95 < u998, line);
    } else {
      assert.deepEqual(cis, ['', '', '', ''], line);
    }
    assert.ok(['2019', '2020', '2021', '2022', '2023'].includes(f[11]), line);
  }
  assert.equal((toml.match(/^\[\[indicators\]\]$/gm) || []).length, 6);
  assert.match(toml, /method = "wilson"/);
  assert.match(toml, /method = "byar"/);
  assert.match(toml, /method = "supplied"/);
  assert.equal(table.trimEnd().split('\n').length, 7);
});

test('ROWS stops after the indicator that reaches it', () => {
  const perIndicator = areas * 5 * 13;
  const { summary } = generate({ INDICATORS: '6', YEARS: '5', ROWS: String(perIndicator + 1) });
  assert.match(summary, new RegExp(`^${2 * perIndicator} rows, 2 indicators`));
  const exact = generate({ INDICATORS: '6', YEARS: '5', ROWS: String(perIndicator) });
  assert.match(exact.summary, new RegExp(`^${perIndicator} rows, 1 indicators`));
});
