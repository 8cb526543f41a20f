// The themisdb/posture request and the editor features of deployment files
// (completion, hover, definition, references), through the real server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeWorkspace } from '../helpers/engine.mjs';
import { fileUri, LspClient } from '../helpers/lspClient.mjs';

const TOKEN = 'Xq7vLp2mZr9sKd4tWn8yBc3fHj6gAe5uTq1oPi0lMk2N';
const COMPOSE = [
  'services:', //                                     0
  '  themisdb:', //                                   1
  '    image: themisdb/themisdb:1.5.0', //            2
  '    env_file:', //                                 3
  '      - themisdb.env', //                          4
  '    environment:', //                              5
  '      - THEMIS_PRODUCTION_MODE=0', //              6
  `      - THEMIS_TOKEN_ADMIN=${TOKEN}`, //           7
  '      - THEMIS_PII_', //                           8
  '  api:', //                                        9
  '    image: themisdb/themisdb:1.5.0', //           10
  '    environment:', //                             11
  '      THEMIS_DISABLE_AUTO_DOWNLOAD: ', //         12
  '',
].join('\n');
const ENV_FILE = '# loaded by themisdb\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_ADDR=https://vault.internal:8200\n';
const DEPLOYMENT = [
  'apiVersion: apps/v1', //                           0
  'kind: Deployment', //                              1
  'metadata:', //                                     2
  '  name: themisdb', //                              3
  'spec:', //                                         4
  '  template:', //                                   5
  '    spec:', //                                     6
  '      containers:', //                             7
  '        - name: themisdb', //                      8
  '          image: themisdb/themisdb:1.5.0', //      9
  '          env:', //                               10
  '            - name: THEMIS_PII_STRICT', //        11
  '              value: ', //                        12
  '',
].join('\n');
const UNIT = [
  '[Unit]',
  'Description=ThemisDB',
  '[Service]',
  'ExecStart=/usr/bin/themis_server',
  'EnvironmentFile=/etc/themisdb/themisdb.env',
  'Environment=THEMIS_ENVIRONMENT=production THEMIS_PII_STRICT=',
  '',
].join('\n');
const OTHER_APP = 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      - \n';

