// Property-based test of fixes (issue 13): random mutations of the real ThemisDB files
// (test/fixtures/real, under their real paths) and of examples/, then every offered
// fix and fix-all, through the engine and through the server. What must hold: the result
// parses when the input did, keeps every comment and every key no finding is about, a
// second fix-all changes nothing, and no secret of the input shows in a message or title.
// `npm test` runs a bounded count with a fixed seed; `npm run test:fuzz` a large one
// (`--runs=N`, `--seed=N` to replay a failure).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Lexer } from 'yaml';
import { engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import { LspClient, fileUri } from '../helpers/lspClient.mjs';

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const FUZZ = process.argv.includes('--fuzz');
const SEED = Number(arg('seed') ?? 13013);
const RUNS = Number(arg('runs') ?? (FUZZ ? 2000 : 40));
const LSP_RUNS = Math.max(1, Math.round(RUNS / 5));

// ---- inputs -------------------------------------------------------------------------

const REAL = path.join(repoRoot, 'test/fixtures/real');
function filesUnder(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p, base) : [path.relative(base, p)];
  });
}
const SEEDS = [
  ...filesUnder(REAL)
    .filter((rel) => /\.ya?ml$|\.env(\.example)?$/.test(rel) && !/docker-compose|k8s_/.test(rel))
    .map((rel) => ({ rel: path.join('real', rel), text: fs.readFileSync(path.join(REAL, rel), 'utf8') })),
  ...['insecure', 'hardened'].flatMap((d) =>
    fs.readdirSync(path.join(repoRoot, 'examples', d)).map((n) => ({
      rel: path.join('examples', d, n),
      text: fs.readFileSync(path.join(repoRoot, 'examples', d, n), 'utf8'),
    })),
  ),
];
// the env templates as the .env a deployment copies them to (a template gets few findings)
for (const s of SEEDS.filter((x) => x.rel.endsWith('.env.example')))
  SEEDS.push({ rel: path.join(path.dirname(s.rel), '.env'), text: s.text });
SEEDS.push({
  rel: 'cases/.env',
  text: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN= # injected by the vault agent\nTHEMIS_HSM_PIN=#Jq8vN3xLp0Wm5Zt  # pin\nTHEMIS_ENVIRONMENT = production\n',
});

/** Lines a mutation may insert: what made fixes lose data before. */
const LINES = [
  '# a comment line',
  'network:',
  '  tls:',
  '    enabled: true',
  '    cipher_suites:',
  '      - RC4-MD5',
  '      - TLS_RSA_WITH_AES_128_CBC_SHA',
  '      # between items',
  '    min_version: "1.1"',
  'important_setting: keep-me',
  'logging:',
  '  audit:',
  '    enabled: false',
  '  algorithm: |-',
  '    AES-128-CBC',
  'storage:',
  '  encryption:',
  '    enabled: false',
  'THEMIS_TOKEN_ADMIN= # injected by the vault agent',
  'THEMIS_TOKEN_ADMIN=Zx8vQ2mL7pR4tZ8wKq9LmN3bV6cX1zA5',
  'THEMIS_HSM_PIN=#Jq8vN3xLp0Wm5Zt',
  'THEMIS_PRODUCTION_MODE = 1',
  'THEMIS_ENVIRONMENT=development # dev',
  'key: [unclosed',
  '\tindented: with a tab',
];
const VALUES = [
  'false',
  'true',
  '"1.0"',
  'RC4-MD5',
  '${THEMIS_PORT}',
  '"a # b"',
  '|-',
  '',
  'null',
  '[a, b]',
  '&anchor 1',
  '*anchor',
];
const CHARS = [':', '#', '-', ' ', '[', '{', '"', "'", '\t', '\r', '\n', '='];

