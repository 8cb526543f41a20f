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

ruleTester('MIG004', {
  valid: [
    { name: 'MIG-<uuid> (current drivers)', files: { 'mig.yaml': mig('true', instance(), instance({ uuid: U2, users: '[b]' })) } },
    { name: 'MIG-GPU-<uuid>/<gi>/<ci> (older drivers)', files: { 'mig.yaml': mig('true', instance({ uuid: U3 })) } },
    { name: 'quoted, upper-case hex', files: { 'mig.yaml': mig('true', instance({ uuid: '"MIG-4B1D3F5C-8A2E-4C1B-9F3D-2E6A7B8C9D0E"' })) } },
    { name: 'set through a variable', files: { 'mig.yaml': mig('true', instance({ uuid: '${MIG_SLICE_0}' })) } },
  ],
  invalid: [
    {
      name: 'a full GPU uuid hands out the whole GPU',
      files: { 'mig.yaml': mig('true', instance({ uuid: 'GPU-5e4c1a2b-3d4e-5f60-7a8b-9c0d1e2f3a4b' })) },
      errors: [{ line: 5, column: 13, endColumn: 53, severity: 'error', message: /start with MIG-/ }],
    },
    {
      name: 'device index',
      files: { 'mig.yaml': mig('true', instance({ uuid: '0' })) },
      errors: [{ line: 5, column: 13, severity: 'error' }],
    },
    {
      name: 'guide placeholder MIG-GPU-12345678 is not a complete MIG UUID',
      files: { 'mig.yaml': 'mig:\n  enabled: true\n  instances:\n  - uuid: MIG-GPU-12345678\n    users: [user1]\n    vram_limit: 5gb\n' },
      errors: [{ line: 4, column: 11, severity: 'error', message: /not a complete MIG UUID/ }],
    },
    {
      name: 'uuid missing',
      files: { 'mig.yaml': mig('true', instance(), '    - name: spare\n      users: [ml_user9]\n      vram_limit: 10gb\n') },
      errors: [{ line: 10, column: 7, severity: 'error', message: /no uuid/ }],
    },
    {
      name: 'not production-only: stays an error under development',
      profile: 'development',
      files: { 'mig.yaml': mig('true', instance({ uuid: 'gpu0-slice1' })) },
      errors: [{ line: 5, severity: 'error' }],
    },
  ],
});
