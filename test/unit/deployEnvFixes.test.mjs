// The ENV rules' fixes in deployment files: each edit is written in the syntax of the
// line that sets the value (compose map and list, Kubernetes env, systemd Environment=),
// keeps comments, passes fixes/verify.ts, and is not offered for a value that another
// file or `${VAR}` interpolation sets, nor for a secret it would write into the manifest.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile, engine, writeWorkspace } from '../helpers/engine.mjs';
import { ruleTester } from '../helpers/ruleTester.mjs';
import { themisWorkload } from '../helpers/deployFixtures.mjs';

const compose = (env, extra = '') => `services:
  themisdb:
    image: ghcr.io/makr-code/themisdb:1.5.0
${extra}    environment:
${env}`;

const deployment = (env) => themisWorkload(`          env:\n${env}`);

ruleTester('ENV001', {
  invalid: [
    {
      name: 'compose map form: the value is set, quoted so it stays a string',
      files: { 'docker-compose.yml': compose('      # production switch\n      THEMIS_PRODUCTION_MODE: 0\n') },
      errors: [{ messageId: 'off', line: 6 }],
      output: compose('      # production switch\n      THEMIS_PRODUCTION_MODE: "1"\n'),
    },
    {
      name: 'compose list form: the value inside the item',
      files: { 'docker-compose.yml': compose('      - THEMIS_PRODUCTION_MODE=false # not yet\n') },
      errors: [{ messageId: 'off', line: 5 }],
      output: compose('      - THEMIS_PRODUCTION_MODE=1 # not yet\n'),
    },
    {
      name: 'compose list form, quoted item',
      files: { 'docker-compose.yml': compose('      - "THEMIS_PRODUCTION_MODE=0"\n') },
      errors: [{ messageId: 'off', line: 5 }],
      output: compose('      - "THEMIS_PRODUCTION_MODE=1"\n'),
    },
    {
      name: 'compose list form: a missing variable is added as an item of the list',
      files: { 'docker-compose.yml': compose('      - THEMIS_PII_STRICT=1\n', '    # the server\n') },
      errors: [{ messageId: 'notSet', line: 2 }],
      output: compose('      - THEMIS_PII_STRICT=1\n      - THEMIS_PRODUCTION_MODE=1\n', '    # the server\n'),
    },
    {
      name: 'compose map form: a missing variable is added to the map',
      files: { 'docker-compose.yml': compose('      THEMIS_PII_STRICT: "1"\n') },
      errors: [{ messageId: 'notSet', line: 2 }],
      output: compose('      THEMIS_PII_STRICT: "1"\n      THEMIS_PRODUCTION_MODE: "1"\n'),
    },
    {
      name: 'kubernetes env[].value: the new value stays a string',
      files: { 'deployment.yaml': deployment('            - name: THEMIS_PRODUCTION_MODE\n              value: 0\n') },
      errors: [{ messageId: 'off', line: 13 }],
      output: deployment('            - name: THEMIS_PRODUCTION_MODE\n              value: "1"\n'),
    },
    {
      name: 'kubernetes: a missing variable becomes a new env item',
      files: {
        'deployment.yaml': deployment('            - name: THEMIS_PII_STRICT # redaction\n              value: "1"\n'),
      },
      errors: [{ messageId: 'notSet', line: 9 }],
      output: deployment(
        '            - name: THEMIS_PII_STRICT # redaction\n              value: "1"\n            - name: THEMIS_PRODUCTION_MODE\n              value: "1"\n',
      ),
    },
    {
      name: 'systemd Environment=: one assignment of several, inside its quotes',
      files: {
        'themisdb.service':
          '[Service]\nExecStart=/usr/bin/themis_server\n; posture\nEnvironment="THEMIS_PRODUCTION_MODE=0" THEMIS_PII_STRICT=1\n',
      },
      errors: [{ messageId: 'off', line: 4 }],
      output:
        '[Service]\nExecStart=/usr/bin/themis_server\n; posture\nEnvironment="THEMIS_PRODUCTION_MODE=1" THEMIS_PII_STRICT=1\n',
    },
    {
      name: 'systemd: a missing variable gets an Environment= line after the last one',
      files: { 'themisdb.service': '[Service]\nEnvironment=THEMIS_PII_STRICT=1\nExecStart=/usr/bin/themis_server\n' },
      errors: [{ messageId: 'notSet', line: 1 }],
      output:
        '[Service]\nEnvironment=THEMIS_PII_STRICT=1\nEnvironment=THEMIS_PRODUCTION_MODE=1\nExecStart=/usr/bin/themis_server\n',
    },
    {
      name: "compose: a value from the project's .env (${VAR}) is not rewritten in the compose file",
      files: {
        'docker-compose.yml': compose('      THEMIS_PRODUCTION_MODE: ${PRODUCTION:-0}\n'),
        '.env': 'PRODUCTION=0\n',
      },
      errors: [{ messageId: 'off', line: 5 }],
      output: null,
    },
    {
      name: 'compose: a value set in the env_file is fixed in the env_file',
      file: 'themisdb.env',
      files: {
        'themisdb.env': 'THEMIS_PRODUCTION_MODE=0\n',
        'docker-compose.yml': compose('      THEMIS_PII_STRICT: "1"\n', '    env_file: themisdb.env\n'),
      },
      errors: [{ messageId: 'off', line: 1 }],
      output: 'THEMIS_PRODUCTION_MODE=1\n',
    },
  ],
});