const op = fc.oneof(
  fc.record({ kind: fc.constant('delete'), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate'), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap'), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert'),
    at: fc.nat(),
    line: fc.constantFrom(...LINES),
    indent: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({ kind: fc.constant('value'), at: fc.nat(), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('char'), at: fc.nat(), ch: fc.constantFrom(...CHARS) }),
);
const mutation = fc.record({
  seed: fc.nat({ max: SEEDS.length - 1 }),
  ops: fc.array(op, { minLength: 1, maxLength: 4 }),
  eol: fc.constantFrom(null, null, null, '\r\n', '\r', '\r\r\n'),
});

function mutate({ seed, ops, eol }) {
  let lines = SEEDS[seed].text.split('\n');
  for (const o of ops) {
    const i = o.at % Math.max(1, lines.length);
    if (o.kind === 'delete') lines.splice(i, 1);
    else if (o.kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
    else if (o.kind === 'swap' && i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
    else if (o.kind === 'insert') lines.splice(i, 0, ' '.repeat(o.indent) + o.line);
    else if (o.kind === 'value') lines[i] = (lines[i] ?? '').replace(/([:=]\s*).*$/, `$1${o.value}`);
    else if (o.kind === 'char') {
      const l = lines[i] ?? '';
      const at = o.at % (l.length + 1);
      lines[i] = l.slice(0, at) + o.ch + l.slice(at);
    }
  }
  if (eol) lines = lines.map((l) => l.replace(/\r$/, ''));
  return { rel: SEEDS[seed].rel, text: lines.join(eol ?? '\n') };
}

// ---- what must hold ---------------------------------------------------------------

const isEnv = (rel) => engine.kindFromName(rel) === 'env';

function parseErrors(rel, text) {
  return isEnv(rel)
    ? new engine.EnvModel(text).problems.length
    : new engine.YamlModel(text).problems.filter((p) => p.severity === 'error').length;
}

/** Comments as the parser reads them, with their counts. */
function commentsOf(rel, text) {
  const out = new Map();
  const add = (c) => out.set(c, (out.get(c) ?? 0) + 1);
  if (isEnv(rel)) new engine.EnvModel(text).comments.forEach((c) => add(c.text));
  else for (const t of new Lexer().lex(text.replace(/\r(?!\n)/g, '\n'))) if (t.startsWith('#')) add(t.trim());
  return out;
}

/** Key paths with the span of their entry. */
function keysOf(rel, text) {
  const out = new Map();
  if (isEnv(rel)) for (const e of new engine.EnvModel(text).entries) out.set(e.key, [...(out.get(e.key) ?? []), e.lineSpan]);
  else
    for (const r of new engine.YamlModel(text).refs) {
      if (!r.keySpan || r.viaAlias) continue;
      const k = `${r.docIndex}:${r.path.map((p) => (/^\d+$/.test(p) ? '#' : p)).join('.')}`;
      out.set(k, [...(out.get(k) ?? []), { start: r.keySpan.start, end: r.valueSpan?.end ?? r.keySpan.end }]);
    }
  return out;
}

const SECRET_KEY = /token|secret|password|passphrase|pin|private|credential|api_?key/i;
/** Values of the input that are secret by their key's name (long enough to matter). */
function secretsOf(rel, text) {
  const values = isEnv(rel)
    ? new engine.EnvModel(text).entries.filter((e) => SECRET_KEY.test(e.key)).map((e) => e.value)
    : new engine.YamlModel(text).refs.filter((r) => r.keySpan && SECRET_KEY.test(r.path.at(-1))).map((r) => r.value);
  return values.filter((v) => typeof v === 'string' && v.length > 8 && !/\$\{|^\/|^<|CHANGE|example|placeholder/i.test(v));
}

/**
 * The checks of one edited text against its input; `findings` of the input say which keys
 * may go; `rewrites`: a suggestion's own findings, whose .env comment it may make the value.
 */
function assertSafe(label, rel, input, output, findings, rewrites = [], fixedKeys = new Set()) {
  if (parseErrors(rel, input) === 0) assert.equal(parseErrors(rel, output), 0, `${label}: still parses`);
  const kept = commentsOf(rel, output);
  const envComments = isEnv(rel) ? new engine.EnvModel(input).comments : [];
  const rewritten = (c) =>
    envComments.some((x) => x.text === c && rewrites.some((f) => f.span.start < x.span.end && x.span.start < f.span.end));
  for (const [c, n] of commentsOf(rel, input))
    assert.ok((kept.get(c) ?? 0) >= n || rewritten(c), `${label}: keeps the comment ${JSON.stringify(c)}`);
  const has = keysOf(rel, output);
  for (const [k, spans] of keysOf(rel, input)) {
    if (has.has(k)) continue;
    const about = (s) => findings.some((f) => f.span.start <= s.end && s.start <= f.span.end);
    const parent = [...keysOf(rel, input)].filter(([p]) => k.startsWith(`${p}.`)).flatMap(([, s]) => s);
    assert.ok([...spans, ...parent].some(about) || fixedKeys.has(k), `${label}: keeps the key ${k}`);
  }
}

function assertNoSecret(label, secrets, texts) {
  for (const s of secrets)
    for (const t of texts)
      assert.ok(!t.includes(s), `${label}: a secret of the input shows in ${JSON.stringify(t.slice(0, 80))}`);
}

const outputsOf = (findings) => findings.flatMap((f) => [f.message, ...f.fixes.flatMap((x) => [x.title, x.note ?? ''])]);

/** Fails with the counterexample and what was wrong with it. */
function report(result) {
  if (result.failed) assert.fail(`${fc.defaultReportMessage(result)}\n${result.errorInstance?.message ?? ''}`);
}

/**
 * `findingsOf` that notes the keys a safe fix's finding is on, in every text fix-all
 * analyzes: a fix in a later pass may remove an entry whose finding an earlier fix caused.
 */
function recording(rel, findingsOf, keys) {
  return (f) => {
    const found = findingsOf(f);
    const fixable = found.filter((x) => engine.safeFix(x, f.path));
    for (const [k, spans] of keysOf(rel, f.text))
      if (spans.some((s) => fixable.some((x) => x.span.start <= s.end && s.start <= x.span.end))) keys.add(k);
    return found;
  };
}

// ---- the engine -------------------------------------------------------------------

let dir;
before(() => {
  dir = writeWorkspace(Object.fromEntries(SEEDS.map((s) => [s.rel, s.text])));
});

function engineCheck(m) {
  const { rel, text } = mutate(m);
  const full = path.join(dir, rel);
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  ws.setOverlay(full, text);
  const findingsOf = (f) => engine.analyze(f, ws, { profile: 'production', root: dir }).findings;
  const file = ws.file(full);
  const findings = findingsOf(file);
  const secrets = secretsOf(rel, text);
  assertNoSecret(`${rel}: findings`, secrets, outputsOf(findings));

  const fixedKeys = new Set();
  const first = engine.fixAll(file, recording(rel, findingsOf, fixedKeys));
  assertSafe(`${rel}: fix-all`, rel, text, first.text, findings, [], fixedKeys);
  assert.equal(first.passLimitReached, false, `${rel}: fix-all converges`);
  const fixed = new engine.SourceFile(full, first.text);
  const second = engine.fixAll(fixed, findingsOf);
  assert.equal(second.text, first.text, `${rel}: a second fix-all changes nothing`);
  assertNoSecret(`${rel}: findings after fix-all`, secrets, outputsOf(findingsOf(fixed)));

  // every fix the engine offers (after verification), each alone
  let checked = 0;
  for (const f of findings) {
    for (const fix of f.fixes) {
      if (checked >= 8 || !engine.verifyFix(file, f, fix, findingsOf)) continue;
      checked++;
      const own = fix.changes.filter((c) => path.resolve(c.path) === full).flatMap((c) => c.edits);
      assertSafe(
        `${rel}: ${f.ruleId} "${fix.title}"`,
        rel,
        text,
        engine.applyEdits(text, own),
        [f],
        fix.kind === 'suggestion' ? [f] : [],
      );
    }
  }
}

describe('property: fixes never lose data (engine)', () => {
  it(`${RUNS} mutated files, seed ${SEED}`, () => {
    report(
      fc.check(
        fc.property(mutation, (m) => {
          engineCheck(m);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      ),
    );
  });
});

// ---- the server -------------------------------------------------------------------

const editsOf = (action, uri) =>
  action.edit.changes?.[uri] ?? action.edit.documentChanges?.find((c) => c.textDocument?.uri === uri)?.edits ?? [];

/** Applies LSP edits (line/character, any line break) to a text. */
function applyLsp(text, edits) {
  const li = new engine.LineIndex(text);
  return engine.applyEdits(
    text,
    edits.map((e) => ({ start: li.offset(e.range.start), end: li.offset(e.range.end), newText: e.newText })),
  );
}

describe('property: fixes never lose data (server)', () => {
  let client;
  before(async () => {
    client = new LspClient({ rootDir: dir, settings: { profile: 'production', rules: {} } });
    await client.initialize();
  });
  after(() => client.shutdown());

  it(`${LSP_RUNS} mutated files through code actions, seed ${SEED}`, async () => {
    let n = 0;
    const result = await fc.check(
      fc.asyncProperty(mutation, async (m) => {
        const { rel, text } = mutate(m);
        const full = path.join(dir, rel);
        const uri = fileUri(full);
        const version = 1000 + n++;
        client.conn.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: isEnv(rel) ? 'dotenv' : 'yaml', version, text },
        });
        try {
          const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === version, 20000);
          const ws = new engine.Workspace(engine.nodeHost, [dir]);
          ws.setOverlay(full, text);
          const findingsOf = (f) => engine.analyze(f, ws, { profile: 'production', root: dir }).findings;
          const findings = findingsOf(ws.file(full));
          const secrets = secretsOf(rel, text);
          assertNoSecret(
            `${rel}: diagnostics`,
            secrets,
            diagnostics.map((d) => d.message),
          );

          const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
          const [all] = await client.request('textDocument/codeAction', {
            textDocument: { uri },
            range,
            context: { diagnostics: [], only: ['source.fixAll.themisdb'] },
          });
          const edits = all ? editsOf(all, uri) : [];
          const out = applyLsp(text, edits);
          const fixedKeys = new Set();
          const expected = engine.fixAll(ws.file(full), recording(rel, findingsOf, fixedKeys)).text;
          assert.equal(out, expected, `${rel}: the server's fix-all is the engine's`);
          assertSafe(`${rel}: LSP fix-all`, rel, text, out, findings, [], fixedKeys);
          // an edit may rewrite a secret where it stands (quoting it), never copy it elsewhere
          for (const s of secrets) assert.ok(out.split(s).length <= text.split(s).length, `${rel}: fix-all copies a secret`);

          for (const d of diagnostics.slice(0, 6)) {
            const actions = await client.request('textDocument/codeAction', {
              textDocument: { uri },
              range: d.range,
              context: { diagnostics: [d] },
            });
            for (const a of actions) {
              const mine = a.edit && editsOf(a, uri);
              // the source action is fix-all, checked above; a fix-all of one rule may go several passes
              if (!mine || /^Disable /.test(a.title) || a.kind.startsWith('source')) continue;
              const ofRule = findings.filter((f) => f.ruleId === d.code);
              const output = applyLsp(text, mine);
              assertSafe(`${rel}: LSP "${a.title}"`, rel, text, output, ofRule, a.isPreferred ? [] : ofRule, fixedKeys);
              assertNoSecret(`${rel}: action title`, secrets, [a.title]);
            }
          }
        } finally {
          client.close(uri);
        }
      }),
      { seed: SEED, numRuns: LSP_RUNS, endOnFailure: true },
    );
    report(result);
  });
});
