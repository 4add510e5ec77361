// What the load benchmark with writers (load_writers.mjs) counts and checks: each response's
// outcome (ok, a refusal the user is told about, or an error) and latency by kind of request,
// the same per 10 s of the run with the server's RSS, the summary table, and the check of every
// write the users made against the audit log and the stored action updates.

// A write's marker: unique in the run, written into the text it saves.
export const markerOf = (runId, user, seq) => `[lw ${runId} ${user}.${seq}]`;

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function bump(map, key) { map.set(key, (map.get(key) || 0) + 1); }
const sum = (map) => [...map.values()].reduce((a, b) => a + b, 0);
const kWindowMs = 10_000;
const kOrder = ['page', 'page, signed in', 'api', 'static', 'sign-in page', 'sign-in', 'sign-out',
                'update (form)', 'update (API)', 'reopen', 'upload'];

export class Tally {
  constructor() {
    this.counting = false;  // before start(): errors are counted apart, nothing is tabled
    this.warmupErrors = 0;
    this.errorSamples = [];
    this.kinds = new Map();  // kind -> { ms: [], ok, told: Map(why -> n), errors: Map }
    this.windows = [];       // per 10 s: { ms: [], rss: [] }
    this.since = 0;
  }

  start(now = Date.now()) {
    this.counting = true;
    this.since = now;
  }

  window(now) {
    const i = Math.max(0, Math.floor((now - this.since) / kWindowMs));
    while (this.windows.length <= i) this.windows.push({ ms: [], rss: [] });
    return this.windows[i];
  }

  sampleRss(rss, now = Date.now()) { this.window(now).rss.push(rss); }

  // Records one response (or failure: `res` null or without a status) of `kind`, its outcome
  // 'ok', 'told:WHY' or 'error:WHY'.
  note(kind, res, outcome, detail = '') {
    const error = outcome.startsWith('error:');
    if (error && this.errorSamples.length < 30) {
      this.errorSamples.push(`${this.counting ? '' : 'warm-up '}${kind} ${outcome} ${detail}`);
    }
    if (!this.counting) {
      if (error) this.warmupErrors++;
      return;
    }
    if (!this.kinds.has(kind)) {
      this.kinds.set(kind, { ms: [], ok: 0, told: new Map(), errors: new Map() });
    }
    const s = this.kinds.get(kind);
    if (res && res.ms !== undefined) {
      s.ms.push(res.ms);
      this.window(Date.now()).ms.push(res.ms);
    }
    if (outcome === 'ok') s.ok++;
    else if (outcome.startsWith('told:')) bump(s.told, outcome.slice(5));
    else bump(s.errors, outcome.slice(6));
  }

  // Notes `res` as ok when its status is `want`, else as an error naming the status; false
  // also when there is no response (already noted as an error).
  expect(kind, res, want, what) {
    if (!res) return false;
    if (res.status === want) {
      this.note(kind, res, 'ok');
      return true;
    }
    this.note(kind, res, `error:${res.status}`,
              `${what} ${res.body.slice(0, 200).replace(/\s+/g, ' ')}`);
    return false;
  }

  errors() {
    let n = this.warmupErrors;
    for (const s of this.kinds.values()) n += sum(s.errors);
    return n;
  }

  // The summary table over `seconds`, then the refusals by kind and why, as lines.
  table(seconds) {
    const kinds = [...this.kinds.keys()].sort((a, b) => kOrder.indexOf(a) - kOrder.indexOf(b));
    const head = ['kind', 'requests', 'req/s', 'ok', 'told', 'errors', 'p50 ms', 'p99 ms',
                  'max ms'];
    const row = (name, ok, told, errors, ms) => {
      const n = ok + told + errors;
      const sorted = Float64Array.from(ms).sort();
      return [name, n, (n / seconds).toFixed(1), ok, told, errors,
              percentile(sorted, 50).toFixed(1), percentile(sorted, 99).toFixed(1),
              (sorted.length ? sorted[sorted.length - 1] : 0).toFixed(1)];
    };
    const rows = [];
    const all = { ok: 0, told: 0, errors: 0, ms: [] };
    for (const kind of kinds) {
      const s = this.kinds.get(kind);
      rows.push(row(kind, s.ok, sum(s.told), sum(s.errors), s.ms));
      all.ok += s.ok;
      all.told += sum(s.told);
      all.errors += sum(s.errors);
      for (const v of s.ms) all.ms.push(v);
    }
    rows.push(row('all', all.ok, all.told, all.errors, all.ms));
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i])
                                                          : String(c).padStart(widths[i])))
      .join('  ');
    const lines = [line(head), ...rows.map(line), '', 'refusals the users were told about:'];
    for (const kind of kinds) {
      for (const [why, n] of this.kinds.get(kind).told) lines.push(`  ${kind}: ${why} × ${n}`);
    }
    return lines;
  }

  // Per 10 s of the run: requests, p99 and max latency, the server's RSS range; as lines.
  windowLines() {
    const lines = ['each 10 s of the run: requests, p99 and max latency (ms), server RSS (MiB)'];
    this.windows.forEach((w, i) => {
      const sorted = Float64Array.from(w.ms).sort();
      const rss = w.rss.length
        ? `${Math.min(...w.rss).toFixed(1)}-${Math.max(...w.rss).toFixed(1)}` : '-';
      const p99 = percentile(sorted, 99).toFixed(0);
      const max = (sorted.length ? sorted[sorted.length - 1] : 0).toFixed(0);
      lines.push(`  ${String(i * 10).padStart(3)}-${String(i * 10 + 10).padEnd(3)} s ` +
                 `${String(w.ms.length).padStart(6)} ${p99.padStart(6)} ${max.padStart(6)}` +
                 `   ${rss}`);
    });
    return lines;
  }
}

