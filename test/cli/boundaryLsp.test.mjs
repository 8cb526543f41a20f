// The workspace boundary through the real language server: a .env linked outside the
// workspace is not read (no value of it in hover or diagnostics), the link gets a notice,
// and SEC001 does not offer to move a secret into it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeWorkspace } from '../helpers/engine.mjs';
import { fileUri, LspClient } from '../helpers/lspClient.mjs';
import { tempDir } from '../helpers/tempDir.mjs';

const OUTSIDE_VALUE = 'Q2lTZWNyZXRGcm9tT3V0c2lkZTEyMzQ1Njc4';
const CONFIG =
  'storage:\n  rocksdb_path: ./data/rocksdb\nserver:\n  port: ${FIRST_VAR}\nsecurity:\n  admin_password: "V3ry-Str0ng-Passw0rd-2024"\n';

describe('LSP: the workspace boundary', () => {
  let client;
  let dir;
  let out;
  before(async () => {
    out = tempDir('themisdb-outside-');
    fs.writeFileSync(path.join(out, 'credentials'), `FIRST_VAR=${OUTSIDE_VALUE}\n`);
    dir = writeWorkspace({ 'config/config.yaml': CONFIG });
    fs.symlinkSync(path.join(out, 'credentials'), path.join(dir, 'config/.env'));
    client = new LspClient({ rootDir: dir, settings: { profile: 'production', rules: {} } });
    await client.initialize();
  });
  after(() => client.shutdown());

  it('does not read the linked .env, and puts a notice on the link', async () => {
    const uri = client.open(path.join(dir, 'config/config.yaml'), CONFIG);
    const diags = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.doesNotMatch(JSON.stringify(diags), /Q2lT/);
    const notice = await client.waitForDiagnostics(fileUri(path.join(dir, 'config/.env')));
    assert.deepEqual(
      notice.diagnostics.map((d) => [d.code, d.severity]),
      [['themisdb-boundary', 1]],
    );
    assert.match(notice.diagnostics[0].message, /outside the workspace: it was not read/);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 12 } });
    assert.match(hover.contents.value, /not defined in any \.env file/);
    assert.doesNotMatch(JSON.stringify(hover), /Q2lT/);
  });

  it('offers no move of a secret into the linked .env', async () => {
    const uri = fileUri(path.join(dir, 'config/config.yaml'));
    const diags = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'SEC001'));
    const sec = diags.diagnostics.filter((d) => d.code === 'SEC001');
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: sec[0].range,
      context: { diagnostics: sec },
    });
    assert.deepEqual(
      actions.filter((a) => /^Move /.test(a.title)),
      [],
    );
    assert.ok(actions.length > 0, 'the suppression actions are still there');
  });
});