describe('LSP: deployment posture and deployment files', () => {
  let client;
  let dir;
  before(async () => {
    dir = writeWorkspace({
      'compose/docker-compose.yml': COMPOSE,
      'compose/themisdb.env': ENV_FILE,
      'k8s/deployment.yaml': DEPLOYMENT,
      'systemd/themisdb.service': UNIT,
      'systemd/themisdb.env': 'THEMIS_TOKEN_ADMIN=\n',
      'other/docker-compose.yml': OTHER_APP,
    });
    client = new LspClient({ rootDir: dir });
    await client.initialize();
  });
  after(() => client.shutdown());

  const at = (uri, line, character) => ({ textDocument: { uri }, position: { line, character } });
  const labels = (list) => (list?.items ?? []).map((i) => i.label);

  it('answers themisdb/posture with every service, masked values and links to the source lines', async () => {
    const res = await client.request('themisdb/posture', {});
    assert.equal(res.services, 4);
    const md = res.markdown;
    assert.match(md, /^## compose themisdb$/m);
    assert.match(md, /^## kubernetes Deployment\/themisdb\/themisdb$/m);
    assert.match(md, /^## systemd themisdb.service$/m);
    assert.ok(!md.includes(TOKEN), 'the admin token is never shown');
    const row = md.split('\n').find((l) => l.includes('`THEMIS_PRODUCTION_MODE=0`'));
    assert.match(
      row,
      /^\| production mode +\| `THEMIS_PRODUCTION_MODE=0` +\| compose\/docker-compose\.yml:7 +\| \*\*risk\*\* +\|$/,
    );
    const sources = md.slice(md.indexOf('<!-- sources:'));
    assert.ok(
      sources.includes(`\ncompose/docker-compose.yml:7 ${fileUri(path.join(dir, 'compose/docker-compose.yml'))}#L7\n`),
      `the source names its target for the editor's links: ${sources}`,
    );
    assert.ok(md.trimEnd().endsWith('-->'));
  });

  it('follows an open buffer: the posture reads the editor text', async () => {
    const uri = client.open(
      path.join(dir, 'compose/docker-compose.yml'),
      COMPOSE.replace('PRODUCTION_MODE=0', 'PRODUCTION_MODE=1'),
    );
    const { markdown } = await client.request('themisdb/posture', {});
    const rows = markdown.split('\n').filter((l) => l.startsWith('| production mode'));
    assert.ok(
      rows.some((l) => /`THEMIS_PRODUCTION_MODE=1` .*\| ok /.test(l)),
      rows.join('\n'),
    );
    client.change(uri, COMPOSE);
  });

  it('completes THEMIS_* names in a compose environment list and in a Kubernetes env item', async () => {
    const uri = client.open(path.join(dir, 'compose/docker-compose.yml'), COMPOSE);
    const list = await client.request('textDocument/completion', at(uri, 8, 19));
    const strict = list.items.find((i) => i.label === 'THEMIS_PII_STRICT');
    assert.ok(strict, 'THEMIS_PII_STRICT offered');
    assert.equal(strict.textEdit.newText, 'THEMIS_PII_STRICT=');
    assert.deepEqual(strict.textEdit.range, { start: { line: 8, character: 8 }, end: { line: 8, character: 19 } });
    assert.ok(labels(list).every((l) => l.startsWith('THEMIS_')));

    const k8s = client.open(path.join(dir, 'k8s/deployment.yaml'), DEPLOYMENT);
    const name = await client.request('textDocument/completion', at(k8s, 11, 30));
    const item = name.items.find((i) => i.label === 'THEMIS_PII_STRICT');
    assert.equal(item.textEdit.newText, 'THEMIS_PII_STRICT', 'a Kubernetes name takes nothing after it');
    assert.deepEqual(item.textEdit.range, { start: { line: 11, character: 20 }, end: { line: 11, character: 37 } });
  });

  it('completes accepted values in the map form, Kubernetes value: and systemd Environment=', async () => {
    const compose = client.open(path.join(dir, 'compose/docker-compose.yml'), COMPOSE);
    const map = await client.request('textDocument/completion', at(compose, 12, 36));
    const one = map.items.find((i) => i.label === '1');
    assert.ok(one, `1 offered for THEMIS_DISABLE_AUTO_DOWNLOAD: ${labels(map)}`);
    assert.equal(one.textEdit.newText, '"1"', 'quoted: compose and Kubernetes want strings');

    const k8s = client.open(path.join(dir, 'k8s/deployment.yaml'), DEPLOYMENT);
    const value = await client.request('textDocument/completion', at(k8s, 12, 21));
    assert.ok(labels(value).includes('1'), `values of THEMIS_PII_STRICT: ${labels(value)}`);

    const unit = client.open(path.join(dir, 'systemd/themisdb.service'), UNIT);
    const line = UNIT.split('\n')[5];
    const sd = await client.request('textDocument/completion', at(unit, 5, line.length));
    assert.ok(labels(sd).includes('1'), `values after THEMIS_PII_STRICT=: ${labels(sd)}`);
    const name = await client.request('textDocument/completion', at(unit, 5, 'Environment=THEMIS_ENV'.length));
    assert.ok(labels(name).includes('THEMIS_ENVIRONMENT'));
  });

  it('offers nothing in another application’s compose file', async () => {
    const uri = client.open(path.join(dir, 'other/docker-compose.yml'), OTHER_APP);
    const list = await client.request('textDocument/completion', at(uri, 4, 8));
    assert.deepEqual(labels(list), []);
  });

  it('hovers a variable set in several places with the catalog docs and the value that wins', async () => {
    const uri = client.open(path.join(dir, 'compose/docker-compose.yml'), COMPOSE);
    const h = await client.request('textDocument/hover', at(uri, 6, 14));
    const md = h.contents.value;
    assert.match(md, /\*\*THEMIS_PRODUCTION_MODE\*\*/);
    assert.match(md, /set in 2 places/);
    assert.match(md, /1\. `1` from `compose\/themisdb\.env:2` \(env_file\)/);
    assert.match(md, /2\. `0` from `compose\/docker-compose\.yml:7` \(environment:\) — \*\*wins\*\*/);
    const token = await client.request('textDocument/hover', at(uri, 7, 14));
    assert.ok(!token.contents.value.includes(TOKEN), 'the token is masked in the hover');
  });

  it('hovers a value with the headline of the finding on its line and what the value means, as in .env files', async () => {
    const uri = client.open(path.join(dir, 'compose/docker-compose.yml'), COMPOSE);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'ENV001'));
    const md = (await client.request('textDocument/hover', at(uri, 6, 32))).contents.value;
    assert.match(md, /^\*\*\[ENV001\]\([^)]+\)\*\* production-mode-off: /, 'the rule headline comes first');
    assert.match(md, /`0`/, 'what the value set here means');
    assert.match(md, /`environment:` over `env_file:`/, 'which source wins, in words');
    assert.ok(md.indexOf('**wins**') < md.indexOf('**THEMIS_PRODUCTION_MODE**'), 'the catalog docs come last');

    const unit = client.open(path.join(dir, 'systemd/themisdb.service'), UNIT);
    const sd = (await client.request('textDocument/hover', at(unit, 5, 14))).contents.value;
    assert.match(sd, /systemd service `themisdb.service`/);
  });

  it('hovers a finding where nothing else has a hover (a published port, an image) with its rule headline', async () => {
    const compose = [
      'services:',
      '  themisdb:',
      '    image: themisdb/themisdb:latest', // 2
      '    ports:', //                          3
      '      - "8765:8765"', //                 4
      '    environment:',
      '      THEMIS_PRODUCTION_MODE: "1"',
      '',
    ].join('\n');
    const uri = client.open(path.join(dir, 'published/docker-compose.yml'), compose);
    const p = await client.waitForDiagnostics(uri, (d) =>
      ['DEP004', 'DEP006'].every((c) => d.diagnostics.some((x) => x.code === c)),
    );
    const port = p.diagnostics.find((d) => d.code === 'DEP004');
    const h = await client.request('textDocument/hover', at(uri, 4, 12));
    assert.match(h.contents.value, /^\*\*\[DEP004\]\([^)]+DEP004\.md\)\*\* published-port-all-interfaces: \S/);
    assert.deepEqual(h.range, port.range, 'the hover is about the finding under the cursor');
    const image = await client.request('textDocument/hover', at(uri, 2, 30));
    assert.match(image.contents.value, /^\*\*\[DEP006\]\([^)]+\)\*\* image-unpinned: /);
    assert.ok(!image.contents.value.includes('DEP004'), 'only the findings under the cursor');
    assert.equal(await client.request('textDocument/hover', at(uri, 3, 6)), null, 'no finding, no hover');
  });

  it('says once, with the value, that the server does not read a compose-only variable', async () => {
    const compose = [
      'services:',
      '  themisdb:',
      '    image: themisdb/themisdb:1.5.0',
      '    environment:',
      '      THEMIS_HOST: 0.0.0.0',
      '',
    ].join('\n');
    const uri = client.open(path.join(dir, 'compose-only/docker-compose.yml'), compose);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'ENV015'));
    const md = (await client.request('textDocument/hover', at(uri, 4, 8))).contents.value;
    assert.equal(md.split('Not read by the server').length - 1, 1, md);
    assert.ok(md.indexOf('Not read by the server') < md.indexOf('runs with'), 'before what the service runs with');
    assert.match(md, /\*\*THEMIS_HOST\*\*/, 'the catalog docs still follow');
  });

  it('hovers a variable read from a Secret outside the workspace with why its value is not known', async () => {
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: themisdb-secrets',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: themisdb',
      '          image: themisdb/themisdb:1.5.0',
      '          env:',
      '            - name: THEMIS_TOKEN_ADMIN', // 11
      '              valueFrom:',
      '                secretKeyRef:',
      '                  name: themisdb-admin',
      '                  key: token',
      '',
    ].join('\n');
    const uri = client.open(path.join(dir, 'k8s/secret-ref.yaml'), manifest);
    const md = (await client.request('textDocument/hover', at(uri, 11, 22))).contents.value;
    // why first, once; then what the service runs with and from where
    assert.match(md, /^Not known here: Secret themisdb-admin is not in the workspace\./);
    assert.match(md, /runs with a value not known here from `k8s\/secret-ref\.yaml:14` \(secretKeyRef\)/);
    assert.doesNotMatch(md, /`unknown`/);
  });

  it('goes from env_file: to the file and from a variable to every place that sets it', async () => {
    const uri = client.open(path.join(dir, 'compose/docker-compose.yml'), COMPOSE);
    const file = await client.request('textDocument/definition', at(uri, 4, 12));
    assert.equal(file[0].uri, fileUri(path.join(dir, 'compose/themisdb.env')));
    const places = await client.request('textDocument/definition', at(uri, 6, 14));
    assert.deepEqual(
      places.map((l) => `${path.relative(dir, new URL(l.uri).pathname)}:${l.range.start.line}`),
      ['compose/themisdb.env:1', 'compose/docker-compose.yml:6'],
    );
    const refs = await client.request('textDocument/references', { ...at(uri, 6, 14), context: { includeDeclaration: true } });
    assert.equal(refs.length, 2);

    const unit = client.open(path.join(dir, 'systemd/themisdb.service'), UNIT);
    const envFile = await client.request('textDocument/definition', at(unit, 4, 22));
    assert.equal(envFile[0].uri, fileUri(path.join(dir, 'systemd/themisdb.env')));
  });
});