// Checks `writes` (each { kind: 'form' | 'api' | 'reopen', key: 'CYCLE/ACTION', marker, outcome:
// 'accepted' | 'refused' | 'unknown', and for saves base (the version read), submit, status and
// version (the API's answer) }) against `rows`, the audit log's action-update entries of the run
// in order ({ id, action, entity_id, before, after } as stored), and `stored`, every row of
// action_updates. Each accepted write must be in exactly one entry, a save as a save (or submit)
// of the version it read; no refused write may be in any entry or stored update; no entry may
// carry a marker of the run that no accepted write claims (saved, but its writer was told
// otherwise or not at all); each update's entries must form one chain (each replaces what the
// one before left); and each stored update must be its chain's end.
export function checkWrites({ writes, rows, stored, runId }) {
  const entries = rows.map((r) => ({ ...r, a: JSON.parse(r.after),
                                     b: r.before ? JSON.parse(r.before) : null }));
  const storedByKey = new Map(stored.map((u) => [`${u.cycle_id}/${u.action_id}`, u]));
  const markerRe = new RegExp(`\\[lw ${runId} \\d+\\.\\d+\\]`, 'g');
  const isReopen = (entry) => entry.action === 'action-update.reopen';
  // A reopen keeps the narrative it reopens, and a save the last reopen's reason: each entry is
  // looked up by its own text only.
  const byMarker = new Map();
  for (const entry of entries) {
    const text = isReopen(entry) ? entry.a.reopened_reason : entry.a.narrative;
    for (const m of new Set(text.match(markerRe) || [])) {
      if (!byMarker.has(m)) byMarker.set(m, []);
      byMarker.get(m).push(entry);
    }
  }
  const problems = [];
  const result = { accepted: 0, refused: 0, unknown: 0, lost: 0, duplicated: 0, wrong: 0,
                   keptRefused: 0, untold: 0, chainBreaks: 0, finalWrong: 0,
                   entries: entries.length };
  const claimed = new Set();
  for (const w of writes) {
    const found = (byMarker.get(w.marker) || [])
      .filter((e) => isReopen(e) === (w.kind === 'reopen'));
    if (w.outcome === 'accepted') {
      result.accepted++;
      claimed.add(w.marker);
      if (found.length === 0) {
        result.lost++;
        problems.push(`lost: ${w.kind} ${w.key} ${w.marker}`);
        continue;
      }
      if (found.length > 1) {
        result.duplicated++;
        problems.push(`saved ${found.length} times: ${w.marker}`);
      }
      const e = found[0];
      const expected = w.kind === 'reopen' ? 'action-update.reopen'
                     : w.submit ? 'action-update.submit' : 'action-update.save';
      const ok = e.entity_id === w.key && e.action === expected &&
                 (w.kind === 'reopen' ||
                  (e.a.status === w.status && e.a.version === w.base + 1 &&
                   (w.base === 0 ? e.b === null : e.b?.version === w.base) &&
                   (w.version === undefined || w.version === e.a.version)));
      if (!ok) {
        result.wrong++;
        problems.push(`saved differently: ${w.marker} read v${w.base} -> entry ${e.id} ` +
                      `${e.action} v${e.b?.version}->v${e.a.version}`);
      }
    } else if (w.outcome === 'refused') {
      result.refused++;
      const kept = stored.some((u) => u.narrative.includes(w.marker) ||
                                      u.reopened_reason.includes(w.marker));
      if (found.length || kept) {
        result.keptRefused++;
        problems.push(`refused but kept: ${w.kind} ${w.key} ${w.marker}`);
      }
    } else {
      result.unknown++;  // its request failed (an error already); whatever it did is its own
      claimed.add(w.marker);
    }
  }
  for (const marker of byMarker.keys()) {
    if (!claimed.has(marker)) {
      result.untold++;
      problems.push(`saved, but its writer was told otherwise: ${marker}`);
    }
  }
  const last = new Map();
  for (const e of entries) {
    const prev = last.get(e.entity_id);
    if (prev && e.before !== prev.after) {
      result.chainBreaks++;
      problems.push(`chain broken at audit entry ${e.id} (${e.entity_id}): it replaced ` +
                    `v${e.b?.version}, the entry before left v${prev.a.version}`);
    }
    last.set(e.entity_id, e);
  }
  for (const [key, e] of last) {
    const u = storedByKey.get(key);
    if (!u || u.version !== e.a.version || u.narrative !== e.a.narrative || u.state !== e.a.state) {
      result.finalWrong++;
      problems.push(`the stored update of ${key} (v${u?.version}) is not the last saved ` +
                    `(v${e.a.version})`);
    }
  }
  const failures = result.lost + result.duplicated + result.wrong + result.keptRefused +
                   result.untold + result.chainBreaks + result.finalWrong;
  return { result, problems, failures };
}
