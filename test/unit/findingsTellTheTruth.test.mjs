// RULES.md "Findings tell the truth", checked on ThemisDB's own files under their
// real paths (test/fixtures/real) and on the examples: one story per key, no safe
// fix that edits a key the server does not read, nothing written into a file that
// does not parse, and only the syntax error while a key is half typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isScalar } from 'yaml';
import { analyzeFile, engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';

const REAL = path.join(repoRoot, 'test/fixtures/real');
const EXAMPLES = path.join(repoRoot, 'examples');
const NOT_SECURITY = /^(?:SCH|SUP|SEC)\d+$/;

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p; // the engine decides by name and content (deployment files and the configs they hold included)
  }
}

function analyzedFiles(root) {
  const ws = new engine.Workspace(engine.nodeHost, [root]);
  const out = [];
  for (const p of walk(root)) {
    const file = ws.file(p);
    const analysis = engine.analyze(file, ws, { profile: 'production', root });
    if (analysis.kind && analysis.kind !== 'env') out.push({ p, file, ws, analysis, rel: path.relative(root, p) });
  }
  return out;
}

const ALL = [...analyzedFiles(REAL), ...analyzedFiles(EXAMPLES)];

test('the real files are analyzed, edition files and config.json included', () => {
  const rels = ALL.map((a) => a.rel);
  for (const f of [
    'config/editions/minimal.yaml',
    'config/editions/military.yaml',
    'e9750146/config/config.json',
    'docs/production/examples/k8s_production_values.yaml',
  ])
    assert.ok(rels.includes(f), `${f} in ${rels.join(', ')}`);
});

test('one story per key: no key carries both SCH006 and a security finding', () => {
  for (const { rel, file, analysis } of ALL) {
    const security = analysis.findings.filter((f) => !NOT_SECURITY.test(f.ruleId));
    const sch006 = analysis.findings.filter((f) => f.ruleId === 'SCH006');
    for (const s of sch006) {
      // SCH006 sits on the first key it lists: no security finding on that key
      const clash = security.filter((f) => f.span.start < s.span.end && s.span.start < f.span.end);
      assert.deepEqual(
        clash.map((f) => `${rel}:${file.lines.position(f.span.start).line + 1} ${f.ruleId} and SCH006`),
        [],
      );
    }
    for (const f of security) {
      const ref = file.yaml.refs.find((r) => r.valueSpan?.start === f.span.start || r.keySpan?.start === f.span.start);
      if (!ref) continue;
      const docOf = (x) => file.yaml.refs.find((r) => r.keySpan?.start === x.span.start)?.docIndex;
      const listedBy = sch006.filter(
        (s) => docOf(s) === ref.docIndex && new RegExp(`\`${ref.path[ref.path.length - 1]}\``).test(s.message),
      );
      const sameSection = listedBy.filter((s) => s.message.includes(`\`${ref.path.slice(0, -1).join('.')}\``));
      assert.deepEqual(
        sameSection.map(() => `${rel}: ${ref.path.join('.')} is listed by SCH006 and reported by ${f.ruleId}`),
        [],
      );
    }
  }
});

test('a security finding on an unread key says so and names what works instead', () => {
  let told = 0;
  for (const { file, analysis } of ALL) {
    const name = engine.schemaFor('config', file.path);
    for (const f of analysis.findings.filter((x) => !NOT_SECURITY.test(x.ruleId))) {
      const ref = file.yaml.refs.find((r) => r.valueSpan?.start === f.span.start && r.valueSpan.end === f.span.end);
      if (!ref || engine.readership(name, ref.path) !== 'unread') continue;
      assert.match(f.message, /But the server does not read `[^`]+`, so this setting has no effect: \S/, f.message);
      told++;
    }
  }
  assert.ok(told >= 5, `${told} findings on unread keys`);
});

test('SCH006 reports at most once per section', () => {
  for (const { rel, file, analysis } of ALL) {
    // per YAML document (all-editions.yaml holds five)
    const docOf = (f) => file.yaml.refs.find((r) => r.keySpan?.start === f.span.start)?.docIndex;
    const sections = analysis.findings
      .filter((f) => f.ruleId === 'SCH006' && f.messageId === 'unreadKeys')
      .map((f) => `${docOf(f)}:${/under `([^`]+)`/.exec(f.message)[1]}`);
    assert.deepEqual(sections, [...new Set(sections)], rel);
  }
  const core = ALL.find((a) => a.rel === '63cde823/config/core/config.yaml');
  const count = core.analysis.findings.filter((f) => f.ruleId === 'SCH006').length;
  assert.ok(count <= 10, `the core config draws ${count} SCH006 hints, not one per key`);
});

