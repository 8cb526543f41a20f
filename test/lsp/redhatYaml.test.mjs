// Coexistence with the Red Hat YAML extension: yaml-language-server itself, given
// every schema this extension contributes (package.json yamlValidation), reports no
// type error on `${VAR}` values of ThemisDB files, and does use our schema for the
// one file it is meant for (.themisdb-lint.yaml).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { repoRoot, writeWorkspace } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const serverBin = require.resolve('yaml-language-server/bin/yaml-language-server');

/** `yaml.schemas` as the Red Hat extension builds it from our yamlValidation contributions. */
function contributedSchemas() {
  const schemas = {};
  for (const { url, fileMatch } of pkg.contributes.yamlValidation ?? []) {
    schemas[pathToFileURL(path.join(repoRoot, url)).href] = [].concat(fileMatch).map((m) => (m.includes('/') ? m : `**/${m}`));
  }
  return schemas;
}

async function diagnosticsOf(files) {
  const dir = writeWorkspace(files);
  const proc = spawn(process.execPath, [serverBin, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const got = new Map();
  const settings = { yaml: { validate: true, schemas: contributedSchemas(), schemaStore: { enable: false } } };
  conn.onRequest('workspace/configuration', (p) => p.items.map((i) => settings[i.section] ?? settings.yaml));
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('textDocument/publishDiagnostics', (p) => got.set(p.uri, p.diagnostics));
  conn.onError(() => {});
  conn.listen();
  try {
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: { workspace: { configuration: true } },
    });
    conn.sendNotification('initialized', {});
    conn.sendNotification('workspace/didChangeConfiguration', { settings });
    const uris = Object.keys(files).map((rel) => pathToFileURL(path.join(dir, rel)).href);
    Object.entries(files).forEach(([, text], i) =>
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uris[i], languageId: 'yaml', version: 1, text } }),
    );
    for (let waited = 0; uris.some((u) => !got.has(u)) && waited < 15000; waited += 100)
      await new Promise((r) => setTimeout(r, 100));
    return Object.fromEntries(Object.keys(files).map((rel, i) => [rel, got.get(uris[i])]));
  } finally {
    conn.dispose();
    proc.kill();
  }
}

describe('Red Hat YAML (yaml-language-server) with what this extension contributes', () => {
  it('reports nothing on ${VAR} values of ThemisDB files, and validates .themisdb-lint.yaml with our schema', async () => {
    const d = await diagnosticsOf({
      'config/core/config.yaml': 'server:\n  port: ${THEMIS_PORT}\n  enable_tls: ${TLS_ON}\nstorage:\n  rocksdb_path: ${DATA}\n',
      'config/editions/enterprise.yaml': 'security:\n  enable_tls: ${TLS}\n  tls_min_version: ${TLS_MIN}\n',
      'mig.yaml': 'mig:\n  enabled: ${MIG_ON}\n',
      '.themisdb-lint.yaml': 'profile: sometimes\n',
    });
    for (const f of ['config/core/config.yaml', 'config/editions/enterprise.yaml', 'mig.yaml']) {
      assert.deepEqual(
        (d[f] ?? []).map((x) => x.message),
        [],
        `${f}: no diagnostics from yaml-language-server`,
      );
    }
    assert.ok(d['.themisdb-lint.yaml'], 'yaml-language-server answered for the settings file');
    assert.ok(
      d['.themisdb-lint.yaml'].some((x) => /auto|production|development|allowed/i.test(x.message)),
      JSON.stringify(d['.themisdb-lint.yaml']),
    );
  });
});
