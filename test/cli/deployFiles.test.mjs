// A CLI folder walk lints the deployment files it finds, like the editor does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cli, json, workspace } from './helpers.mjs';
import { ADMIN_TOKEN, CONFIGMAP, DEPLOYMENT, SECRET, b64 } from '../helpers/deployFixtures.mjs';

describe('CLI: deployment files in a folder', () => {
  it('finds compose, manifests and drop-ins, reports on the right file and line, never a secret', () => {
    const dir = workspace({
      'docker-compose.yml': `services:\n  themisdb:\n    image: themisdb/themisdb:latest\n    env_file: ./themisdb.env\n    environment:\n      - THEMIS_TOKEN_ADMIN=${ADMIN_TOKEN}\n`,
      'themisdb.env': 'THEMIS_DEBUG_PKI=1\n',
      'k8s/deployment.yaml': DEPLOYMENT,
      'k8s/secret.yaml': SECRET,
      'k8s/configmap.yaml': CONFIGMAP,
      'systemd/themisdb.service.d/production.conf':
        '[Service]\nEnvironment=THEMIS_PRODUCTION_MODE=1\nEnvironment=THEMIS_PII_STRICT=0\n',
      'other/docker-compose.yml': 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n',
    });
    const r = cli(['--format', 'json', '.'], { cwd: dir });
    const found = json(r);
    const at = (file, ruleId) => found.filter((f) => f.file === file && f.ruleId === ruleId).map((f) => f.line);
    assert.deepEqual(at('docker-compose.yml', 'DEP001'), [6]);
    assert.deepEqual(at('docker-compose.yml', 'DEP006'), [3]);
    assert.deepEqual(at('themisdb.env', 'ENV006'), [1]);
    assert.deepEqual(at('k8s/secret.yaml', 'DEP002'), [8, 9, 11]);
    assert.deepEqual(at('systemd/themisdb.service.d/production.conf', 'ENV007'), [3]);
    assert.equal(found.filter((f) => f.file.startsWith('other/')).length, 0, "another application's compose file");
    const out = r.stdout + r.stderr;
    for (const secret of [ADMIN_TOKEN, b64(ADMIN_TOKEN)]) assert.ok(!out.includes(secret), 'no secret in the output');
  });
});