test('no safe fix edits a key the server does not read', () => {
  for (const { rel, file, analysis } of ALL) {
    for (const f of analysis.findings) {
      const fix = engine.safeFix(f, file.path);
      if (!fix) continue;
      const after = new engine.SourceFile(file.path, engine.applyEdits(file.text, fix.changes[0].edits));
      assert.deepEqual(engine.unreadChanges(file, after), [], `${rel}: ${f.ruleId} "${fix.title}"`);
    }
  }
});

test('--fix and fix-all change nothing the server does not read, on the whole real workspace', () => {
  for (const { rel, file, ws } of ALL) {
    const r = engine.fixAll(file, (f) => engine.analyze(f, ws, { profile: 'production', root: REAL }).findings);
    assert.deepEqual(r.noEffect, [], rel);
  }
});

test('unreadChanges names the unread keys a change sets (what --fix would list)', () => {
  const before = new engine.SourceFile('/w/config.yaml', 'server:\n  port: 8765\n  enable_tls: false\n');
  const after = new engine.SourceFile('/w/config.yaml', 'server:\n  port: 8080\n  enable_tls: true\nlogging:\n  level: INFO\n');
  assert.deepEqual(engine.unreadChanges(before, after), ['server.enable_tls', 'logging.level']);
});

test('unreadChanges: a repeated key that keeps its values is no change', () => {
  const text = 'server:\n  enable_tls: false\nacceleration:\n  k: v\n  k: w\n';
  const before = new engine.SourceFile('/w/config.yaml', text);
  const after = new engine.SourceFile('/w/config.yaml', text.replace('enable_tls: false', 'enable_tls: true'));
  assert.deepEqual(engine.unreadChanges(before, after), ['server.enable_tls']);
  const dropped = new engine.SourceFile('/w/config.yaml', text.replace('  k: w\n', ''));
  assert.deepEqual(engine.unreadChanges(before, dropped), ['acceleration.k']);
});

test('unreadValueChange answers what parsing the fixed file answers, on the real files', () => {
  const candidates = ['true', 'false', '0', '8443', '"x"', "'TLS13'", '/etc/themis/tls.crt', 'null'];
  let answered = 0;
  let n = 0;
  for (const { rel, file } of ALL) {
    const refs = file.yaml.refs.filter((r) => r.valueSpan && isScalar(r.node));
    // a sample of each file's values, each replaced by a few values of every type
    for (const ref of refs.filter((_, i) => i % Math.ceil(refs.length / 25) === 0)) {
      const { start, end } = ref.valueSpan;
      for (const newText of [
        candidates[n++ % candidates.length],
        candidates[n++ % candidates.length],
        file.text.slice(start, end),
      ]) {
        const edits = [{ start, end, newText }];
        const quick = engine.unreadValueChange(file, edits);
        if (quick === undefined) continue;
        answered++;
        const after = new engine.SourceFile(file.path, engine.applyEdits(file.text, edits));
        assert.deepEqual(quick, engine.unreadChanges(file, after), `${rel}: ${ref.path.join('.')} -> ${newText}`);
      }
    }
  }
  assert.ok(answered > 1000, `${answered} answered without a parse`);
});

