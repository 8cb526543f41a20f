import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleTester } from '../helpers/ruleTester.mjs';
import { repoRoot } from '../helpers/engine.mjs';

const real = (p) => fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'real', p), 'utf8');
const dockerExample = real('docker/.env.example');
const grafanaLine = dockerExample.split('\n').findIndex((l) => l.startsWith('GRAFANA_ADMIN_PASSWORD=')) + 1;

ruleTester('SEC007', {
  valid: [
    {
      name: 'real systemd template: every secret empty',
      files: { 'themisdb.env.example': real('deploy/systemd/themisdb.env.example') },
    },
    {
      name: 'placeholders and references are no secrets',
      files: {
        '.env.example':
          'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=<base64-encoded-random-32-bytes>\nTHEMIS_VAULT_TOKEN=${VAULT_TOKEN}\nTHEMIS_HSM_PIN=\n',
      },
    },
    {
      name: 'non-secret values are fine',
      files: {
        '.env.sample': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_LOG_LEVEL=info\nTHEMIS_PKI_PRIVATE_KEY=/etc/themisdb/tls/server.key\n',
      },
    },
    {
      name: 'a real .env is not a template (SEC006 covers it)',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HSM_PIN=83920174\n' },
    },
  ],
  invalid: [
    {
      name: 'real docker/.env.example ships the Grafana admin password',
      files: { '.env.example': dockerExample },
      errors: [
        {
          messageId: 'secretInTemplate',
          line: grafanaLine,
          column: 24,
          endColumn: 29,
          severity: 'error',
          message: /GRAFANA_ADMIN_PASSWORD/,
        },
      ],
      output: dockerExample.replace('GRAFANA_ADMIN_PASSWORD=admin', 'GRAFANA_ADMIN_PASSWORD='),
    },
    {
      name: 'quoted token in .env.template keeps its quotes, comment kept',
      files: { '.env.template': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_TOKEN="hvs.CAESIJ7kq9sdfk3jsdfKJH2x"  # ops vault\n' },
      errors: [{ messageId: 'secretInTemplate', line: 2, column: 20, endColumn: 50 }],
      output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_TOKEN=""  # ops vault\n',
    },
    {
      name: '*.env.example with two secrets; weak ones too (SEC007 replaces SEC003)',
      files: {
        'themisdb.env.example':
          'THEMIS_TOKEN_ADMIN=Zx8kq3Jd9LmP2vQw7RtY5uI1oA4sD6fG8hJ0kL2zX4c=\nTHEMIS_LOG_LEVEL=info\nTHEMIS_HSM_PIN=changeme\n',
      },
      errors: [
        { messageId: 'secretInTemplate', line: 1, column: 20 },
        { messageId: 'secretInTemplate', line: 3, column: 16 },
      ],
      output: 'THEMIS_TOKEN_ADMIN=\nTHEMIS_LOG_LEVEL=info\nTHEMIS_HSM_PIN=\n',
    },
    {
      name: 'not production-only',
      profile: 'development',
      files: { '.env.example': 'THEMIS_ENVIRONMENT=development\nTHEMIS_WAL_SHARED_SECRET=4f9c2a7e1b8d3f6a0c5e9b2d7a4f1c8e\n' },
      errors: [{ messageId: 'secretInTemplate', line: 2, severity: 'error' }],
      output: 'THEMIS_ENVIRONMENT=development\nTHEMIS_WAL_SHARED_SECRET=\n',
    },
  ],
});
