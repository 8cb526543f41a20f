import { ruleTester } from '../helpers/ruleTester.mjs';

// Realistic mig.yaml fixtures (A100 80GB MIG profiles); pass null to leave a key out.
const U1 = 'MIG-4b1d3f5c-8a2e-4c1b-9f3d-2e6a7b8c9d0e';
const U2 = 'MIG-9c2e5a7b-1d3f-4e6a-8b0c-7f9e1d2c3b4a';
const U3 = 'MIG-GPU-5e4c1a2b-3d4e-5f60-7a8b-9c0d1e2f3a4b/2/0'; // pre-R470 driver form

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

ruleTester('MIG002', {
  valid: [
    { name: 'distinct uuids', files: { 'mig.yaml': mig('true', instance(), instance({ uuid: U2, users: '[ml_user2]' }), instance({ uuid: U3, users: '[ml_user3]' })) } },
    { name: 'same profile and user list is fine', files: { 'mig.yaml': mig('true', instance({ profile: '1g.10gb', vram: '10gb' }), instance({ uuid: U2, profile: '1g.10gb', vram: '10gb' })) } },
  ],
  invalid: [
    {
      name: 'second instance repeats the first uuid',
      files: { 'mig.yaml': mig('true', instance({ name: 'train-a' }), instance({ uuid: U2, name: 'infer-a', users: '[ml_user2]' }), instance({ name: 'train-b', users: '[ml_user3]' })) },
      errors: [{ line: 17, column: 13, endColumn: 53, severity: 'error', message: /line 5/ }],
    },
    {
      name: 'case differences do not make a uuid distinct; every repeat is reported',
      files: { 'mig.yaml': mig('true', instance(), instance({ uuid: U1.toUpperCase(), users: '[b]' }), instance({ uuid: `"${U1}"`, users: '[c]' })) },
      errors: [{ line: 10, severity: 'error' }, { line: 15, column: 13, severity: 'error' }],
    },
    {
      name: 'not production-only: stays an error under development',
      profile: 'development',
      files: { 'mig.yaml': mig('true', instance(), instance({ users: '[ml_user2]' })) },
      errors: [{ line: 10, severity: 'error' }],
    },
  ],
});
