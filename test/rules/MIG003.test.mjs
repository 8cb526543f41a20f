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

ruleTester('MIG003', {
  valid: [
    { name: 'one user per instance', files: { 'mig.yaml': mig('true', instance(), instance({ uuid: U2, users: '[ml_user2]' })) } },
    { name: 'same user twice is still one user', files: { 'mig.yaml': mig('true', instance({ users: '[ml_user1, ml_user1]' })) } },
    { name: 'single user as a block list', files: { 'mig.yaml': mig('true', instance({ users: '\n        - ml_user1' })) } },
  ],
  invalid: [
    {
      name: 'two users share a slice',
      files: { 'mig.yaml': mig('true', instance({ name: 'train-a', users: '[ml_user1, ml_user2]' })) },
      errors: [{ line: 9, column: 14, endColumn: 34, severity: 'warning', message: /train-a.*ml_user1, ml_user2/ }],
    },
    {
      name: 'block list of three users',
      files: { 'mig.yaml': mig('true', instance(), instance({ uuid: U2, users: '\n        - alice\n        - bob\n        - carol' })) },
      errors: [{ line: 14, column: 9, severity: 'warning', message: /3 users/ }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'mig.yaml': mig('true', instance({ users: '[a, b]' })) },
      errors: [{ line: 8, severity: 'hint' }],
    },
  ],
});
