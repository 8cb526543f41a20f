// The files a folder walk finds are the files the editor analyzes (one predicate,
// engine/fileKinds.ts), on ThemisDB's real files under their real paths; and
// --fix leaves a file that does not parse alone and says why.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, engine, json, repoRoot, workspace } from './helpers.mjs';

const REAL = path.join(repoRoot, 'test/fixtures/real');
const real = (rel) => fs.readFileSync(path.join(REAL, rel), 'utf8');

describe('CLI folder walk', () => {
  it('finds the edition files by their folder: themisdb-lint config/editions/', () => {
    const editions = ['all-editions', 'enterprise', 'hyperscaler', 'military', 'minimal'];
    const dir = workspace(
      Object.fromEntries(editions.map((e) => [`config/editions/${e}.yaml`, real(`config/editions/${e}.yaml`)])),
    );
    const found = new Set(
      json(cli(['--format', 'json', '--fail-on', 'none', 'config/editions/'], { cwd: dir })).map((f) => f.file),
    );
    assert.deepEqual([...found].sort(), editions.map((e) => `config/editions/${e}.yaml`).sort());
  });

  it('finds *.config.yaml, themisdb*.yaml and config.json when their content is ThemisDB, and nothing else', () => {
    const core = real('63cde823/config/core/config.yaml');
    const dir = workspace({
      'deploy/production.config.yaml': core,
      'themisdb-prod.yaml': core,
      'config/config.json': real('e9750146/config/config.json'),
      'other/app.config.yaml': 'name: app\nreplicas: 2\n',
      'other/themisdb-notes.yaml': 'title: notes\n',
      'other/config.json': '{"name": "not themis"}\n',
    });
    const found = new Set(json(cli(['--format', 'json', '--fail-on', 'none', '.'], { cwd: dir })).map((f) => f.file));
    assert.deepEqual([...found].sort(), ['config/config.json', 'deploy/production.config.yaml', 'themisdb-prod.yaml']);
  });

  it('uses the engine predicate the editor uses, on the full path', () => {
    assert.equal(engine.kindFromName('/w/config/editions/minimal.yaml'), 'config');
    assert.equal(engine.kindFromName('minimal.yaml'), undefined);
    assert.equal(engine.kindFromName('/w/production.config.yml'), 'config');
    assert.equal(engine.kindFromName('/w/themisdb.yaml'), 'config');
    assert.equal(engine.kindFromName('/w/config/config.json'), 'config');
    assert.equal(engine.kindFromName('/w/package.json'), undefined);
  });
});

describe('CLI --fix on a file that does not parse', () => {
  it('changes nothing and says why', () => {
    const text = 'storage:\n  rocksdb_path: /data\n  encryption:\n    enabled: false\nserv\nserver:\n  port: 8765\n';
    const dir = workspace({ 'config.yaml': text });
    const r = cli(['--fix', '.'], { cwd: dir });
    assert.equal(fs.readFileSync(path.join(dir, 'config.yaml'), 'utf8'), text);
    assert.match(r.stderr, /config\.yaml was not fixed: it does not parse \(line 5: .*\)\. Fix the syntax first\./);
    assert.match(r.stdout, /SCH001/);
    assert.doesNotMatch(r.stdout, /ENC001|AUD001|TLS001/, 'only the syntax error');
  });
});
