// .themisdb-lint.yaml: found from a file's folder up to the repository root, checked
// against its schema, rule keys by ID, name or pattern, globs relative to its folder.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engine, writeWorkspace } from '../helpers/engine.mjs';

const { findLintConfig, loadLintConfig, ruleSettingsOf, isExcluded, kindFromLintConfig, nodeHost } = engine;

function load(files, at = '.themisdb-lint.yaml') {
  const dir = writeWorkspace(files);
  return { dir, config: loadLintConfig(nodeHost, path.join(dir, at)) };
}

describe('.themisdb-lint.yaml', () => {
  it('is found from the file folder upwards, the nearest first, and not above the repository root', () => {
    const dir = writeWorkspace({
      'repo/.themisdb-lint.yaml': 'profile: production\n',
      'repo/deploy/prod/config.yaml': 'server: {}\n',
      'repo/deploy/dev/.themisdb-lint.json': '{ "profile": "development" }\n',
      'repo/deploy/dev/config.yaml': 'server: {}\n',
      'outside/.themisdb-lint.yaml': 'profile: development\n',
      'outside/repo2/config.yaml': 'server: {}\n',
    });
    fs.mkdirSync(path.join(dir, 'outside/repo2/.git'));
    assert.equal(findLintConfig(nodeHost, path.join(dir, 'repo/deploy/prod')), path.join(dir, 'repo/.themisdb-lint.yaml'));
    assert.equal(
      findLintConfig(nodeHost, path.join(dir, 'repo/deploy/dev')),
      path.join(dir, 'repo/deploy/dev/.themisdb-lint.json'),
    );
    assert.equal(findLintConfig(nodeHost, path.join(dir, 'outside/repo2')), undefined, 'stops at the folder holding .git');
  });

  it('resolves rules by ID, name and pattern: exact keys win over patterns, later patterns over earlier ones', () => {
    const { config } = load({
      '.themisdb-lint.yaml':
        'rules:\n  tls-min-version: warning\n  ENV0*: hint\n  ENV01*: info\n  ENV001: error\n  SCH006: off\n',
    });
    assert.deepEqual(config.problems, []);
    const s = ruleSettingsOf(config);
    assert.equal(s.TLS002, 'warning');
    assert.equal(s.ENV001, 'error');
    assert.equal(s.ENV002, 'hint');
    assert.equal(s.ENV015, 'info');
    assert.equal(s.SCH006, 'off');
    assert.equal(config.rules.get('TLS002').from, 'tls-min-version');
    assert.equal(config.rules.get('ENV015').from, 'ENV01*');
  });

  it('reports what is wrong and keeps what is right', () => {
    const { config } = load({
      '.themisdb-lint.yaml': 'profile: prod\nrules:\n  TLS999: off\n  TLS002: loud\n  SCH006: off\nfrobnicate: 1\n',
    });
    assert.equal(config.profile, undefined);
    assert.equal(ruleSettingsOf(config).SCH006, 'off');
    const text = config.problems.join('\n');
    assert.match(text, /TLS999 is not a ThemisDB rule/);
    assert.match(text, /TLS002 must be one of/);
    assert.match(text, /frobnicate|additional/);
    assert.match(text, /profile/);
  });

  it('says so when the file does not parse', () => {
    const { config } = load({ '.themisdb-lint.yaml': 'rules: [\n' });
    assert.match(config.problems[0], /does not parse/);
  });

  it('matches files and exclude globs relative to its folder, and resolves the baseline path', () => {
    const { dir, config } = load({
      '.themisdb-lint.yaml':
        'files:\n  config: ["deploy/**/themis-*.yml"]\n  env: ["secrets/*.vars"]\nexclude: ["examples/", "**/*.sample.yaml"]\nbaseline: ci/baseline.json\n',
    });
    assert.deepEqual(config.problems, []);
    assert.equal(kindFromLintConfig(config, path.join(dir, 'deploy/eu/themis-core.yml')), 'config');
    assert.equal(kindFromLintConfig(config, path.join(dir, 'secrets/prod.vars')), 'env');
    assert.equal(kindFromLintConfig(config, path.join(dir, 'other/themis-core.yml')), undefined);
    assert.equal(isExcluded(config, path.join(dir, 'examples/insecure/config.yaml')), true);
    assert.equal(isExcluded(config, path.join(dir, 'deploy/config.sample.yaml')), true);
    assert.equal(isExcluded(config, path.join(dir, 'deploy/config.yaml')), false);
    assert.equal(isExcluded(config, path.join(dir, '..', 'elsewhere', 'config.yaml')), false, 'outside its folder');
    assert.equal(config.baseline, path.join(dir, 'ci/baseline.json'));
  });
});
