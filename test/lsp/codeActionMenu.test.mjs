// The quick-fix menu of one line stays short (issue 11): one disable entry per line and
// one for the file however many rules report there, no fix twice, measured over LSP on
// the real systemd env template (test/fixtures/real/deploy/systemd/themisdb.env.example) and a busy .env line.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import { applyLspEdits, LspClient } from '../helpers/lspClient.mjs';

const MENU_MAX = 6;
const TEMPLATE = 'deploy/systemd/themisdb.env.example';
const DROP_IN = 'deploy/systemd/themisdb.service.d/production.conf';
const real = (rel) => fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'real', rel), 'utf8');

/** The code actions the server returns for every diagnostic on a line, as the lightbulb asks. */
async function menuOf(client, uri, line, lineText) {
  const { diagnostics } = client.diagnostics.get(uri);
  const onLine = diagnostics.filter((d) => d.range.start.line <= line && d.range.end.line >= line);
  const range = { start: { line, character: 0 }, end: { line, character: lineText.length } };
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics: onLine },
  });
  return { onLine, actions };
}

describe('LSP: the quick-fix menu of one line stays short', () => {
  for (const withDropIn of [false, true]) {
    it(`on every line of the real ${TEMPLATE}${withDropIn ? ' next to its drop-in' : ' alone'}`, async () => {
      const text = real(TEMPLATE);
      const files = { [TEMPLATE]: text };
      if (withDropIn) files[DROP_IN] = real(DROP_IN);
      const dir = writeWorkspace(files);
      const client = new LspClient({ rootDir: dir, settings: { profile: 'production', rules: {} } });
      try {
        await client.initialize();
        const uri = client.open(path.join(dir, TEMPLATE), text);
        await client.waitForDiagnostics(uri, () => true, 15000);
        const lines = text.split('\n');
        // the template's first entry (THEMIS_TOKEN_ADMIN=, line 21) drew 18 entries before: five "missing" findings
        const { onLine, actions } = await menuOf(client, uri, 20, lines[20]);
        assert.deepEqual(
          onLine.map((d) => d.code),
          [],
          'a template is not judged for what it lacks',
        );
        assert.ok(actions.length <= MENU_MAX, actions.map((a) => a.title).join('\n'));
        for (let l = 0; l < lines.length; l++) {
          const menu = await menuOf(client, uri, l, lines[l]);
          assert.ok(menu.actions.length <= MENU_MAX, `line ${l + 1}: ${menu.actions.map((a) => a.title).join(' | ')}`);
        }
      } finally {
        await client.shutdown();
      }
    });
  }
});

describe('LSP: a line with six findings', () => {
  const TEXT = '# staging box\nTHEMIS_ENVIRONMENT=staging\n';
  let client;
  let uri;
  let menu;
  before(async () => {
    const dir = writeWorkspace({ '.env': TEXT });
    client = new LspClient({ rootDir: dir, settings: { profile: 'production', rules: {} } });
    await client.initialize();
    uri = client.open(path.join(dir, '.env'), TEXT);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 15000);
    menu = await menuOf(client, uri, 1, 'THEMIS_ENVIRONMENT=staging');
  });
  after(() => client.shutdown());

  it('offers each fix once, then one disable for the line and one for the file', () => {
    const rules = menu.onLine.map((d) => d.code);
    assert.ok(rules.length >= 5, rules.join(','));
    const titles = menu.actions.map((a) => a.title);
    assert.ok(titles.length <= MENU_MAX, titles.join('\n'));
    assert.equal(new Set(titles).size, titles.length, 'no entry twice');
    assert.deepEqual(
      titles.filter((t) => t.startsWith('Disable')),
      [`Disable ${rules.join(', ')} for this line`, `Disable ${rules.join(', ')} for this file`],
    );
    assert.ok(titles.includes('Add THEMIS_PRODUCTION_MODE=1'), titles.join('\n'));
  });

  it('the shared directive silences every rule of the line', async () => {
    const action = menu.actions.find((a) => / for this line$/.test(a.title));
    const fixed = applyLspEdits(TEXT, action.edit.changes[uri]).replace('<reason>', 'staging box');
    const dir = writeWorkspace({ '.env': fixed });
    const ws = new engine.Workspace(engine.nodeHost, [dir]);
    const findings = engine.analyze(ws.file(path.join(dir, '.env')), ws, { profile: 'production' }).findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId !== 'SUP001').map((f) => f.ruleId),
      [],
    );
  });
});
