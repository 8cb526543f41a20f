import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile, writeWorkspace } from '../helpers/engine.mjs';
import { ruleTester } from '../helpers/ruleTester.mjs';

const TOKEN = 'Zx8kq3Jd9LmP2vQw7RtY5uI1oA4sD6fG8hJ0kL2zX4c=';
const env = `# ThemisDB production\nTHEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=${TOKEN}\nTHEMIS_HSM_PIN=83920174\n`;

ruleTester('SEC006', {
  valid: [
    { name: '.env listed in .gitignore', files: { '.env': env, '.gitignore': 'node_modules/\n.env\n' } },
    { name: '*.env pattern covers themisdb.env', files: { 'deploy/themisdb.env': env, '.gitignore': '*.env\n' } },
    { name: 'anchored /.env*', files: { '.env.production': env, '.gitignore': '/.env*\n' } },
    {
      name: 'ignored parent folder cannot be re-included',
      files: { 'secrets/.env': env, '.gitignore': 'secrets/\n!secrets/.env\n' },
    },
    { name: 'a template is meant to be committed', files: { '.env.example': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=\n' } },
    {
      name: 'no secret values in it',
      files: {
        '.env':
          'THEMIS_PRODUCTION_MODE=1\nTHEMIS_ENVIRONMENT=production\nTHEMIS_TOKEN_ADMIN=\nTHEMIS_VAULT_TOKEN=${VAULT_TOKEN}\n',
      },
    },
    { name: '.gitignore in the .env folder', files: { 'config/.env': env, 'config/.gitignore': '.env\n' } },
  ],
  invalid: [
    {
      name: 'no .gitignore at all: create one',
      files: { '.env': env },
      errors: [
        {
          messageId: 'notIgnored',
          line: 3,
          column: 1,
          endColumn: 19,
          severity: 'warning',
          message: /THEMIS_TOKEN_ADMIN, THEMIS_HSM_PIN/,
          suggestions: [{ title: 'Add .env to a new .gitignore', output: env, outputs: { '.gitignore': '.env\n' } }],
        },
      ],
    },
    {
      name: '.gitignore without the file: append (no final newline)',
      files: { '.env': env, '.gitignore': 'node_modules/\n*.log' },
      errors: [
        {
          messageId: 'notIgnored',
          line: 3,
          suggestions: [{ title: 'Add .env to .gitignore', outputs: { '.gitignore': 'node_modules/\n*.log\n.env\n' } }],
        },
      ],
    },
    {
      name: 'a later negation re-includes it',
      files: { '.env': env, '.gitignore': '.env*\n!.env\n' },
      errors: [
        {
          messageId: 'notIgnored',
          line: 3,
          suggestions: [{ title: 'Add .env to .gitignore', outputs: { '.gitignore': '.env*\n!.env\n.env\n' } }],
        },
      ],
    },
    {
      name: '.env in a subfolder: path relative to the root .gitignore',
      files: {
        'deploy/prod/.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_SHARED_SECRET=4f9c2a7e1b8d3f6a0c5e9b2d7a4f1c8e\n',
        '.gitignore': 'dist/\n',
      },
      errors: [
        {
          messageId: 'notIgnored',
          line: 2,
          column: 1,
          suggestions: [{ title: 'Add deploy/prod/.env to .gitignore', outputs: { '.gitignore': 'dist/\ndeploy/prod/.env\n' } }],
        },
      ],
    },
    {
      name: 'a known credential format under any name; more than three secrets are counted',
      files: {
        'themisdb.env':
          'THEMIS_PRODUCTION_MODE=1\nBACKUP_KEY_ID=AKIAQ3EGUXBR7NWZK5TD\nTHEMIS_HSM_PIN=83920174\nTHEMIS_VAULT_TOKEN=hvs.CAESIJ7kq9sdfk3jsdfKJH2x\nTHEMIS_WAL_SHARED_SECRET=4f9c2a7e1b8d3f6a0c5e9b2d7a4f1c8e\n',
        '.gitignore': '.env\n',
      },
      errors: [
        {
          messageId: 'notIgnored',
          line: 2,
          message: /\(BACKUP_KEY_ID, THEMIS_HSM_PIN, THEMIS_VAULT_TOKEN and 1 more\)/,
          suggestions: [{ title: 'Add themisdb.env to .gitignore', outputs: { '.gitignore': '.env\nthemisdb.env\n' } }],
        },
      ],
    },
    {
      name: 'not production-only: a warning under development too',
      profile: 'development',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_HSM_PIN=83920174\n' },
      errors: [
        { messageId: 'notIgnored', line: 2, severity: 'warning', suggestions: [{ title: 'Add .env to a new .gitignore' }] },
      ],
    },
  ],
});

describe('SEC006 fix details', () => {
  it('the suggestion reminds that .gitignore does not untrack a committed file', () => {
    const dir = writeWorkspace({ '.env': env });
    const { analysis } = analyzeFile(dir, '.env');
    const [hit] = analysis.findings.filter((f) => f.ruleId === 'SEC006');
    assert.match(hit.fixes[0].note, /git rm --cached \.env/);
    assert.equal(hit.fixes[0].changes.length, 1);
    assert.equal(hit.fixes[0].changes[0].create, true);
    assert.ok(!hit.message.includes(TOKEN.slice(0, 8)));
  });
});
