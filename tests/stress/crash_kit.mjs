// What the crash tests share: their settings from the environment (WAYMARK_CRASH_SEED replays a
// run, WAYMARK_CRASH_KILLS sets the kills per command, WAYMARK_CRASH_VERBOSE=1 reports each kill),
// the seeded generator of kill moments, and the name of where a kill landed.

export const seed = Number.parseInt(process.env.WAYMARK_CRASH_SEED ?? '', 10) || 1717;
export const kills = Number.parseInt(process.env.WAYMARK_CRASH_KILLS ?? '', 10) || 24;
export const verbose = Boolean(process.env.WAYMARK_CRASH_VERBOSE);

// A generator of numbers in [0, 1): xorshift32 from the seed and the stream's number, mixed
// (MurmurHash3's finaliser) and warmed up, so that each test draws the same moments whatever
// ran before it, and streams of nearby numbers do not start alike.
export function generator(stream) {
  let x = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x = (x ^ (x >>> 16)) >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
  for (let i = 0; i < 8; i++) next();
  return next;
}

// Where a kill landed, from the files it left and what they hold.
export function phaseOf(files, committed, killed) {
  if (!killed) return 'after the exit';
  if (files.checkpointing) return 'mid-write (checkpoint)';
  if (files.pendingFrames > 0) return 'mid-write (transaction)';
  return committed ? 'after the commit' : 'before the write';
}
