// A line diff (Myers' O(ND) algorithm) and unified-diff output for --fix-dry-run.
// The output applies with `git apply` / `patch -p1` from the folder the paths are relative to,
// except on lines that hold a secret: those are masked, in context and changed lines alike.
import { kindFromName } from '../engine/fileKinds';
import { maskSecretsInText } from '../engine/secretValue';

export type Op = { kind: ' ' | '-' | '+'; line: string };

/** A marker on the last line of a text that does not end with a line break. */
const NO_EOL = '\u0000noeol';

/** Lines of a text; "\r" stays on its line so CRLF files round-trip. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

/** Shortest edit script from a to b. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // common prefix and suffix first: fixes touch a few lines of long files
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const head: Op[] = a.slice(0, pre).map((line) => ({ kind: ' ', line }));
  const tail: Op[] = a.slice(a.length - suf).map((line) => ({ kind: ' ', line }));
  return [...head, ...myers(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf)), ...tail];
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // walk back through the saved frontiers
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (x === prevX) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[--x] });
    y--;
  }
  return ops.reverse();
}

/** A unified diff of two texts ('' when they are equal). */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  // positions of changed ops, grouped into hunks that share context
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  let g = 0;
  while (g < changed.length) {
    let end = g;
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * context + 1) end++;
    const from = Math.max(0, changed[g] - context);
    const to = Math.min(ops.length - 1, changed[end] + context);
    let oldStart = 1;
    let newStart = 1;
    for (let i = 0; i < from; i++) {
      if (ops[i].kind !== '+') oldStart++;
      if (ops[i].kind !== '-') newStart++;
    }
    const body: string[] = [];
    let oldLen = 0;
    let newLen = 0;
    for (let i = from; i <= to; i++) {
      const o = ops[i];
      if (o.kind !== '+') oldLen++;
      if (o.kind !== '-') newLen++;
      const noEol = o.line.endsWith(NO_EOL);
      body.push(o.kind + (noEol ? o.line.slice(0, -NO_EOL.length) : o.line));
      if (noEol) body.push('\\ No newline at end of file');
    }
    // an empty side starts at the line before it, as diff(1) writes it
    out.push(`@@ -${oldLen ? oldStart : oldStart - 1},${oldLen} +${newLen ? newStart : newStart - 1},${newLen} @@`, ...body);
    g = end + 1;
  }
  return out.join('\n') + '\n';
}

/** The diff `--fix-dry-run` prints: secret values masked on both sides before diffing. */
export function maskedDiff(file: string, before: string, after: string, oldName: string, newName: string): string {
  const isEnv = kindFromName(file) === 'env';
  return unifiedDiff(maskSecretsInText(before, isEnv), maskSecretsInText(after, isEnv), oldName, newName);
}
