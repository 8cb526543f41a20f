// Incremental analysis (documents/incrementalYaml.ts, blockFindings.ts): after any
// sequence of edits, the model built from reused block models and the analysis that
// re-runs the block-local rules on the changed blocks only equal a fresh parse and
// analysis of the same text: findings, ranges and fixes alike. The time limit is
// lifted: a loaded machine must not make one side stop early.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import { LspClient } from '../helpers/lspClient.mjs';

const REAL = path.join(repoRoot, 'test/fixtures/real');
const corpus = fs
  .readdirSync(REAL, { recursive: true })
  .filter((p) => /\.ya?ml$/.test(p))
  .sort()
  .map((rel) => ({ rel, file: path.join(REAL, rel), text: fs.readFileSync(path.join(REAL, rel), 'utf8') }));
const ws = new engine.Workspace(engine.nodeHost, [REAL]);

/** What a rule or feature can read of the model. */
function modelView(m) {
  return {
    refs: m.refs.map((r) => [r.path, r.keySpan, r.valueSpan, r.value, r.docIndex, r.viaAlias, r.alias, r.node?.constructor.name]),
    problems: m.problems,
    docs: m.docs.map((d) => [d.errors.length, d.contents?.constructor.name, !!d.contents?.flow]),
    truncated: m.truncated,
    views: m.documents().map((v) => [v.index, v.roots.map((r) => r.path.join('.'))]),
  };
}

const NO_TIME_LIMIT = { timeMs: 600_000 };

/** `inc`: the buffer's incremental state ({ yaml, blocks }), as the server keeps it per open document. */
const analysisOf = (file, text, inc, rules = engine.RULES) => {
  const src = new engine.SourceFile(file, text);
  if (inc) src.buildYamlWith((f) => inc.yaml.model(f.text, f.lines));
  const options = { profile: 'production', root: REAL, limits: NO_TIME_LIMIT, blocks: inc?.blocks };
  const a = engine.analyze(src, ws, options, rules);
  return { model: modelView(src.yaml), findings: JSON.parse(JSON.stringify(a.findings)) };
};
const incremental = () => ({ yaml: new engine.IncrementalYaml(), blocks: new engine.BlockFindings() });

// ordinary typing, mostly; now and then a piece that makes or breaks the block structure
const typing = fc.constantFrom('a', 'x', ' ', '0', '8080', 'true', ': ', '#', '${VAR}', '\n  k: v');
const structure = fc.constantFrom(
  '\n',
  '\nnew_block:\n  k: v\n',
  'x: 1',
  '  ',
  ':',
  '- ',
  '# c\n',
  '&a ',
  '*a',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '|\n',
  '>-\n',
  '\t',
  '\r\n',
  '---\n',
  '%YAML 1.2\n',
  'tls:\n  enabled: false\n',
  '<<: *a',
);
const piece = fc.oneof({ arbitrary: typing, weight: 6 }, { arbitrary: structure, weight: 1 });

/** An edit: replace `del` characters at a position anywhere (uniform), or at the start of its line. */
const edit = fc.record({
  at: fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })),
  lineStart: fc.noBias(fc.integer({ min: 0, max: 5 })).map((n) => n === 0),
  del: fc.oneof(fc.constant(0), fc.constant(1), fc.nat({ max: 12 })),
  insert: fc.array(piece, { minLength: 0, maxLength: 2 }).map((xs) => xs.join('')),
});

function apply(text, e) {
  let at = e.at % (text.length + 1);
  if (e.lineStart) at = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(0, at) + e.insert + text.slice(at + e.del);
}

test('incremental analysis equals a full one after random edit sequences on the real files (model, findings, fixes)', () => {
  let reusedSteps = 0;
  let reusedEntries = 0;
  let steps = 0;
  fc.assert(
    fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (which, edits) => {
      const { file, text: original } = corpus[which];
      const inc = incremental();
      let text = original;
      for (const e of [null, ...edits]) {
        if (e) text = apply(text, e);
        const got = analysisOf(file, text, inc);
        const want = analysisOf(file, text);
        assert.deepEqual(got.model, want.model);
        assert.deepEqual(got.findings, want.findings);
        if (!e) continue;
        steps++;
        if (inc.yaml.lastReuse.reused > 0) reusedSteps++;
        if (inc.yaml.lastReuse.entries.reused > 0) reusedEntries++;
      }
    }),
    { seed: 1212, numRuns: 150 },
  );
  // the property is only worth something if many edits took the incremental path, at both levels
  assert.ok(reusedSteps > steps / 3, `only ${reusedSteps} of ${steps} edits reused blocks`);
  assert.ok(reusedEntries > steps / 4, `only ${reusedEntries} of ${steps} edits reused entries of a changed block`);
});

