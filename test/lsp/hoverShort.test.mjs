// The hover of a value is one short block on ThemisDB's own files (test/fixtures/real, under
// their real paths): the finding's first sentence linked to its rule page, what the
// value means, the fix, one line about the key; it fits VS Code's default hover (about 500 px
// wide, a dozen lines) without scrolling.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import { LspClient } from '../helpers/lspClient.mjs';

const REAL = path.join(repoRoot, 'test/fixtures/real');
/** Workspace path -> fixture (by commit where the repository has several versions). */
const FILES = {
  'config/security.yaml': 'config/security.yaml',
  'config/config.yaml': '63cde823/config/config.yaml',
  'deploy/systemd/themisdb.env.example': 'deploy/systemd/themisdb.env.example',
  'docker/.env.example': 'docker/.env.example',
};

/** Rendered lines of hover Markdown at about 70 characters a line (500 px): link targets and markup do not show. */
function renderedLines(markdown) {
  return markdown
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .replace(/\]\([^)]*\)/g, ']')
        .replace(/[*_`[\]]/g, '')
        .trim(),
    )
    .filter(Boolean)
    .reduce((n, p) => n + (p === '---' ? 1 : p.split('\n').reduce((m, l) => m + Math.max(1, Math.ceil(l.length / 70)), 0)), 0);
}

const MAX_LINES = 10;
const hoverText = (h) => (h ? h.contents.value : '');

describe('LSP: the hover of a value is short, on real files', () => {
  let client;
  let dir;
  const texts = {};
  before(async () => {
    for (const [real, fixture] of Object.entries(FILES)) texts[real] = fs.readFileSync(path.join(REAL, fixture), 'utf8');
    texts['config/.env'] = fs.readFileSync(path.join(repoRoot, 'examples/insecure/.env'), 'utf8');
    dir = writeWorkspace(texts);
    client = new LspClient({ rootDir: dir });
    await client.initialize();
  });
  after(() => client.shutdown());

  /**
   * Opens `file`, waits for its findings (those with the rule `expect` when given) and hovers
   * inside the first match of `pattern`, `into` characters in.
   */
  async function hoverOn(file, pattern, into, expect) {
    const lines = texts[file].split('\n');
    const line = lines.findIndex((l) => pattern.test(l));
    assert.ok(line >= 0, `${pattern} in ${file}`);
    const uri = client.open(path.join(dir, file), texts[file], /\.ya?ml$/.test(file) ? 'yaml' : 'dotenv');
    const ready = (p) => !expect || p.diagnostics.some((d) => d.code === expect);
    const diagnostics = (await client.waitForDiagnostics(uri, ready, 30000)).diagnostics;
    const character = lines[line].search(pattern) + into;
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    return { text: hoverText(h), on: diagnostics.filter((d) => d.range.start.line === line) };
  }

  const short = (text) => assert.ok(renderedLines(text) <= MAX_LINES, `${renderedLines(text)} lines:\n${text}`);

  it('a flagged value (hsm.provider: stub): the finding, what stub means, the fix', async () => {
    const { text, on } = await hoverOn('config/security.yaml', /provider: stub/, 11, 'KMS001');
    const kms = on.find((d) => d.code === 'KMS001');
    assert.ok(kms, 'KMS001 on the line');
    const first = /^[^]*?[.!?](?=\s|$)/.exec(kms.message)[0];
    assert.ok(text.startsWith(`⚠️ **[KMS001](${kms.codeDescription.href})** ${first}`), text);
    assert.match(text, /\*\*hsm\.provider\*\* = `stub`: Software simulation/);
    assert.match(text, /\*\*Fix:\*\* set `pkcs11`\./);
    assert.doesNotMatch(text, /Accepted values|Default:|Unsafe default/, 'the key documentation stays on the key');
    short(text);
  });

  it('a value of a key the server does not read (server.enable_tls: false): one story, what works instead', async () => {
    const { text } = await hoverOn('config/config.yaml', /enable_tls: false/, 14, 'TLS001');
    assert.match(text, /TLS001/);
    assert.match(text, /The server does not read this key.*`themis_server`\. Terminate TLS in a proxy/);
    assert.doesNotMatch(text, /Set instead|Recommended/, 'no value to set on a key that has no effect');
    short(text);
  });

  it('.env values: a flagged one, a compose-only one and an empty secret', async () => {
    const stub = await hoverOn('config/.env', /^THEMIS_ALLOW_HSM_STUB=/, 'THEMIS_ALLOW_HSM_STUB='.length, 'ENV003');
    const env003 = stub.on.find((d) => d.code === 'ENV003');
    assert.ok(stub.text.startsWith(`⚠️ **[ENV003](${env003.codeDescription.href})**`), stub.text);
    assert.match(stub.text, /\*\*THEMIS_ALLOW_HSM_STUB\*\* = `1`/);
    short(stub.text);
    const log = await hoverOn('docker/.env.example', /^THEMIS_LOG_LEVEL=/, 'THEMIS_LOG_LEVEL='.length);
    assert.match(log.text, /Not read by the server/);
    assert.match(log.text, /Hover the name for its full documentation/);
    short(log.text);
    const token = await hoverOn('deploy/systemd/themisdb.env.example', /^THEMIS_TOKEN_ADMIN=/, 'THEMIS_TOKEN_ADMIN='.length);
    assert.match(token.text, /^\*\*THEMIS_TOKEN_ADMIN\*\*\n\nThe secret is empty here\./);
    assert.doesNotMatch(token.text, /ENV001|ENV009/, 'file-wide findings do not lead the hover of one value');
    short(token.text);
  });

  it('the key keeps its full documentation', async () => {
    const { text } = await hoverOn('config/security.yaml', /provider: stub/, 3);
    assert.match(text, /Accepted values: `stub`, `pkcs11`/);
  });
});
