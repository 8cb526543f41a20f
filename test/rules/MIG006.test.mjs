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

ruleTester('MIG006', {
  valid: [
    { name: 'every instance assigned', files: { 'mig.yaml': mig('true', instance(), instance({ uuid: U2, users: '[ml_user2]' })) } },
    { name: 'users from a variable', files: { 'mig.yaml': mig('true', instance({ users: '${SLICE0_USER}' })) } },
  ],
  invalid: [
    {
      name: 'users key missing: reported on the instance',
      files: { 'mig.yaml': mig('true', instance(), instance({ uuid: U2, name: 'spare', users: null })) },
      errors: [{ line: 10, column: 7, endColumn: 11, severity: 'warning', message: /spare/ }],
    },
    {
      name: 'empty list',
      files: { 'mig.yaml': mig('true', instance({ users: '[]' })) },
      errors: [{ line: 8, column: 14, endColumn: 16, severity: 'warning' }],
    },
    {
      name: 'empty value',
      files: { 'mig.yaml': mig('true', instance({ users: '' })) },
      errors: [{ line: 8, column: 7, severity: 'warning' }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'mig.yaml': mig('true', instance({ users: '[]' })) },
      errors: [{ line: 8, severity: 'hint' }],
    },
  ],
});
