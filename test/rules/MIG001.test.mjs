import { ruleTester } from '../helpers/ruleTester.mjs';

// Realistic mig.yaml fixtures (A100 80GB MIG profiles); pass null to leave a key out.
const U1 = 'MIG-4b1d3f5c-8a2e-4c1b-9f3d-2e6a7b8c9d0e';
const U2 = 'MIG-9c2e5a7b-1d3f-4e6a-8b0c-7f9e1d2c3b4a';

const instance = ({ uuid = U1, name = null, gpu = 0, profile = '3g.40gb', users = '[ml_user1]', vram = '40gb' } = {}) =>
  [
    `    - uuid: ${uuid}`,
    name !== null ? `      name: ${name}` : undefined,
    gpu !== null ? `      gpu: ${gpu}` : undefined,
    profile !== null ? `      profile: ${profile}` : undefined,
    users !== null ? `      users: ${users}` : undefined,
    vram !== null ? `      vram_limit: ${vram}` : undefined,
  ]
    .filter((l) => l !== undefined)
    .join('\n') + '\n';

const mig = (enabled, ...instances) => `# /etc/themisdb/mig.yaml — A100 80GB split for the ML team
mig:
${enabled === undefined ? '' : `  enabled: ${enabled}\n`}  instances:
${instances.join('')}`;

const two = [instance({ name: 'train-a' }), instance({ uuid: U2, name: 'infer-a', profile: '1g.10gb', users: '[ml_user2]', vram: '10gb' })];

ruleTester('MIG001', {
  valid: [
    { name: 'enabled with instances', files: { 'mig.yaml': mig('true', ...two) } },
    { name: 'guide seed form', files: { 'mig.yaml': 'mig:\n  enabled: true\n  instances:\n  - uuid: MIG-GPU-12345678\n    users: [user1]\n    vram_limit: 5gb\n' } },
    { name: 'disabled with no instances listed', files: { 'mig.yaml': 'mig:\n  enabled: false\n  instances: []\n' } },
    { name: 'enabled through a variable', files: { 'mig.yaml': mig('${MIG_ENABLED}', ...two), '.env': 'THEMIS_PRODUCTION_MODE=1\nMIG_ENABLED=on\n' } },
  ],
  invalid: [
    {
      name: 'disabled while instances are listed',
      files: { 'mig.yaml': mig('false', ...two) },
      errors: [{ line: 3, column: 12, endColumn: 17, severity: 'warning', message: /disabled/ }],
      output: mig('true', ...two),
    },
    {
      name: 'switch missing: reported on mig:, added',
      files: { 'mig.yaml': mig(undefined, two[0]) },
      errors: [{ line: 2, column: 1, endColumn: 4, severity: 'warning' }],
      output: mig(undefined, two[0]) + '  enabled: true\n',
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'mig.yaml': mig('no', ...two) },
      errors: [{ line: 3, severity: 'hint' }],
    },
  ],
});
