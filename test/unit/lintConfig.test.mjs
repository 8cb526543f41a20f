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

  it('reports each problem once, where it is, and keeps what is right', () => {
    const text = 'profile: prod\nrules:\n  TLS999: off\n  TLS002: loud\n  SCH006: off\n  Not A Rule: off\nfrobnicate: 1\n';
    const { config } = load({ '.themisdb-lint.yaml': text });
    assert.equal(config.profile, undefined);
    assert.equal(ruleSettingsOf(config).SCH006, 'off');
    const at = (re) => {
      const p = config.problems.filter((x) => re.test(x.message));
      assert.equal(p.length, 1, `one problem matches ${re}: ${JSON.stringify(config.problems)}`);
      return text.slice(p[0].span.start, p[0].span.end);
    };
    assert.equal(at(/rules\.TLS999 is not a ThemisDB rule/), 'TLS999');
    assert.equal(at(/rules\.TLS002 must be equal to one of the allowed values: off, hint/), 'loud');
    assert.equal(at(/rules\.Not A Rule is not a rule ID/), 'Not A Rule');
    assert.equal(at(/frobnicate is not a setting/), 'frobnicate');
    assert.equal(at(/^profile must be/), 'prod');
    assert.equal(config.problems.length, 5);
  });

  it('says where the file does not parse, without quoting it', () => {
    assert.match(load({ '.themisdb-lint.yaml': 'rules: [\n' }).config.problems[0].message, /^Not valid YAML/);
    const json = load({ '.themisdb-lint.json': '{"rules": {"SEC001": off}}' }, '.themisdb-lint.json').config;
    assert.match(json.problems[0].message, /^Not valid JSON/);
    assert.doesNotMatch(json.problems[0].message, /SEC001/);
    const comma = load({ '.themisdb-lint.json': '{\n  "profile": "production",\n}\n' }, '.themisdb-lint.json').config;
    assert.equal(comma.problems[0].span.start, '{\n  "profile": "production",\n'.length);
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
