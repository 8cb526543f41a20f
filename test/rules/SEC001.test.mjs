import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleTester } from '../helpers/ruleTester.mjs';
import { analyzeFile, engine, repoRoot, writeWorkspace } from '../helpers/engine.mjs';

const HEC = '9f86d081884c7d659a2feaa0c55ad015';
const seedAudit = (v) =>
  `# ThemisDB audit logging\nlogging:\n  audit:\n    enabled: true\n    splunk:\n      url: https://splunk.example.com:8088\n      hec_token: ${v}   # from the Splunk admin\n`;

const move = (what, name) => `Move ${what} to .env as \${${name}}`;
const andIgnore = (title, pattern = '.env') => `${title} and add ${pattern} to .gitignore`;

const realSecurityYaml = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'real', 'config', 'security.yaml'), 'utf8');

ruleTester('SEC001', {
  valid: [
    {
      name: '${VAR} reference defined in .env',
      files: {
        'security.yaml':
          'hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/softhsm/libsofthsm2.so\n    pin: "${THEMIS_HSM_PIN}"\n',
        '.env': 'THEMIS_HSM_PIN=83920174\n',
      },
    },
    {
      name: 'real config/security.yaml: empty pin, auth_method: token, token_label',
      files: { 'security.yaml': realSecurityYaml },
    },
    {
      name: 'placeholders are SEC003, not SEC001',
      files: { 'config.yaml': 'hsm:\n  provider: pkcs11\n  pkcs11:\n    pin: "<pin>"\n    password: changeme\n' },
    },
    {
      name: 'a private key given as a path',
      files: {
        'config.yaml':
          'server:\n  worker_threads: 4\n  private_key: /etc/themisdb/tls/server.key\nreplication:\n  key_path: /etc/themisdb/wal.key\n',
      },
    },
    {
      name: 'secret words that name no secret',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\n  pin_l0_filter_and_index_blocks_in_cache: true\nsecurity:\n  authentication:\n    api_keys:\n      enabled: true\n      header: X-API-Key\n  hsm:\n    auth_method: token\n    token_label: themis\n    password_min_length: 16\n',
      },
    },
    {
      name: 'seed placeholder webhook URL',
      files: {
        'config.yaml':
          'security:\n  key_rotation:\n    enabled: true\n    notifications:\n      slack_webhook: https://hooks.slack.com/services/XXX\n',
      },
    },
    {
      name: 'foreign config.yaml is not analyzed',
      files: { 'config.yaml': 'apiVersion: v1\nkind: Secret\nstringData:\n  password: Xk9vQ2mL7pR4tZ8w\n' },
    },
    {
      name: 'a URL with a password is SEC004',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nbackup:\n  webhook_url: https://ops:Xk9vQ2mL7pR4tZ8w@hooks.example.com/themis\n',
      },
    },
    {
      name: 'a .env is where secrets belong',
      files: {
        '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=83920174\n',
        'config.yaml': 'storage:\n  rocksdb_path: /data\n',
      },
    },
  ],
  invalid: [
    {
      name: 'seed dialect hec_token: value -> ${VAR}, .env created; .env not git-ignored: the move also with the .gitignore entry',
      files: { 'config.yaml': seedAudit(`"${HEC}"`) },
      errors: [
        {
          messageId: 'inlineSecret',
          line: 7,
          column: 18,
          endLine: 7,
          endColumn: 52,
          severity: 'error',
          message: /logging\.audit\.splunk\.hec_token.*THEMIS_LOGGING_AUDIT_SPLUNK_HEC_TOKEN/,
          suggestions: [
            {
              title: move('hec_token', 'THEMIS_LOGGING_AUDIT_SPLUNK_HEC_TOKEN'),
              output: seedAudit('"${THEMIS_LOGGING_AUDIT_SPLUNK_HEC_TOKEN}"'),
              outputs: { '.env': `THEMIS_LOGGING_AUDIT_SPLUNK_HEC_TOKEN=${HEC}\n` },
            },
            {
              title: andIgnore(move('hec_token', 'THEMIS_LOGGING_AUDIT_SPLUNK_HEC_TOKEN')),
              output: seedAudit('"${THEMIS_LOGGING_AUDIT_SPLUNK_HEC_TOKEN}"'),
              outputs: { '.env': `THEMIS_LOGGING_AUDIT_SPLUNK_HEC_TOKEN=${HEC}\n`, '.gitignore': '.env\n' },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'security.yaml pkcs11 pin (plain number): HSM advice, unique name, .env without final newline',
      files: {
        'security.yaml':
          'hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/libCryptoki2_64.so\n    slot_id: 0\n    pin: 0483920174\n',
        '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PKCS11_PIN=4829305716',
        '.gitignore': '.env\n',
      },
      errors: [
        {
          messageId: 'hsmPin',
          line: 6,
          column: 10,
          endColumn: 20,
          message: /THEMIS_HSM_PIN/,
          suggestions: [
            {
              title: move('pin', 'THEMIS_HSM_PKCS11_PIN_2'),
              output:
                'hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/libCryptoki2_64.so\n    slot_id: 0\n    pin: ${THEMIS_HSM_PKCS11_PIN_2}\n',
              outputs: {
                '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PKCS11_PIN=4829305716\nTHEMIS_HSM_PKCS11_PIN_2=0483920174\n',
                '.gitignore': '.env\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'edition dialect security.hsm.pin, single quotes kept; the .gitignore entry names editions/.env',
      files: {
        'editions/enterprise.yaml':
          "security:\n  enable_tls: true\n  enable_hsm: true\n  hsm:\n    provider: pkcs11\n    pin: 'Qm7#vL2x!pK9'\n",
      },
      errors: [
        {
          messageId: 'hsmPin',
          line: 6,
          column: 10,
          endColumn: 24,
          message: /secrets manager/,
          suggestions: [
            {
              title: move('pin', 'THEMIS_SECURITY_HSM_PIN'),
              output:
                "security:\n  enable_tls: true\n  enable_hsm: true\n  hsm:\n    provider: pkcs11\n    pin: '${THEMIS_SECURITY_HSM_PIN}'\n",
              outputs: { 'editions/.env': "THEMIS_SECURITY_HSM_PIN='Qm7#vL2x!pK9'\n" },
            },
            {
              title: andIgnore(move('pin', 'THEMIS_SECURITY_HSM_PIN'), 'editions/.env'),
              outputs: { 'editions/.env': "THEMIS_SECURITY_HSM_PIN='Qm7#vL2x!pK9'\n", '.gitignore': 'editions/.env\n' },
            },
          ],
        },
      ],
    },
    {
      name: 'vault token in security.yaml: Vault advice',
      files: {
        'security.yaml':
          'hsm:\n  provider: vault\n  vault:\n    address: "https://vault.internal:8200"\n    auth_method: "token"\n    token: "hvs.CAESIJ7kq9sdfk3jsdfKJH2x"\n',
      },
      errors: [
        {
          messageId: 'vaultToken',
          line: 6,
          column: 12,
          message: /Vault agent/,
          suggestions: [
            {
              title: move('token', 'THEMIS_HSM_VAULT_TOKEN'),
              output:
                'hsm:\n  provider: vault\n  vault:\n    address: "https://vault.internal:8200"\n    auth_method: "token"\n    token: "${THEMIS_HSM_VAULT_TOKEN}"\n',
              outputs: { '.env': 'THEMIS_HSM_VAULT_TOKEN=hvs.CAESIJ7kq9sdfk3jsdfKJH2x\n' },
            },
            { title: andIgnore(move('token', 'THEMIS_HSM_VAULT_TOKEN')) },
          ],
        },
      ],
    },
    {
      name: 'other HSM credentials get the HSM advice without the PIN part',
      files: {
        'security.yaml': 'hsm:\n  provider: pkcs11\n  pkcs11:\n    api_key: "Rk2m9XvL4qT7wZ1pQs8n"\n',
        '.gitignore': '.env\n',
      },
      errors: [
        {
          messageId: 'hsmCredential',
          line: 4,
          column: 14,
          message: /It gives access to the HSM/,
          suggestions: [{ title: move('api_key', 'THEMIS_HSM_PKCS11_API_KEY') }],
        },
      ],
    },
    {
      name: 'quotes of every kind survive the move to .env',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\ntracing:\n  enabled: true\n  exporter_password: "p\'a\\"ss\\\\w0rd $HOME #7"\n',
      },
      errors: [
        {
          messageId: 'inlineSecret',
          line: 5,
          column: 22,
          suggestions: [
            {
              title: move('exporter_password', 'THEMIS_TRACING_EXPORTER_PASSWORD'),
              output:
                'storage:\n  rocksdb_path: /data\ntracing:\n  enabled: true\n  exporter_password: "${THEMIS_TRACING_EXPORTER_PASSWORD}"\n',
              outputs: { '.env': 'THEMIS_TRACING_EXPORTER_PASSWORD=`p\'a"ss\\w0rd $HOME #7`\n' },
            },
            { title: andIgnore(move('exporter_password', 'THEMIS_TRACING_EXPORTER_PASSWORD')) },
          ],
        },
      ],
    },
    {
      name: 'block scalar key body: the whole block becomes one reference',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nreplication:\n  private_key: |\n    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n    Vj2kLq8sT0pXw3nR5yZ1bC4dE6fG8hJ0kL2mN4oP6qR8sT0uV2w\n  shipper_enabled: true\n',
      },
      errors: [
        {
          messageId: 'inlineSecret',
          line: 4,
          column: 16,
          endLine: 6,
          endColumn: 56,
          suggestions: [
            {
              title: move('private_key', 'THEMIS_REPLICATION_PRIVATE_KEY'),
              output:
                'storage:\n  rocksdb_path: /data\nreplication:\n  private_key: "${THEMIS_REPLICATION_PRIVATE_KEY}"\n  shipper_enabled: true\n',
              outputs: {
                '.env':
                  'THEMIS_REPLICATION_PRIVATE_KEY="MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\nVj2kLq8sT0pXw3nR5yZ1bC4dE6fG8hJ0kL2mN4oP6qR8sT0uV2w\\n"\n',
              },
            },
            { title: andIgnore(move('private_key', 'THEMIS_REPLICATION_PRIVATE_KEY')) },
          ],
        },
      ],
    },
    {
      name: 'two secrets in one file, each reported',
      files: {
        'config.yaml':
          'server:\n  worker_threads: 4\nfeatures:\n  update_checker: true\n  github_api_key: Zk3q9LmP2vQw7RtY5uI1oA4s\nllm:\n  enabled: true\n  ollama_password: Rk2m9XvL4qT7wZ1p\n',
        '.gitignore': '.env\n',
      },
      errors: [
        {
          messageId: 'inlineSecret',
          line: 5,
          column: 19,
          suggestions: [
            {
              title: move('github_api_key', 'THEMIS_FEATURES_GITHUB_API_KEY'),
              output:
                'server:\n  worker_threads: 4\nfeatures:\n  update_checker: true\n  github_api_key: ${THEMIS_FEATURES_GITHUB_API_KEY}\nllm:\n  enabled: true\n  ollama_password: Rk2m9XvL4qT7wZ1p\n',
              outputs: { '.env': 'THEMIS_FEATURES_GITHUB_API_KEY=Zk3q9LmP2vQw7RtY5uI1oA4s\n' },
            },
          ],
        },
        {
          messageId: 'inlineSecret',
          line: 8,
          column: 20,
          suggestions: [
            {
              title: move('ollama_password', 'THEMIS_LLM_OLLAMA_PASSWORD'),
              output:
                'server:\n  worker_threads: 4\nfeatures:\n  update_checker: true\n  github_api_key: Zk3q9LmP2vQw7RtY5uI1oA4s\nllm:\n  enabled: true\n  ollama_password: ${THEMIS_LLM_OLLAMA_PASSWORD}\n',
              outputs: { '.env': 'THEMIS_LLM_OLLAMA_PASSWORD=Rk2m9XvL4qT7wZ1p\n' },
            },
          ],
        },
      ],
    },
    {
      name: 'mig.yaml: registry secret',
      files: {
        'mig.yaml':
          'mig:\n  enabled: true\n  instances:\n    - uuid: MIG-1\n      users: [alice]\n  registry_secret: "Rk2m9XvL4qT7wZ1p"\n',
      },
      errors: [
        {
          messageId: 'inlineSecret',
          line: 6,
          column: 20,
          suggestions: [
            {
              title: move('registry_secret', 'THEMIS_MIG_REGISTRY_SECRET'),
              output:
                'mig:\n  enabled: true\n  instances:\n    - uuid: MIG-1\n      users: [alice]\n  registry_secret: "${THEMIS_MIG_REGISTRY_SECRET}"\n',
              outputs: { '.env': 'THEMIS_MIG_REGISTRY_SECRET=Rk2m9XvL4qT7wZ1p\n' },
            },
            { title: andIgnore(move('registry_secret', 'THEMIS_MIG_REGISTRY_SECRET')) },
          ],
        },
      ],
    },
    {
      name: 'development profile: a hint',
      profile: 'development',
      files: { 'config.yaml': seedAudit(HEC), '.gitignore': '.env\n' },
      errors: [
        {
          messageId: 'inlineSecret',
          line: 7,
          severity: 'hint',
          suggestions: [{ title: move('hec_token', 'THEMIS_LOGGING_AUDIT_SPLUNK_HEC_TOKEN') }],
        },
      ],
    },
    {
      name: 'a secret used through an alias is reported once, where it is written',
      files: { 'config.yaml': 'defaults: &creds\n  password: Rk2m9XvL4qT7wZ1p\nsse:\n  api: *creds\n', '.gitignore': '.env\n' },
      errors: [
        {
          messageId: 'inlineSecret',
          line: 2,
          column: 13,
          suggestions: [
            {
              title: move('password', 'THEMIS_DEFAULTS_PASSWORD'),
              output: 'defaults: &creds\n  password: ${THEMIS_DEFAULTS_PASSWORD}\nsse:\n  api: *creds\n',
            },
          ],
        },
      ],
    },
  ],
});

describe('SEC001 fix details', () => {
  it('when .env is not git-ignored: says so, and offers the move together with the .gitignore entry; never shows the secret', () => {
    const dir = writeWorkspace({ 'config.yaml': seedAudit(HEC) });
    const { analysis } = analyzeFile(dir, 'config.yaml');
    const [hit] = analysis.findings.filter((f) => f.ruleId === 'SEC001');
    assert.equal(hit.fixes.length, 2);
    const both = hit.fixes[1];
    assert.equal(both.kind, 'suggestion');
    assert.match(both.title, /and add \.env to \.gitignore$/);
    const gi = both.changes.find((c) => c.path.endsWith('.gitignore'));
    assert.equal(gi.create, true);
    assert.equal(gi.edits[0].newText, '.env\n');
    assert.ok(!both.title.includes(HEC.slice(0, 8)));
    const fix = hit.fixes[0];
    assert.equal(fix.kind, 'suggestion');
    assert.match(fix.note, /not excluded by \.gitignore/);
    assert.ok(!fix.title.includes(HEC.slice(0, 8)));
    assert.ok(!hit.message.includes(HEC.slice(0, 8)));
    const envChange = fix.changes.find((c) => c.path.endsWith('.env'));
    assert.equal(envChange.create, true);
  });

  it('no note when .env is git-ignored by a parent folder pattern', () => {
    const dir = writeWorkspace({ 'deploy/config.yaml': seedAudit(HEC), '.gitignore': '# local\n*.env\n.env*\n' });
    const { analysis } = analyzeFile(dir, 'deploy/config.yaml');
    const [hit] = analysis.findings.filter((f) => f.ruleId === 'SEC001');
    assert.equal(hit.fixes[0].note, undefined);
  });

  it('the moved value reads back exactly through the .env model', () => {
    const secret = 'a\'b"c\\d $X #e';
    const dir = writeWorkspace({
      'config.yaml': `storage:\n  rocksdb_path: /data\nsse:\n  api_key: ${JSON.stringify(secret)}\n`,
      '.env': 'THEMIS_PRODUCTION_MODE=1\n',
    });
    const { analysis } = analyzeFile(dir, 'config.yaml');
    const [hit] = analysis.findings.filter((f) => f.ruleId === 'SEC001');
    const change = hit.fixes[0].changes.find((c) => c.path.endsWith('.env'));
    const after = engine.applyEdits(fs.readFileSync(change.path, 'utf8'), change.edits);
    assert.equal(new engine.EnvModel(after).get('THEMIS_SSE_API_KEY').value, secret);
  });
});

describe('secrets never leak into CLI output', () => {
  const secrets = {
    pin: '0483920174',
    hec: HEC,
    urlPassword: 'Sup3rS3cretPassw0rd',
    aws: 'AKIAQ3EGUXBR7NWZK5TD',
    github: 'ghp_Zk3q9LmP2vQw7RtY5uI1oA4sD6fG8hJ0kL2z',
    admin: 'Zx8kq3Jd9LmP2vQw7RtY5uI1oA4sD6fG8hJ0kL2zX4c=',
    walWeak: 'secretsecretsecret',
    template: 'Rk2m9XvL4qT7wZ1pQs8n',
    dotenvHash: 'Jq8#vN3xLp0Wm5Zt',
  };
  const files = {
    'config.yaml': [
      'storage:',
      '  rocksdb_path: /data',
      'hsm:',
      '  provider: pkcs11',
      '  pkcs11:',
      '    library_path: /usr/lib/x.so',
      `    pin: ${secrets.pin}`,
      'logging:',
      '  audit:',
      '    enabled: true',
      '    splunk:',
      `      hec_token: "${secrets.hec}"`,
      '    syslog:',
      `      url: "https://audit:${secrets.urlPassword}@siem.example.com:6514"`,
      'backup:',
      `  s3_access_key_id: ${secrets.aws}`,
      `  github_token: ${secrets.github}`,
      '',
    ].join('\n'),
    '.env': `THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=${secrets.admin}\nTHEMIS_WAL_SHARED_SECRET=${secrets.walWeak}\nTHEMIS_HSM_PIN=${secrets.dotenvHash}\n`,
    '.env.example': `THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_TOKEN=${secrets.template}\n`,
  };
  const cli = path.join(repoRoot, 'server', 'out', 'cli.js');
  for (const format of ['text', 'json']) {
    it(`--format ${format}`, () => {
      const dir = writeWorkspace(files);
      let out;
      try {
        out = execFileSync(process.execPath, [cli, '--format', format, dir], { encoding: 'utf8' });
      } catch (e) {
        out = e.stdout; // findings make the exit code 1
      }
      for (const id of ['SEC001', 'SEC002', 'SEC003', 'SEC004', 'SEC006', 'SEC007'])
        assert.match(out, new RegExp(id), `${id} reported`);
      for (const [what, value] of Object.entries(secrets)) assert.ok(!out.includes(value), `${what} leaked in ${format} output`);
    });
  }
});