// a misspelled switch is its own rule's finding (one finding per problem), renamed in the deployment file's syntax
ruleTester('ENV001', {
  invalid: [
    {
      name: 'compose list form: a misspelled name is renamed, the value kept',
      files: { 'docker-compose.yml': compose('      - THEMIS_PRODUCTON_MODE=1\n      - THEMIS_PII_STRICT=1\n') },
      errors: [{ messageId: 'misspelled', line: 5, column: 9 }],
      output: compose('      - THEMIS_PRODUCTION_MODE=1\n      - THEMIS_PII_STRICT=1\n'),
    },
  ],
});

ruleTester('ENV015', {
  invalid: [
    {
      name: 'compose list form: a misspelled name no other rule owns is renamed, the value kept',
      files: {
        'docker-compose.yml': compose('      - THEMIS_PII_STRICT=1\n      - THEMIS_VAULT_ADRR=https://vault.internal:8200\n'),
      },
      errors: [{ messageId: 'misspelled', line: 6, column: 9 }],
      output: compose('      - THEMIS_PII_STRICT=1\n      - THEMIS_VAULT_ADDR=https://vault.internal:8200\n'),
    },
  ],
});

ruleTester('ENV007', {
  invalid: [
    {
      name: 'kubernetes: a quoted name is renamed inside its quotes',
      files: { 'deployment.yaml': deployment('            - name: "THEMIS_PII_STRIKT"\n              value: "1"\n') },
      errors: [{ messageId: 'misspelled', line: 12 }],
      output: deployment('            - name: "THEMIS_PII_STRICT"\n              value: "1"\n'),
    },
  ],
});

ruleTester('ENV006', {
  invalid: [
    {
      name: 'systemd: the debug assignment leaves the line, the others stay',
      files: {
        'themisdb.service':
          '[Service]\nExecStart=/usr/bin/themis_server\nEnvironment=THEMIS_PII_STRICT=1 THEMIS_DEBUG_PKI=1 THEMIS_PRODUCTION_MODE=1\n',
      },
      errors: [{ messageId: 'debugSet', line: 3 }],
      output: '[Service]\nExecStart=/usr/bin/themis_server\nEnvironment=THEMIS_PII_STRICT=1 THEMIS_PRODUCTION_MODE=1\n',
    },
    {
      name: 'kubernetes: the whole env item goes',
      files: {
        'deployment.yaml': deployment(
          '            - name: THEMIS_DEBUG_PKI\n              value: "1"\n            - name: THEMIS_PII_STRICT\n              value: "1"\n',
        ),
      },
      errors: [{ messageId: 'debugSet', line: 13 }],
      output: deployment('            - name: THEMIS_PII_STRICT\n              value: "1"\n'),
    },
  ],
});

ruleTester('ENV020', {
  invalid: [
    {
      name: 'compose: bound to loopback by the safe fix (the healthcheck runs inside the container)',
      files: { 'docker-compose.yml': compose('      THEMIS_HEALTH_BIND_ADDRESS: 0.0.0.0\n') },
      errors: [{ messageId: 'bindAll', line: 5 }],
      output: compose('      THEMIS_HEALTH_BIND_ADDRESS: 127.0.0.1\n'),
    },
    {
      name: 'kubernetes: only a suggestion, whose note says why (the kubelet probes the pod IP)',
      files: {
        'deployment.yaml': deployment('            - name: THEMIS_HEALTH_BIND_ADDRESS\n              value: "0.0.0.0"\n'),
      },
      errors: [
        {
          messageId: 'bindAll',
          line: 13,
          suggestions: [
            {
              title: 'Bind the health service to 127.0.0.1',
              output: deployment('            - name: THEMIS_HEALTH_BIND_ADDRESS\n              value: "127.0.0.1"\n'),
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

describe('ENV fixes in deployment files', () => {
  it('the ENV020 suggestion in a manifest carries the note about probes', () => {
    const dir = writeWorkspace({
      'deployment.yaml': deployment('            - name: THEMIS_HEALTH_BIND_ADDRESS\n              value: "0.0.0.0"\n'),
    });
    const f = analyzeFile(dir, 'deployment.yaml').analysis.findings.find((x) => x.ruleId === 'ENV020');
    assert.match(f.fixes[0].note, /probes reach the pod IP/);
  });

  it('write no secret into a manifest: the admin token suggestions are not offered there', () => {
    const dir = writeWorkspace({
      'docker-compose.yml': compose('      THEMIS_PRODUCTION_MODE: "1"\n      THEMIS_TOKEN_ADMIN: changeme\n'),
    });
    const { analysis } = analyzeFile(dir, 'docker-compose.yml');
    const env = analysis.findings.filter((f) => f.ruleId === 'ENV005' || f.ruleId === 'ENV004');
    assert.ok(env.length > 0, 'the weak token is reported');
    assert.deepEqual(
      env.flatMap((f) => f.fixes.map((x) => x.title)),
      [],
    );
  });

  it('every offered fix passes fixes/verify.ts on the examples', () => {
    for (const [rel, file] of [
      ['compose', 'docker-compose.yml'],
      ['kubernetes', 'deployment.yaml'],
    ]) {
      const dir = new URL(`../../examples/${rel}/`, import.meta.url).pathname;
      const { ws, file: f, analysis } = analyzeFile(dir, file);
      const envFixes = analysis.findings.filter((x) => x.ruleId.startsWith('ENV') && x.fixes.length);
      assert.ok(envFixes.length > 0, `${rel}: ENV findings with fixes`);
      const findingsOf = (g) => engine.analyze(g, ws, { profile: 'production', root: dir }).findings;
      for (const finding of envFixes)
        for (const fix of finding.fixes) assert.ok(engine.verifyFix(f, finding, fix, findingsOf), `${rel}: ${fix.title}`);
    }
  });
});
