// --format sarif: SARIF 2.1.0 as GitHub code scanning takes it, valid against the official schema.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliPath, engine, json, only, pkg, repoRoot, tlsConfig, workspace } from './helpers.mjs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;

function schemaValidator() {
  const schema = JSON.parse(fs.readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  ajv.addFormat('uri', (s) => /^[a-z][a-z0-9+.-]*:\S*$/i.test(s) && URL.canParse(s));
  ajv.addFormat('uri-reference', (s) => !/\s/.test(s));
  ajv.addFormat('date-time', (s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s));
  ajv.addFormat('uuid', (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s));
  return ajv.compile(schema);
}

function assertSchemaValid(log) {
  const validate = schemaValidator();
  assert.ok(validate(log), `SARIF schema errors: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}

/** The summary sentence of a docs page: the paragraph after the title, without Markdown. */
function docSummary(id) {
  const md = fs.readFileSync(path.join(repoRoot, 'docs', 'rules', `${id}.md`), 'utf8').replace(/\r\n/g, '\n');
  return md
    .split(/\n\s*\n/)[1]
    .replace(/`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('CLI --format sarif', () => {
  it('describes the tool and every catalog rule for GitHub code scanning', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.2') });
    const r = cli(['--format', 'sarif', '--profile', 'production', '.'], { cwd: dir });
    const log = json(r);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0\.json$|sarif-schema-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'themisdb-lint');
    assert.equal(driver.version, pkg.version);
    assert.ok(URL.canParse(driver.informationUri), driver.informationUri);
    assert.equal(run.automationDetails.id, 'themisdb-lint/');

    const ids = [...engine.CATALOG.keys()];
    assert.deepEqual(
      driver.rules.map((x) => x.id),
      ids,
      'one descriptor per catalog rule, in catalog order',
    );
    for (const rule of driver.rules) {
      const meta = engine.CATALOG.get(rule.id);
      assert.equal(rule.name, meta.name);
      for (const k of ['shortDescription', 'fullDescription']) assert.ok(rule[k].text.trim(), `${rule.id} ${k}`);
      assert.ok(rule.help.text.trim(), `${rule.id} help.text`);
      assert.ok(rule.properties.tags.includes('security'), `${rule.id} tagged security`);
      assert.ok(rule.properties.tags.includes(rule.id.replace(/\d+$/, '').toLowerCase()), `${rule.id} tagged with its family`);
      assert.ok(rule.properties.tags.length <= 20);
      const sev = Number(rule.properties['security-severity']);
      assert.ok(
        typeof rule.properties['security-severity'] === 'string' && sev >= 0.1 && sev <= 10,
        `${rule.id} security-severity`,
      );
      assert.equal(
        rule.defaultConfiguration.level,
        { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[[meta.severity].flat()[0]],
      );
      if (fs.existsSync(path.join(repoRoot, 'docs', 'rules', `${rule.id}.md`))) {
        assert.ok(rule.help.markdown.includes(`# ${rule.id}`), `${rule.id} help.markdown is its docs page`);
        // the public page of this very version, never a path on the machine that ran the lint
        assert.equal(
          rule.helpUri,
          `https://github.com/themisdb-config/themisdb-config/blob/v${pkg.version}/docs/rules/${rule.id}.md`,
        );
      }
    }
    const tls002 = driver.rules.find((x) => x.id === 'TLS002');
    assert.equal(tls002.shortDescription.text, docSummary('TLS002'));
    assert.ok(tls002.fullDescription.text.startsWith(tls002.shortDescription.text));
    assert.deepEqual([tls002.properties['security-severity'], tls002.defaultConfiguration.level], ['8.0', 'error']);
  });

  it('reports results with rule index, level, repo-relative location, full region and fingerprint', () => {
    const dir = workspace({ 'sub dir/config.yaml': tlsConfig('1.2') });
    const log = json(cli(['--format', 'sarif', '--profile', 'production', ...only('TLS002'), '.'], { cwd: dir }));
    const run = log.runs[0];
    assert.equal(run.results.length, 1, JSON.stringify(run.results));
    const [res] = run.results;
    assert.equal(res.ruleId, 'TLS002');
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'TLS002');
    assert.equal(res.level, 'warning');
    assert.match(res.message.text, /^Minimum TLS version 1\.2 is below TLS 1\.3\./);
    const loc = res.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'sub%20dir/config.yaml', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(loc.region, { startLine: 3, startColumn: 18, endLine: 3, endColumn: 23 });
    // our fingerprint under our own key; GitHub computes primaryLocationLineHash itself
    assert.deepEqual(Object.keys(res.partialFingerprints), ['themisdb/v1']);
    assert.match(res.partialFingerprints['themisdb/v1'], /^[0-9a-f]{16}:1$/);
    assert.ok(run.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'));
    assertSchemaValid(log);
  });

  it('is valid against the official SARIF 2.1.0 schema, with and without results', () => {
    const dir = workspace({
      'config.yaml': tlsConfig('1.0'),
      'other/config.yaml': tlsConfig('1.2'),
      'empty/readme.txt': 'no config here\n',
    });
    assertSchemaValid(json(cli(['--format', 'sarif', '.'], { cwd: dir })));
    assertSchemaValid(json(cli(['--format', 'sarif', 'empty'], { cwd: dir })));
    // the validator does reject a broken log
    const broken = json(cli(['--format', 'sarif', '.'], { cwd: dir }));
    broken.runs[0].results[0].level = 'fatal';
    assert.equal(schemaValidator()(broken), false);
  });

  it('leaves primaryLocationLineHash to GitHub, and stays valid with suppressions (--no-inline-suppressions)', () => {
    const dir = workspace({
      'config.yaml': `network:\n  tls:\n    # themisdb-disable-next-line TLS002 -- terminated at the proxy\n    min_version: "1.0"\n`,
      'other/config.yaml': tlsConfig('1.0'),
    });
    const log = json(cli(['--format', 'sarif', '--no-inline-suppressions', '.'], { cwd: dir }));
    assert.ok(!JSON.stringify(log).includes('primaryLocationLineHash'));
    const suppressed = log.runs[0].results.filter((x) => x.suppressions);
    assert.deepEqual(
      suppressed.map((x) => [x.ruleId, x.suppressions]),
      [['TLS002', [{ kind: 'inSource', justification: 'terminated at the proxy' }]]],
    );
    assert.ok(
      log.runs[0].results.some((x) => x.ruleId === 'TLS002' && !x.suppressions),
      'the other one is not suppressed',
    );
    assertSchemaValid(log);
  });

  it('maps the effective severity to the SARIF level: info and hint are notes', () => {
    const dir = workspace({ 'config.yaml': tlsConfig('1.0') });
    for (const [setting, level] of [
      ['error', 'error'],
      ['warning', 'warning'],
      ['info', 'note'],
      ['hint', 'note'],
    ]) {
      const log = json(cli(['--format', 'sarif', ...only('TLS002'), '--rule', `TLS002=${setting}`, '.'], { cwd: dir }));
      assert.deepEqual(
        log.runs[0].results.map((x) => x.level),
        [level],
        setting,
      );
    }
  });

  it('keeps fingerprints when three lines are added above the finding', () => {
    const before = `# ThemisDB\n${tlsConfig('1.0')}`;
    const after = `# ThemisDB\n# three new lines:\nstorage:\n  rocksdb_path: /var/lib/themisdb\n${tlsConfig('1.0')}`;
    const dir = workspace({ 'config.yaml': before });
    const run1 = json(cli(['--format', 'sarif', '.'], { cwd: dir })).runs[0];
    fs.writeFileSync(path.join(dir, 'config.yaml'), after);
    const run2 = json(cli(['--format', 'sarif', '.'], { cwd: dir })).runs[0];
    const pick = (run) => run.results.find((x) => x.ruleId === 'TLS002');
    const [a, b] = [pick(run1), pick(run2)];
    assert.ok(a && b, 'TLS002 reported in both runs');
    assert.equal(b.locations[0].physicalLocation.region.startLine, a.locations[0].physicalLocation.region.startLine + 3);
    assert.equal(b.partialFingerprints['themisdb/v1'], a.partialFingerprints['themisdb/v1']);
    // every finding that was there before keeps its fingerprint
    const fps = (run) => run.results.map((x) => `${x.ruleId} ${x.partialFingerprints['themisdb/v1']}`);
    for (const fp of fps(run1)) assert.ok(fps(run2).includes(fp), `${fp} survives the shift`);
  });

  it('numbers identical findings on identical lines', () => {
    const dir = workspace({
      'config.yaml': `network:\n  tls:\n    min_version: "1.0"\nadmin:\n  tls:\n    min_version: "1.0"\n`,
    });
    const log = json(cli(['--format', 'sarif', ...only('TLS002'), '.'], { cwd: dir }));
    const fps = log.runs[0].results.map((x) => x.partialFingerprints['themisdb/v1']);
    assert.equal(fps.length, 2);
    assert.equal(fps[0].split(':')[0], fps[1].split(':')[0]);
    assert.deepEqual(
      fps.map((f) => f.split(':')[1]),
      ['1', '2'],
    );
  });

  it('falls back to the rule name when the docs pages are missing, and stays valid', () => {
    // the bundle alone, without docs/ and package.json around it
    const dir = workspace({ 'config.yaml': tlsConfig('1.2') });
    const lone = path.join(dir, 'tool', 'server', 'out', 'cli.js');
    fs.mkdirSync(path.dirname(lone), { recursive: true });
    fs.copyFileSync(cliPath, lone);
    const log = json(cli(['--format', 'sarif', 'config.yaml'], { cwd: dir, script: lone }));
    const tls002 = log.runs[0].tool.driver.rules.find((x) => x.id === 'TLS002');
    assert.equal(tls002.shortDescription.text, 'tls-min-version');
    assert.equal(tls002.helpUri, undefined);
    assert.ok(tls002.help.text.includes('tls-min-version'));
    assertSchemaValid(log);
  });

  it('uses forward slashes and no snippet, and puts files outside the working folder as file: URIs', () => {
    const dir = workspace({ 'a/b/config.yaml': tlsConfig('1.0'), 'elsewhere/config.yaml': tlsConfig('1.0') });
    const log = json(
      cli(['--format', 'sarif', ...only('TLS002'), '.', path.join(dir, 'elsewhere')], { cwd: path.join(dir, 'a') }),
    );
    const uris = log.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation);
    assert.deepEqual(uris[0], { uri: 'b/config.yaml', uriBaseId: '%SRCROOT%' });
    assert.ok(uris[1].uri.startsWith('file:///') && uris[1].uriBaseId === undefined, JSON.stringify(uris[1]));
    assert.ok(!JSON.stringify(log).includes('"snippet"'));
    assertSchemaValid(log);
  });
});