test('unreadValueChange leaves to a parse what a value edit alone cannot tell', () => {
  const at = (text, value, newText, extra = []) => {
    const file = new engine.SourceFile('/w/config.yaml', text);
    const start = text.indexOf(value);
    return engine.unreadValueChange(file, [{ start, end: start + value.length, newText }, ...extra]);
  };
  const plain = 'server:\n  enable_tls: false\n';
  assert.deepEqual(at(plain, 'false', 'true'), ['server.enable_tls']);
  assert.deepEqual(at(plain, 'false', 'False'), [], 'the same boolean written another way');
  assert.equal(at('server:\n  enable_tls: !!str false\n', 'false', 'true'), undefined, 'a tag');
  assert.equal(at('server:\n  enable_tls: &t false\nx: *t\n', 'false', 'true'), undefined, 'an anchor');
  assert.equal(at('server:\n  enable_tls: |\n    false\n', '|\n    false\n', 'true'), undefined, 'a block scalar');
  assert.equal(at('server:\n  enable_tls: false\n  enable_tls: false\n', 'false', 'true'), undefined, 'a repeated key');
  assert.equal(at('%YAML 1.1\n---\nserver:\n  enable_tls: false\n', 'false', 'yes'), undefined, 'a directive');
  for (const newText of ['a: b', '- x', '...', 'x # y', '"a\\"', '{}'])
    assert.equal(at(plain, 'false', newText), undefined, `new text ${newText}`);
  assert.equal(at(plain, 'false', 'true', [{ start: 0, end: 0, newText: '# x\n' }]), undefined, 'two edits');
  assert.equal(at(plain, 'fals', 'true'), undefined, 'part of a value');
});

test('fix-all on a file with a syntax error changes nothing and says why', () => {
  const core = fs.readFileSync(path.join(REAL, '63cde823/config/core/config.yaml'), 'utf8');
  const broken = core.replace('server:\n', 'serv\nserver:\n');
  const dir = writeWorkspace({ 'config/core/config.yaml': broken });
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  const file = ws.file(path.join(dir, 'config/core/config.yaml'));
  const r = engine.fixAll(file, (f) => engine.analyze(f, ws, { profile: 'production', root: dir }).findings);
  assert.equal(r.text, broken);
  assert.equal(r.applied, 0);
  assert.match(r.refused, /^it does not parse \(line \d+: /);
});

test('a half-typed key raises only the syntax error, no "missing section" findings at 1:1', () => {
  const text = 'storage:\n  rocksdb_path: /var/lib/themisdb\n  encryption:\n    enabled: false\nserv\nserver:\n  port: 8765\n';
  const dir = writeWorkspace({ 'config.yaml': text });
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  const { findings } = engine.analyze(ws.file(path.join(dir, 'config.yaml')), ws, { profile: 'production', root: dir });
  assert.ok(findings.length > 0);
  assert.deepEqual([...new Set(findings.map((f) => f.ruleId))], ['SCH001']);
});

test('a rule turned off hides nothing of the other rules: what it would supersede or leave to SCH006 is reported', () => {
  const dir = writeWorkspace({
    '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=changeme\n',
    'config/config.yaml': 'server:\n  host: 127.0.0.1\n  port: 8080\n  enable_tls: false\n',
  });
  const ids = (rel, rules) => analyzeFile(dir, rel, { rules }).analysis.findings.map((f) => f.ruleId);
  // ENV005 supersedes SEC003 on a weak admin token: off, the weak secret is still reported
  assert.ok(ids('.env', {}).includes('ENV005') && !ids('.env', {}).includes('SEC003'));
  assert.ok(ids('.env', { ENV005: 'off' }).includes('SEC003'));
  // TLS001 tells the story of server.enable_tls, so SCH006 leaves it alone: off, SCH006 says it is not read
  const tls = analyzeFile(dir, 'config/config.yaml', { rules: { TLS001: 'off' } }).analysis.findings;
  assert.ok(!tls.some((f) => f.ruleId === 'TLS001'));
  assert.match(tls.find((f) => f.ruleId === 'SCH006')?.message ?? '', /does not read `server\.enable_tls`/);
  assert.ok(!ids('config/config.yaml', {}).includes('SCH006'));
});
