import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
          message:
            /^themisdb\.env holds 4 secrets but no \.gitignore excludes it\. One `git add \.` publishes BACKUP_KEY_ID, THEMIS_HSM_PIN, THEMIS_VAULT_TOKEN and 1 more\./,
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

// SEC006 must agree with git itself: each pattern alone in a .gitignore of a real
// repository, over env files whose names exercise it; git check-ignore is the judge.
const PATTERNS = [
  '.env',
  '*.env',
  '/.env*',
  '.env*\n!.env',
  'deploy/',
  'deploy/**',
  'deploy/**/.env',
  '**/prod/.env',
  '**/.env',
  'a/**/b/*.env',
  '[[:alpha:]]*.env',
  '[[:digit:]].env',
  '[[:upper:]]*.env',
  '[!a]*.env',
  '[^a]*.env',
  '[a-c].env',
  '[z-a].env',
  '[].env',
  '\\!x.env',
  '\\#x.env',
  '#x.env',
  '.env   ',
  '.env\\ ',
  'x.env\\ \\ ',
  '?.env',
  '*',
  '*\n!*.env',
  'deploy\n!deploy/.env',
  'deploy/*\n!deploy/.env',
  'prod/',
  '/prod/.env',
  'deploy/prod',
  '*a*a*a*a*a*a*a*a*a*ab',
  ' '.repeat(2000),
  'A.env',
  '.ENV',
];
const PATHS = [
  '.env',
  'x.env',
  '!x.env',
  '#x.env',
  'A.env',
  'b.env',
  '1.env',
  '.env.local',
  'deploy/.env',
  'deploy/prod/.env',
  'prod/.env',
  'a/b/x.env',
  'a/c/b/x.env',
  'aaaaaaaaaaaaaaaaaaaaaab.env',
];

function gitIgnored(dir, paths) {
  const out = spawnSync('git', ['check-ignore', '--no-index', '--stdin', '-z'], {
    cwd: dir,
    input: paths.join('\0'),
    encoding: 'utf8',
  });
  if (out.status !== 0 && out.status !== 1) throw new Error(`git check-ignore failed: ${out.stderr}`);
  return new Set(out.stdout.split('\0').filter(Boolean));
}

describe('SEC006 matches .gitignore as git does', () => {
  const hasGit = spawnSync('git', ['--version']).status === 0;
  it('agrees with git check-ignore on every pattern tried', { skip: !hasGit && 'git is not installed' }, () => {
    const wrong = [];
    for (const pattern of PATTERNS) {
      const files = { '.gitignore': `${pattern}\n` };
      for (const p of PATHS) files[p] = env;
      const dir = writeWorkspace(files);
      spawnSync('git', ['init', '-q'], { cwd: dir });
      const ignoredByGit = gitIgnored(dir, PATHS);
      for (const p of PATHS) {
        const ours = !analyzeFile(dir, p).analysis.findings.some((f) => f.ruleId === 'SEC006');
        if (ours !== ignoredByGit.has(p))
          wrong.push(`${JSON.stringify(pattern)} on ${p}: git ${ignoredByGit.has(p)}, ours ${ours}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('a backtracking-shaped pattern beside a long file name is answered at once', () => {
    const name = `${'a'.repeat(200)}.env`;
    const dir = writeWorkspace({ '.gitignore': '*a*a*a*a*a*a*a*a*a*ab\n', [name]: env, '.env': env });
    fs.writeFileSync(path.join(dir, '.gitignore'), `*a*a*a*a*a*a*a*a*a*ab\n${' '.repeat(120000)}\n`);
    const t0 = performance.now();
    const { analysis } = analyzeFile(dir, name);
    assert.ok(performance.now() - t0 < 2000);
    assert.ok(analysis.findings.some((f) => f.ruleId === 'SEC006'));
  });
});