test('a keystroke in one block re-parses that block only; ambiguous structure parses the whole text', () => {
  const real = corpus.find((c) => c.rel.endsWith('3955e2b8/config/core/config.yaml'));
  const inc = new engine.IncrementalYaml();
  inc.model(real.text);
  const blocks = inc.lastReuse.parsed;
  assert.ok(blocks > 5);
  const edited = real.text.replace('port: 8765', 'port: 8766');
  inc.model(edited);
  const { entries, ...reuse } = inc.lastReuse;
  assert.deepEqual(reuse, { reused: blocks - 1, parsed: 1, full: false });
  // one level down, the changed `server` block parses only the entry holding `port`
  assert.equal(entries.parsed, 1);
  assert.ok(entries.reused > 20, `${entries.reused} entries reused`);
  for (const breaking of ['---\n', 'a: &x 1\n', 'a: *x\n', '\ta: 1\n', '- item\n', 'a: [1,\n', 'server:\n  port: 1\n']) {
    inc.model(breaking + edited);
    assert.equal(inc.lastReuse.full, true, JSON.stringify(breaking));
  }
  inc.model(edited.replace(/\n/g, '\r\n'));
  assert.equal(inc.lastReuse.full, true, 'CR line breaks');
  // a root key written twice, at the end: seen before any block is parsed
  inc.model(`${edited}server:\n  port: 1\n`);
  assert.deepEqual(inc.lastReuse, { reused: 0, parsed: 0, full: true, entries: { reused: 0, parsed: 0 } });
});

test('one level down: a changed block reuses its unchanged entries; what the split could misread parses the block whole', () => {
  const base = [
    '# head',
    'server:  # the HTTP API',
    '  # where it listens',
    '  host: "0.0.0.0"',
    '  port: 8765',
    '',
    '# a comment at column 0 inside the block',
    '  tls:',
    '    enabled: true',
    '    ciphers: [a,',
    '      b]',
    '  banner: |',
    '    hello',
    '',
    '    world',
    'logging:',
    '  level: info',
    '',
  ].join('\n');
  const inc = new engine.IncrementalYaml();
  const same = (text, why) => assert.deepEqual(modelView(inc.model(text)), modelView(new engine.YamlModel(text)), why);
  same(base, 'first version');
  same(base.replace('8765', '8766'), 'a keystroke in one entry');
  assert.deepEqual(inc.lastReuse.entries, { reused: 4, parsed: 1 });
  same(base.replace('enabled: true', 'enabled: false'), 'an edit inside a nested entry');
  assert.deepEqual(inc.lastReuse.entries, { reused: 3, parsed: 2 }); // `tls`, and `port` back to 8765
  const whole = {
    "a sequence at the entries' indentation": base.replace('  port: 8765', '  port: 8765\n  - item'),
    'a line less indented than the entries': base.replace('    enabled: true', ' enabled: true'),
    'the same entry written twice': base.replace('  port: 8765\n', '  port: 8765\n  port: 8765\n  port: 8765\n'),
    'a quoted key': base.replace('  port: 8765', '  "port": 8765'),
    'a value on the key line': base.replace('server:  # the HTTP API', 'server: {}'),
    'a tag on the key line': base.replace('server:  # the HTTP API', 'server: !!map'),
    'a flow collection running into the next entry': base.replace('    ciphers: [a,\n      b]', '    ciphers: [a,\n  b: c]'),
  };
  for (const [why, text] of Object.entries(whole)) {
    inc.model(base);
    same(text, why);
    assert.equal(inc.lastReuse.entries.reused, 0, `${why}: no entry reused`);
  }
  // a key written twice in entries of different text: both stand in the mapping, the duplicate is reported as in a full parse
  inc.model(base);
  same(base.replace('  port: 8765', '  port: 8765\n  port: 8766'), 'a key written twice');
  assert.ok(inc.lastReuse.entries.reused > 0);
  assert.ok(
    inc.model(base.replace('  port: 8765', '  port: 8765\n  port: 8766')).problems.some((p) => p.code === 'DUPLICATE_KEY'),
  );
});

