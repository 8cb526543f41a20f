// No input crashes the engine or makes it hang (DESIGN "Reliability"), and a rule
// that throws is isolated: its error is reported once, the other rules still run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';

const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
for (let i = 1; i < 12; i++)
  bomb.push(
    `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
      .fill(`*${String.fromCharCode(96 + i)}`)
      .join(',')}]`,
  );

const INPUTS = {
  'malformed YAML': 'storage:\n  rocksdb_path: [unclosed\nserver:\n  port: 8765\n  - oops\n: :\n',
  'alias bomb': `storage:\n  rocksdb_path: /d\n${bomb.join('\n')}\n`,
  'binary data': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
  'BOM + CRLF': '\ufeffstorage:\r\n  rocksdb_path: /d\r\nnetwork:\r\n  tls:\r\n    min_version: "1.0"\r\n',
  tabs: 'storage:\n\trocksdb_path: /d\nserver:\n\t\tport: 1\n',
  'multi-document': 'storage:\n  rocksdb_path: /d\n---\nnetwork:\n  tls:\n    min_version: "1.1"\n---\n- a\n- b\n---\nplain\n',
  'deep nesting': `storage:\n  rocksdb_path: /d\n${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`,
  'huge single line': `storage:\n  rocksdb_path: "${'x'.repeat(2_000_000)}"\n`,
  empty: '',
  'only comments': '# themisdb: config\n# nothing else\n',
};

for (const [name, text] of Object.entries(INPUTS)) {
  test(`no crash and no hang: ${name}`, () => {
    for (const file of ['config.yaml', 'mig.yaml', '.env']) {
      const dir = writeWorkspace({ [file]: text });
      const ws = new engine.Workspace(engine.nodeHost, [dir]);
      const p = path.join(dir, file);
      const source = new engine.SourceFile(p, text);
      const errors = [];
      const started = Date.now();
      engine.analyze(source, ws, { profile: 'production', explicit: true, onRuleError: (id, e) => errors.push(`${id}: ${e}`) });
      const kind = file === '.env' ? 'env' : file === 'mig.yaml' ? 'mig' : 'config';
      for (const offset of [0, Math.floor(text.length / 2), text.length]) {
        engine.complete(source, offset, { kind, workspace: ws });
        engine.hover(source, offset, { kind, workspace: ws });
      }
      assert.deepEqual(errors, [], `${file}: rules threw`);
      assert.ok(Date.now() - started < 5000, `${file}: took ${Date.now() - started} ms`);
    }
  });
}

test('a rule that throws is reported once and the others still report', () => {
  const dir = writeWorkspace({ 'config.yaml': 'network:\n  tls:\n    min_version: "1.0"\n' });
  const ws = new engine.Workspace(engine.nodeHost, [dir]);
  const tls002 = engine.RULES.find((r) => r.meta.id === 'TLS002');
  const broken = {
    meta: engine.CATALOG.get('TLS003'),
    check: () => {
      throw new Error('boom');
    },
  };
  const errors = [];
  for (let i = 0; i < 3; i++) {
    const { findings } = engine.analyze(
      ws.file(path.join(dir, 'config.yaml')),
      ws,
      { profile: 'production', onRuleError: (id, e) => errors.push(`${id}: ${e.message}`) },
      [broken, tls002],
    );
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['TLS002'],
    );
  }
  assert.deepEqual(errors, ['TLS003: boom'], 'logged once, not on every run');
});
