// What the stress tests share: the waymark binary under test (WAYMARK_BIN, default build/waymark),
// running it synchronously with its output kept, private temporary directories that are removed
// afterwards, a small database with Barnet's areas and catalogue, and a file's digest.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const waymark = path.resolve(root, process.env.WAYMARK_BIN || 'build/waymark');

// Runs `waymark --db DB ARGS...` to completion: { status, signal, stdout, stderr }.
export function run(db, args, options = {}) {
  const result = spawnSync(waymark, ['--db', db, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    input: options.input,
    env: { ...process.env, ...(options.env || {}) },
  });
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout,
           stderr: result.stderr };
}

// Like run, but throws with the command's standard error unless it exits 0.
export function runOk(db, args, options = {}) {
  const result = run(db, args, options);
  if (result.status !== 0) {
    throw new Error(`waymark ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return result;
}

// A new private directory, removed when the process exits.
export function tempDir(prefix = 'waymark-stress-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// A database at DIR/NAME with the schema, the 2019-23 plan, the area registry and the plan's
// indicator catalogue (no figures).
export function catalogueDb(dir, name = 'waymark.db') {
  const db = path.join(dir, name);
  runOk(db, ['init']);
  runOk(db, ['plan', 'import', path.join(root, 'examples/barnet-2019-23/plan.toml')]);
  runOk(db, ['areas', 'import', path.join(root, 'data/areas/areas.csv'),
             path.join(root, 'data/areas/barnet_wards_2014.csv'),
             '--neighbours', path.join(root, 'data/areas/statistical_neighbours.csv')]);
  runOk(db, ['indicators', 'import', path.join(root, 'examples/barnet-2019-23/indicators.toml')]);
  return db;
}

// The SHA-256 of a file's bytes, or null when there is no file.
export function digest(file) {
  if (!fs.existsSync(file)) return null;
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

// Like run, but killed after `timeoutMs` and never throwing for it: { status, signal, stdout,
// stderr, timedOut, maxRssKiB }. With `measure` (and GNU time at /usr/bin/time), the command runs
// under /usr/bin/time and coreutils timeout, so that its peak memory (maxRssKiB) is known; a
// signal that killed it then comes back as its name, from the exit status 128 + N.
export function runGuarded(db, args, { timeoutMs = 60000, measure = false, input, env } = {}) {
  const measured = measure && fs.existsSync('/usr/bin/time');
  const timeFile = measured ? path.join(os.tmpdir(), `waymark-time-${process.pid}.txt`) : null;
  const command = measured ? '/usr/bin/time' : waymark;
  const argv = measured
    ? ['-f', '%M', '-o', timeFile, 'timeout', '-s', 'KILL', `${timeoutMs / 1000}`, waymark,
       '--db', db, ...args]
    : ['--db', db, ...args];
  const result = spawnSync(command, argv, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    input,
    env: { ...process.env, ...(env || {}) },
    timeout: measured ? timeoutMs + 10000 : timeoutMs,
    killSignal: 'SIGKILL',
  });
  if (result.error && result.error.code !== 'ETIMEDOUT') throw result.error;
  const out = { status: result.status, signal: result.signal, stdout: result.stdout ?? '',
                stderr: result.stderr ?? '', timedOut: result.error?.code === 'ETIMEDOUT',
                maxRssKiB: null };
  if (measured) {
    const lines = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8').trim().split('\n') : [];
    fs.rmSync(timeFile, { force: true });
    out.maxRssKiB = Number(lines.at(-1)) || null;
    if (out.status === 137) out.timedOut = true;
    if (out.status > 128) {
      out.signal = os.constants.signals
        ? Object.keys(os.constants.signals).find((k) => os.constants.signals[k] === out.status - 128)
        : `signal ${out.status - 128}`;
      out.status = null;
    }
  }
  return out;
}

// The SQL text of a database (`sqlite3 FILE .dump`), or null when the sqlite3 program is missing.
export function dump(file) {
  const result = spawnSync('sqlite3', ['-readonly', file, '.dump'],
                           { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error?.code === 'ENOENT') return null;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`sqlite3 ${file} .dump: ${result.stderr}`);
  return result.stdout;
}
