// Fixes that could lose data (issue 13): each case a harness found, through the real
// engine's fix-all (what the CLI's --fix runs) and, where the editor differs, the server.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';

/**
 * A finding whose safe fix became a suggestion because the server does not read its key
 * (issue 11) keeps its edits: they must be just as safe, so these cases apply them as fixes.
 */
const asBeforeReadership = (finding) => ({
  ...finding,
  fixes: finding.fixes.map((x) =>
    x.kind === 'suggestion' && /no effect on the server/.test(x.note ?? '') ? { ...x, kind: 'fix' } : x,
  ),
});

/** Fix-all of one file of a fresh workspace, and a second run on its result. */
function fixAllIn(files, rel) {
  const dir = writeWorkspace(files);
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  const findingsOf = (f) => engine.analyze(f, ws, { profile: 'production', root: dir }).findings.map(asBeforeReadership);
  const file = ws.file(path.join(dir, rel));
  const first = engine.fixAll(file, findingsOf);
  const second = engine.fixAll(new engine.SourceFile(file.path, first.text), findingsOf);
  assert.equal(second.text, first.text, 'a second run changes nothing');
  assert.equal(first.passLimitReached, false, 'converges within the pass limit');
  return { text: first.text, applied: first.applied, file, findingsOf };
}

const parseErrors = (text) => new engine.YamlModel(text).problems.filter((p) => p.severity === 'error');
const breaksOf = (text) => text.match(/\r\n|\r|\n/g) ?? [];

describe('fix safety: TLS003 rewrites a cipher list item by item', () => {
  it('keeps what lies between two lists when `network:` is written twice', () => {
    const text = [
      'network:',
      '  tls:',
      '    enabled: true',
      '    cipher_suites:',
      '      - TLS_RSA_WITH_AES_128_CBC_SHA',
      'important_setting: keep-me',
      'network:',
      '  tls:',
      '    cipher_suites:',
      '      - RC4-MD5',
      '',
    ].join('\n');
    const { text: out } = fixAllIn({ 'config.yaml': text }, 'config.yaml');
    assert.match(out, /^important_setting: keep-me$/m);
    assert.equal(out.match(/^network:$/gm).length, 2, 'both network blocks are still there');
    assert.match(out, /- RC4-MD5/, 'the second list (a duplicate key, SCH001) is left to the user');
    assert.match(out, /cipher_suites:\n {6}- TLS_AES_256_GCM_SHA384\n {6}- TLS_CHACHA20_POLY1305_SHA256\nimportant_setting/);
  });

  it('keeps comment lines between items and the items after them', () => {
    const text = [
      'network:',
      '  tls:',
      '    enabled: true',
      '    cipher_suites:',
      '      # legacy clients',
      '      - TLS_RSA_WITH_AES_128_CBC_SHA',
      '      # keep this comment',
      '      - RC4-MD5',
      '      - ECDHE-RSA-AES128-SHA  # trailing',
      '    min_version: "1.3"',
      '',
    ].join('\n');
    const { text: out } = fixAllIn({ 'config.yaml': text }, 'config.yaml');
    assert.ok(out.includes('      # legacy clients\n      - TLS_AES_256_GCM_SHA384\n      # keep this comment\n'), out);
    assert.match(out, /- TLS_CHACHA20_POLY1305_SHA256/);
    // the third item's comment stays as a comment line
    assert.ok(out.includes('      - TLS_CHACHA20_POLY1305_SHA256\n      # trailing\n    min_version'), out);
    assert.match(out, /min_version: "1.3"/);
  });

  it('adds the second suite after a one-item list, in the file’s line breaks', () => {
    const text = 'network:\r\n  tls:\r\n    enabled: true\r\n    cipher_suites:\r\n      - RC4-MD5\r\n    min_version: "1.3"\r\n';
    const { text: out } = fixAllIn({ 'config.yaml': text }, 'config.yaml');
    assert.ok(
      out.includes('      - TLS_AES_256_GCM_SHA384\r\n      - TLS_CHACHA20_POLY1305_SHA256\r\n    min_version'),
      JSON.stringify(out),
    );
    assert.ok(!/[^\r]\n/.test(out), 'only CRLF line breaks');
  });
});

describe('fix safety: values and line breaks', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    it(`a set-value fix on a block scalar keeps the next key (${JSON.stringify(eol)})`, () => {
      const lines = [
        'storage:',
        '  encryption:',
        '    enabled: true',
        '    algorithm: |-',
        '      AES-128-CBC',
        '    key_provider: vault',
        '',
      ];
      const { text: out } = fixAllIn({ 'config.yaml': lines.join(eol) }, 'config.yaml');
      assert.ok(out.includes(`    algorithm: AES-256-GCM${eol}    key_provider: vault${eol}`), JSON.stringify(out));
      assert.deepEqual(parseErrors(out), []);
      assert.deepEqual(new Set(breaksOf(out)), new Set([eol]), 'inserted lines use the file’s line break');
    });
  }

  it('AUD001 finds logging.audit after `audit:` and a lone CR, and adds the switch there', () => {
    const text = 'storage:\n  rocksdb_path: /d\nlogging:\n  audit:\r    path: /var/log/a\n';
    const { text: out } = fixAllIn({ 'config.yaml': text }, 'config.yaml');
    assert.equal(out.match(/audit:/g).length, 1, 'no second audit key');
    assert.ok(out.includes('  audit:\r    path: /var/log/a\n    enabled: true\n'), JSON.stringify(out));
    assert.deepEqual(parseErrors(out), []);
  });

  it('on a file that does not parse, fix-all adds nothing it cannot see afterwards', () => {
    const text = 'storage:\n  rocksdb_path: ./data\nserver:\n  port: [8080\n# a comment\n';
    const { text: out } = fixAllIn({ 'config.yaml': text }, 'config.yaml');
    assert.ok(!out.includes('enabled: true\n  audit') && (out.match(/logging:/g) ?? []).length <= 1, out);
    assert.match(out, /^# a comment$/m);
  });

  for (const [name, eol] of [
    ['CR CR LF', '\r\r\n'],
    ['lone CR', '\r'],
  ]) {
    it(`with ${name} line breaks fix-all converges and joins no comment to a value`, () => {
      const lines = ['# the storage', 'storage:', '  rocksdb_path: ./data', '# the logging', 'logging:', '  level: info', ''];
      const { text: out } = fixAllIn({ 'config.yaml': lines.join(eol) }, 'config.yaml');
      for (const comment of ['# the storage', '# the logging']) {
        const at = out.indexOf(comment);
        assert.ok(
          at >= 0 && /^[\r\n]?$/.test(out.slice(at + comment.length, at + comment.length + 1)),
          `${comment} stays a line`,
        );
      }
      assert.ok((out.match(/^logging:/gm) ?? []).length <= 1 && (out.match(/audit:/g) ?? []).length <= 1, JSON.stringify(out));
    });
  }
});

