// The secret sweep (issue 13, "Secrets that leave"): secrets of every shape are planted in
// a workspace, under names that say "secret" and under names that do not; every LSP channel
// (diagnostics, hover, completion, outline, code action titles, logs) and every CLI format
// (text, json, sarif, --fix-dry-run) is searched for any 5-character piece of them. Only
// the edit that moves a secret into .env may hold one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import { LspClient } from '../helpers/lspClient.mjs';

const ADMIN_TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV4cXV1eHF1dXo=';
const URL_PASSWORD = 'Pw9xK2mQ7vLr4Tz';
const AKIA = 'AKIAJ7Q2ZK4MXW9PLRTV';
const PEM_BODY = ['MIIEowIBAAKCAQEA7bq9Xk2LwP4mQzR8sT1vY6nH3jF0cU5eWgD', 'k8Zr2Tq9Lm4Xs7Vb1Nc6Yh3Jf0Ke5Wg8Pd2Ua7Ri4Ox9Qt1My6'];
const SUBSTITUTED = 'Rk7Tq2Wz9Lp4Xm8Vn3Bc6Yh1Jd5';
const PASSPHRASE_WORD = 'wordQx7Lk2Mz';
const GH_TOKEN = 'ghp_R8mK2xQ7vLz4Tn9Wp3Yc6Hd1Jf5Gb0Sa2Ue8';
const LITERAL = 'Vq8-Hr2-Xk9-Tm4-Lz7-Wn3';

const SECRETS = [ADMIN_TOKEN, URL_PASSWORD, AKIA, ...PEM_BODY, SUBSTITUTED, PASSPHRASE_WORD, GH_TOKEN, LITERAL];

const ENV = [
  'THEMIS_PRODUCTION_MODE=1',
  `THEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}`,
  `DATABASE_URL=postgres://themis:${URL_PASSWORD}@db.internal:5432/themis`,
  `AWS_KEY_ID=${AKIA}`,
  `TLS_KEY="-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY[0]}\n${PEM_BODY[1]}\n-----END RSA PRIVATE KEY-----"`,
  `FIRST_VAR=${SUBSTITUTED}`,
  `MODE_VAR=${SUBSTITUTED}`,
  `THEMIS_HSM_PIN="ab$${PASSPHRASE_WORD}"`,
  `GH=${GH_TOKEN}`,
  'THEMIS_CORS_ALLOW_ALL=1',
  'X=${',
  '',
].join('\n');

const CONFIG = [
  'storage:',
  '  rocksdb_path: ./data/rocksdb',
  'server:',
  '  port: ${FIRST_VAR}',
  '  host: "${AWS_KEY_ID}"',
  'network:',
  '  tls:',
  '    enabled: true',
  '    min_version: ${MODE_VAR}',
  '    key_file: ${TLS_KEY}',
  'security:',
  `  admin_password: "${LITERAL}"`,
  '  url: ${DATABASE_URL}',
  `  passphrase: "x$${PASSPHRASE_WORD}"`,
  '  other: ${',
  '',
].join('\n');

/** Every 5-character piece of a planted secret found in `text`. */
function leaks(text) {
  const found = new Set();
  for (const s of SECRETS)
    for (let i = 0; i + 5 <= s.length; i++) if (text.includes(s.slice(i, i + 5))) found.add(s.slice(i, i + 5));
  return [...found];
}

function assertNoLeak(channel, value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  assert.deepEqual(leaks(text), [], `${channel} shows a secret: ${text.slice(0, 2000)}`);
}

const positions = (text) =>
  text.split('\n').flatMap((line, l) => Array.from({ length: line.length + 1 }, (_, c) => ({ line: l, character: c })));

describe('secret sweep', () => {
  let dir;
  before(() => {
    dir = writeWorkspace({ 'config/config.yaml': CONFIG, 'config/.env': ENV });
  });

  describe('LSP', () => {
    let client;
    const logs = [];
    before(async () => {
      client = new LspClient({ rootDir: dir, settings: { profile: 'production', rules: {} } });
      client.conn.onNotification('window/logMessage', (p) => logs.push(p.message));
      client.conn.onNotification('window/showMessage', (p) => logs.push(p.message));
      await client.initialize();
    });
    after(() => client.shutdown());

    for (const [rel, text] of [
      ['config/config.yaml', CONFIG],
      ['config/.env', ENV],
    ]) {
      it(`${rel}: diagnostics, hover, completion, outline and code actions hold no secret`, async () => {
        const uri = client.open(path.join(dir, rel), text);
        const diags = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
        assertNoLeak(
          'diagnostics',
          diags.diagnostics.map((d) => d.message),
        );
        for (const position of positions(text)) {
          const h = await client.request('textDocument/hover', { textDocument: { uri }, position });
          if (h) assertNoLeak(`hover at ${position.line}:${position.character}`, h.contents);
          const c = await client.request('textDocument/completion', { textDocument: { uri }, position });
          const items = Array.isArray(c) ? c : (c?.items ?? []);
          assertNoLeak(
            `completion at ${position.line}:${position.character}`,
            items.map((i) => [i.label, i.detail, i.documentation]),
          );
        }
        if (rel.endsWith('.env'))
          assertNoLeak('outline', await client.request('textDocument/documentSymbol', { textDocument: { uri } }));
        const end = { line: text.split('\n').length, character: 0 };
        const actions = await client.request('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end },
          context: { diagnostics: diags.diagnostics },
        });
        assertNoLeak(
          'code action titles',
          actions.map((a) => a.title),
        );
        // only the edit that moves a secret into .env carries one; fix-all sends the changed spans only
        const fixAll = await client.request('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end },
          context: { diagnostics: diags.diagnostics, only: ['source.fixAll.themisdb'] },
        });
        for (const a of [...actions, ...fixAll].filter((x) => !/^Move /.test(x.title)))
          assertNoLeak(`edit of "${a.title}"`, a.edit ?? null);
      });
    }

    it('logs hold no secret', () => {
      assertNoLeak('logs', logs.join('\n') + client.stderr);
    });
  });

  describe('CLI', () => {
    const run = (args) =>
      spawnSync(process.execPath, [path.join(repoRoot, 'server/out/cli.js'), '--profile', 'production', ...args, 'config'], {
        cwd: dir,
        encoding: 'utf8',
      });
    for (const args of [['--format', 'text'], ['--format', 'json'], ['--format', 'sarif'], ['--fix-dry-run']]) {
      it(`${args.join(' ')} holds no secret`, () => {
        const r = run(args);
        assert.ok(r.stdout.length > 0, r.stderr);
        assertNoLeak(args.join(' '), r.stdout + r.stderr);
      });
    }
  });
});