describe('LSP: services past the read budget', () => {
  // 40 services loading one 2,000-line .env ask for 80,000 values: the first 25 are read (50,000)
  const services = Array.from({ length: 40 }, (_, i) => `  themis${i}:\n    image: themisdb/themisdb:1\n    env_file: prod.env`);
  let client;
  let dir;
  before(async () => {
    dir = writeWorkspace({
      'docker-compose.yml': `services:\n${services.join('\n')}\n`,
      'prod.env': Array.from({ length: 2000 }, (_, i) => `THEMIS_SETTING_${i}=${i}`).join('\n') + '\n',
    });
    client = new LspClient({ rootDir: dir });
    await client.initialize();
  });
  after(() => client.shutdown());

  it('the posture view leaves them out and names them; the compose file says so in a LIMIT diagnostic', async () => {
    const res = await client.request('themisdb/posture', {});
    assert.equal(res.services, 25);
    assert.match(res.markdown, /^\*\*15 ThemisDB services \(themis25, themis26, themis27, …\) are not shown: .*50,000 values/m);
    const uri = client.open(path.join(dir, 'docker-compose.yml'), fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8'));
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const limit = diagnostics.filter((d) => d.code === 'LIMIT');
    assert.equal(limit.length, 1);
    assert.match(limit[0].message, /^15 ThemisDB services .* defined in or loading this file were not checked/);
  });
});