describe('fix safety: .env', () => {
  it('`KEY= # comment`: DOT003 keeps the blank and DOT005 never turns the comment into the value', () => {
    const text = 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN= # injected by the vault agent\n';
    const { text: out, file, findingsOf } = fixAllIn({ '.env': text }, '.env');
    assert.match(out, /^THEMIS_TOKEN_ADMIN= # injected by the vault agent$/m);
    assert.equal(new engine.EnvModel(out).get('THEMIS_TOKEN_ADMIN').value, '');
    const left = findingsOf(new engine.SourceFile(file.path, out)).filter((f) => /^DOT00[35]$/.test(f.ruleId));
    assert.deepEqual(left, []);
  });

  it('`KEY=#value`: quoting what dotenv reads as a comment is only a suggestion', () => {
    const text = 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=#Jq8vN3xLp0Wm5Zt  # pin\n';
    const { text: out, file, findingsOf } = fixAllIn({ '.env': text }, '.env');
    assert.match(out, /^THEMIS_HSM_PIN=#Jq8vN3xLp0Wm5Zt {2}# pin$/m);
    const dot005 = findingsOf(new engine.SourceFile(file.path, out)).find((f) => f.ruleId === 'DOT005');
    assert.deepEqual(
      dot005.fixes.map((f) => f.kind),
      ['suggestion'],
    );
  });
});

describe('fix safety: the verification', () => {
  const dir = writeWorkspace({});
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  const findingsOf = (f) => engine.analyze(f, ws, { profile: 'production', root: dir }).findings;
  const config = [
    'storage:',
    '  rocksdb_path: ./data',
    'network:',
    '  tls:',
    '    enabled: true',
    '    # why 1.2',
    '    min_version: "1.2"',
    'logging:',
    '  audit:',
    '    enabled: true',
    '',
  ].join('\n');
  const file = new engine.SourceFile(path.join(dir, 'config.yaml'), config);
  const finding = findingsOf(file).find((f) => f.ruleId === 'TLS002');
  const fixWith = (edits) => ({ title: 't', kind: 'fix', changes: [{ path: file.path, edits }] });
  const at = (s) => config.indexOf(s);

  it('passes the rule’s own fix', () => {
    assert.ok(finding, 'TLS002 reports min_version 1.2');
    assert.equal(engine.verifyFix(file, finding, finding.fixes[0], findingsOf), true);
  });

  it('drops a fix that loses a comment, an unrelated key, the parse, or that keeps the finding', () => {
    const value = { start: at('"1.2"'), end: at('"1.2"') + 5, newText: '"1.3"' };
    const cases = {
      comment: [value, { start: at('    # why'), end: at('    min_version'), newText: '' }],
      key: [value, { start: at('logging:'), end: config.length, newText: '' }],
      parse: [value, { start: at('./data'), end: at('./data') + 6, newText: '[./data' }],
      finding: [{ ...value, newText: "'1.2'" }],
    };
    for (const [what, edits] of Object.entries(cases))
      assert.equal(engine.verifyFix(file, finding, fixWith(edits), findingsOf), false, what);
  });

  it('lets a fix remove the entry it reports (and what is under it)', () => {
    const after = new engine.SourceFile(
      file.path,
      engine.applyEdits(config, [{ start: at('  audit:'), end: config.length, newText: '' }]),
    );
    const audit = { start: at('audit:'), end: at('audit:') + 5 };
    assert.equal(engine.damage(file, after, [audit]), undefined);
    assert.match(engine.damage(file, after, [finding.span]), /key/);
  });
});

describe('fix safety: minimal edits', () => {
  it('sends only the changed spans, not the text between them', () => {
    const before = 'a: 1\nsecret: s3cr3t-value\nb: 2\r\nc: 3\rd: 4\n';
    const after = 'a: 10\nsecret: s3cr3t-value\nb: 2\r\nc: 3\rd: 40\n';
    const edits = engine.minimalEdits(before, after);
    assert.deepEqual(edits, [
      { start: 4, end: 4, newText: '0' },
      { start: before.length - 1, end: before.length - 1, newText: '0' },
    ]);
    assert.equal(engine.applyEdits(before, edits), after);
  });

  it('turns any text into any other', () => {
    const pairs = [
      ['', 'x\n'],
      ['x\ny\n', ''],
      ['a\nb\nc\n', 'a\nB\nc\nd\n'],
      ['a\r\rb', 'a\rb\r'],
    ];
    for (const [before, after] of pairs) assert.equal(engine.applyEdits(before, engine.minimalEdits(before, after)), after);
  });
});