test('over LSP, the server that reuses block parses publishes what a server parsing every version in full does', async () => {
  const real = corpus.find((c) => c.rel.endsWith('3955e2b8/config/core/config.yaml'));
  const dir = writeWorkspace({ 'config/core/config.yaml': real.text });
  const file = path.join(dir, 'config/core/config.yaml');
  const incremental = new LspClient({ rootDir: dir, settings: { profile: 'production', rules: {} } });
  const saved = process.env.THEMISDB_INCREMENTAL;
  process.env.THEMISDB_INCREMENTAL = '0';
  const full = new LspClient({ rootDir: dir, settings: { profile: 'production', rules: {} } });
  if (saved === undefined) delete process.env.THEMISDB_INCREMENTAL;
  else process.env.THEMISDB_INCREMENTAL = saved;
  try {
    await Promise.all([incremental.initialize(), full.initialize()]);
    const uris = [incremental.open(file, real.text), full.open(file, real.text)];
    let text = real.text;
    for (const e of fc.sample(edit, { seed: 12, numRuns: 12 })) {
      text = apply(text, e);
      const published = await Promise.all(
        [incremental, full].map((c, i) => {
          const version = c.change(uris[i], text);
          return c.waitForDiagnostics(uris[i], (p) => p.version === version);
        }),
      );
      assert.deepEqual(published[0].diagnostics, published[1].diagnostics);
    }
  } finally {
    await Promise.all([incremental.shutdown(), full.shutdown()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a keystroke re-runs the block-local rules on the changed block only, the others on the whole file', () => {
  const real = corpus.find((c) => c.rel.endsWith('3955e2b8/config/core/config.yaml'));
  const seen = { local: [], shared: [] };
  const spy = (id, blockLocal) => ({
    meta: { ...engine.RULES[0].meta, id, kinds: ['config'], blockLocal, messages: {} },
    check: (ctx) => seen[blockLocal ? 'local' : 'shared'].push(ctx.file.text),
  });
  const rules = [spy('XXX901', true), spy('XXX902', false)];
  const inc = incremental();
  analysisOf(real.file, real.text, inc, rules);
  const blocks = seen.local.length;
  assert.ok(blocks > 5);
  assert.equal(seen.local.join(''), real.text, 'each block alone, once');
  assert.deepEqual(seen.shared, [real.text]);
  seen.local = [];
  seen.shared = [];
  const edited = real.text.replace('port: 8765', 'port: 8766');
  analysisOf(real.file, edited, inc, rules);
  assert.equal(seen.local.length, 1);
  assert.match(seen.local[0], /^server:\n[^]*port: 8766/);
  assert.deepEqual(seen.shared, [edited]);
});

test('DocView.where runs its test on the edited block alone, and picks what a filter of the whole text picks', () => {
  const real = corpus.find((c) => c.rel.endsWith('3955e2b8/config/core/config.yaml'));
  let calls = 0;
  const isSwitch = (r) => {
    calls++;
    return r.path.at(-1) === 'enabled' && !!r.valueSpan;
  };
  const shown = (refs) => refs.map((r) => [r.path.join('.'), r.keySpan, r.valueSpan, r.value]);
  const fresh = (text) =>
    new engine.SourceFile(real.file, text).yaml.documents()[0].refs.filter((r) => r.path.at(-1) === 'enabled' && !!r.valueSpan);
  const inc = new engine.IncrementalYaml();
  const first = inc.model(real.text);
  assert.deepEqual(shown(first.documents()[0].where(isSwitch)), shown(fresh(real.text)));
  assert.equal(calls, first.refs.length);
  // a longer port: the blocks after `server` move, their picks are reused where they now are
  const edited = real.text.replace('port: 8765', 'port: 87650');
  const next = inc.model(edited);
  calls = 0;
  const picks = next.documents()[0].where(isSwitch);
  assert.ok(picks.length > 1, 'switches in several blocks');
  assert.deepEqual(shown(picks), shown(fresh(edited)));
  const server = next.blocks.find((b) => b.text.startsWith('server:'));
  assert.equal(calls, server.model.refs.length, 'only the edited block is tested again');
  assert.ok(calls < next.refs.length / 3);
});

// A rule declared block-local promises that its findings in a file are those it makes
// on each top-level block alone: checked on the real configs and edits of them, with the
// block-local rules alone (no other rule's finding changes theirs), rule by rule.
test('each rule declared block-local finds on the whole file what it finds on each block alone', () => {
  const local = engine.RULES.filter((r) => r.meta.blockLocal);
  assert.ok(local.length > 20);
  const byRule = (findings) => {
    const out = {};
    for (const f of findings) (out[f.ruleId] ??= []).push(f);
    return out;
  };
  let split = 0;
  let found = 0;
  corpus.forEach(({ file, text }, i) => {
    const edited = fc.sample(fc.array(edit, { minLength: 1, maxLength: 3 }), { seed: i, numRuns: 2 });
    for (const version of [text, ...edited.map((edits) => edits.reduce(apply, text))]) {
      const inc = incremental();
      const blockByBlock = byRule(analysisOf(file, version, inc, local).findings);
      const whole = byRule(analysisOf(file, version, undefined, local).findings);
      if (!inc.yaml.lastReuse.full) split++;
      for (const rule of local) assert.deepEqual(blockByBlock[rule.meta.id], whole[rule.meta.id], `${rule.meta.id} on ${file}`);
      found += Object.keys(whole).length;
    }
  });
  assert.ok(split > corpus.length && found > 20, `only ${split} analyses ran block by block, ${found} rules found something`);
});
