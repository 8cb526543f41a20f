// Times regular expressions on long inputs shaped to make a backtracking matcher re-read them:
// runs of each character the pattern names (and a few that often matter), pairs of them
// alternating, and the pattern's literal fragments repeated, each ended by a character that
// makes the match fail. A linear pattern reads 8,000 characters in well under a millisecond; one
// that backtracks takes tens to thousands of milliseconds. Run as a worker thread by
// test/unit/regexLinear.test.mjs: it posts one result per pattern, so the test can stop a pattern
// that never ends and go on with the next.
import { parentPort, workerData } from 'node:worker_threads';

const COMMON = [' ', '\t', '\n', 'a', 'A', '1', '.', '-', '_', ':', '/', '"', "'", '=', '$', '{', '}', '#', ',', '\\', '*', '@'];
const ENDINGS = ['\u0000', '!', '\n'];

/** The single characters an attack is built from: the common ones and those written in the pattern. */
function charactersOf(source) {
  const set = new Set(COMMON);
  for (const ch of source.replace(/\\[dDwWsSbB]/g, '')) if (ch.charCodeAt(0) < 127 && !'()[]?*+|^'.includes(ch)) set.add(ch);
  return [...set];
}

/** Literal runs of the pattern (`eyJ`, `github_pat_`), escapes resolved: repeated, they reach the pattern's inner loops. */
function fragmentsOf(source) {
  const parts = source
    .replace(/\\[bB]/g, '')
    .replace(/\\[dDwWsSnrtfv]/g, ' ')
    .replace(/\\(.)/g, '$1')
    .split(/[()[\]?*+|^$!{}=<>:,]+/);
  return [...new Set(parts.map((f) => f.trim()).filter((f) => f.length >= 2 && f.length <= 20))];
}

function* attacks(source, n) {
  const chars = charactersOf(source);
  // an anchored pattern's leading literal, so its loops are reached at all
  const lead = (source.replace(/^\^/, '').match(/^[A-Za-z0-9_:#-]+/) ?? [''])[0];
  const pair = Math.floor(n / 2.5);
  for (const c of chars)
    for (const end of ENDINGS) {
      yield c.repeat(n) + end;
      // after a character of another kind: a key, then 8,000 blanks
      yield (c === 'a' ? '-' : 'a') + c.repeat(n) + end;
      if (lead) yield lead + c.repeat(n) + end;
    }
  for (const a of chars)
    for (const b of chars)
      if (a < b) {
        yield (a + b).repeat(pair / 2) + '\u0000';
        if (lead) yield lead + (a + b).repeat(pair / 2) + '\u0000';
      }
  for (const f of fragmentsOf(source)) {
    yield f.repeat(Math.floor(n / f.length)) + '\u0000';
    for (const c of chars) yield (f + c).repeat(Math.floor(n / (f.length + 1))) + '\u0000';
  }
}

/** The slowest attack on one pattern: its time (the best of three tries, so a pause of the machine is not counted) and its start. */
function slowest({ source, flags }, n) {
  // a sticky pattern is used at one position: tried there; any other is searched through the input
  const re = new RegExp(source, flags.replace('g', ''));
  const time = (s) => {
    re.lastIndex = 0;
    const t = performance.now();
    re.test(s);
    return performance.now() - t;
  };
  let worst = { ms: 0, sample: '' };
  for (const s of attacks(source, n)) {
    let ms = time(s);
    if (ms > 1) ms = Math.min(ms, time(s), time(s));
    if (ms > worst.ms) worst = { ms, sample: `${JSON.stringify(s.slice(0, 12))}… (${s.length} characters)` };
  }
  return worst;
}

const { patterns, from, n } = workerData;
for (let i = from; i < patterns.length; i++) parentPort.postMessage({ index: i, ...slowest(patterns[i], n) });
