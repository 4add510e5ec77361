// What a database's files hold, read without Waymark's code: the frames a crash left in the WAL
// and the checkpoint under way (read from the files themselves), and through the sqlite3 program
// the integrity checks, a digest of every table and the audit entries by action; with the
// checks that a state after a crash is the state before a change or after it, never between.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

// What the files a crash left say, read before anything opens them: how many frames of a
// transaction being written the WAL holds after its last commit frame (frames of the WAL's
// current generation, by its salts; a torn last frame counts), and whether a checkpoint was
// copying the WAL into the database (the wal-index's nBackfillAttempted beyond nBackfill).
export function inspectFiles(db) {
  const files = { pendingFrames: 0, checkpointing: false };
  const wal = fs.existsSync(`${db}-wal`) ? fs.readFileSync(`${db}-wal`) : null;
  const magic = wal && wal.length >= 32 ? wal.readUInt32BE(0) : 0;
  if (magic === 0x377f0682 || magic === 0x377f0683) {
    const word = magic & 1 ? (b, i) => b.readUInt32BE(i) : (b, i) => b.readUInt32LE(i);
    const sum = (s, from, to) => {
      for (let i = from; i < to; i += 8) {
        s[0] = (s[0] + word(wal, i) + s[1]) >>> 0;
        s[1] = (s[1] + word(wal, i + 4) + s[0]) >>> 0;
      }
    };
    const pageSize = wal.readUInt32BE(8) === 1 ? 65536 : wal.readUInt32BE(8);
    const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
    const s = [wal.readUInt32BE(24), wal.readUInt32BE(28)];
    for (let at = 32; at + 24 <= wal.length; at += 24 + pageSize) {
      if (wal.readUInt32BE(at + 8) !== salts[0] || wal.readUInt32BE(at + 12) !== salts[1]) break;
      if (at + 24 + pageSize > wal.length) { files.pendingFrames++; break; }
      sum(s, at, at + 8);
      sum(s, at + 24, at + 24 + pageSize);
      if (s[0] !== wal.readUInt32BE(at + 16) || s[1] !== wal.readUInt32BE(at + 20)) {
        files.pendingFrames++;
        break;
      }
      files.pendingFrames = wal.readUInt32BE(at + 4) !== 0 ? 0 : files.pendingFrames + 1;
    }
  }
  const shm = fs.existsSync(`${db}-shm`) ? fs.readFileSync(`${db}-shm`) : null;
  if (shm && shm.length >= 136) {
    const word = os.endianness() === 'LE' ? (i) => shm.readUInt32LE(i) : (i) => shm.readUInt32BE(i);
    files.checkpointing = word(128) > word(96);
  }
  return files;
}

// Runs SQL in the sqlite3 program on DB and returns its output lines.
export function sqlite(db, sql) {
  const result = spawnSync('sqlite3', ['-batch', '-bail', db], { input: sql, encoding: 'utf8',
                                                                  maxBuffer: 64 << 20 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`sqlite3 ${db}: ${result.stderr}`);
  return result.stdout.split('\n').filter((line) => line !== '');
}

// The SQL giving a digest of each table's rows, leaving out the columns that hold times
// (`*_at`), the audit log (checked on its own) and AUTOINCREMENT's bookkeeping.
export function digestSql(db) {
  const columns = new Map();
  for (const line of sqlite(db, "SELECT m.name || '|' || p.name FROM sqlite_schema m, " +
                                "pragma_table_info(m.name) p WHERE m.type = 'table' " +
                                'ORDER BY m.name, p.cid;')) {
    const [table, column] = line.split('|');
    if (table === 'audit_log' || table.startsWith('sqlite_') || /_at$/.test(column)) continue;
    if (!columns.has(table)) columns.set(table, []);
    columns.get(table).push(`"${column}"`);
  }
  return [...columns].map(([table, cols]) => {
    const order = cols.map((_, i) => i + 1).join(', ');
    return `SELECT 'table|${table}|' || hex(sha3_query('SELECT ${cols.join(', ')} ` +
           `FROM "${table}" ORDER BY ${order}'));`;
  }).join('\n');
}

// What sqlite3 finds in DB: integrity_check's and foreign_key_check's lines, each table's
// digest, the whole digest and the audit entries by action.
export function stateOf(db, digests, { checks = true } = {}) {
  const lines = sqlite(db, `${checks ? `SELECT '#integrity'; PRAGMA integrity_check;
SELECT '#fk'; PRAGMA foreign_key_check;` : ''}
SELECT '#rest';
${digests}
SELECT 'audit|' || action || '|' || count(*) FROM audit_log GROUP BY action;`);
  const state = { integrity: [], fk: [], tables: {}, audit: {} };
  let section = null;
  for (const line of lines) {
    if (line.startsWith('#')) { section = line.slice(1); continue; }
    if (section === 'integrity') state.integrity.push(line);
    else if (section === 'fk') state.fk.push(line);
    else {
      const [kind, key, value] = line.split('|');
      if (kind === 'table') state.tables[key] = value;
      else state.audit[key] = Number(value);
    }
  }
  state.digest = crypto.createHash('sha256').update(JSON.stringify(state.tables)).digest('hex');
  return state;
}

// The tables whose digests differ between two states.
export function differing(a, b) {
  return Object.keys({ ...a.tables, ...b.tables }).filter((t) => a.tables[t] !== b.tables[t]);
}

// Checks a state read after a crash: integrity, no broken reference, and the content of
// `before` or of `after` exactly. Returns whether it is `after`'s.
export function assertAllOrNothing(state, before, after, what) {
  assert.deepEqual(state.integrity, ['ok'], `${what}: integrity_check`);
  assert.deepEqual(state.fk, [], `${what}: foreign_key_check`);
  if (state.digest === after.digest) return true;
  assert.equal(state.digest, before.digest,
               `${what}: neither before nor after: tables unlike before ` +
               `${differing(state, before)}, unlike after ${differing(state, after)}`);
  return false;
}

// How many audit entries of `action` a state has beyond `before`'s: 0 or 1, else a failure.
export function newAudit(state, before, action, what) {
  const extra = (state.audit[action] ?? 0) - (before.audit[action] ?? 0);
  assert.ok(extra === 0 || extra === 1, `${what}: ${extra} new '${action}' audit entries`);
  return extra;
}

// Runs SQL in sqlite3 on DB and returns its rows as objects.
export function sqliteRows(db, sql) {
  const result = spawnSync('sqlite3', ['-batch', '-bail', '-json', db], { input: sql,
                                                                          encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sqlite3 ${db}: ${result.stderr}`);
  return result.stdout.trim() === '' ? [] : JSON.parse(result.stdout);
}
