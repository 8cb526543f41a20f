import { U2, U3, instance, mig } from '../helpers/migFixtures.mjs';
import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('MIG004', {
  valid: [
    {
      name: 'MIG-<uuid> (current drivers)',
      files: { 'mig.yaml': mig('true', instance(), instance({ uuid: U2, users: '[b]' })) },
    },
    { name: 'MIG-GPU-<uuid>/<gi>/<ci> (older drivers)', files: { 'mig.yaml': mig('true', instance({ uuid: U3 })) } },
    {
      name: 'quoted, upper-case hex',
      files: { 'mig.yaml': mig('true', instance({ uuid: '"MIG-4B1D3F5C-8A2E-4C1B-9F3D-2E6A7B8C9D0E"' })) },
    },
    { name: 'set through a variable', files: { 'mig.yaml': mig('true', instance({ uuid: '${MIG_SLICE_0}' })) } },
  ],
  invalid: [
    {
      name: 'a full GPU uuid hands out the whole GPU',
      files: { 'mig.yaml': mig('true', instance({ uuid: 'GPU-5e4c1a2b-3d4e-5f60-7a8b-9c0d1e2f3a4b' })) },
      errors: [{ messageId: 'notMig', line: 5, column: 13, endColumn: 53, severity: 'error', message: /start with MIG-/ }],
    },
    {
      name: 'device index',
      files: { 'mig.yaml': mig('true', instance({ uuid: '0' })) },
      errors: [{ messageId: 'notMig', line: 5, column: 13, severity: 'error' }],
    },
    {
      name: 'guide placeholder MIG-GPU-12345678 is not a complete MIG UUID',
      files: {
        'mig.yaml': 'mig:\n  enabled: true\n  instances:\n  - uuid: MIG-GPU-12345678\n    users: [user1]\n    vram_limit: 5gb\n',
      },
      errors: [{ messageId: 'incomplete', line: 4, column: 11, severity: 'error', message: /not a complete MIG UUID/ }],
    },
    {
      name: 'empty uuid',
      files: { 'mig.yaml': mig('true', instance({ uuid: '""' })) },
      errors: [{ messageId: 'empty', line: 5, column: 13, endColumn: 15, severity: 'error', message: /empty uuid/ }],
    },
    {
      name: 'uuid missing',
      files: { 'mig.yaml': mig('true', instance(), '    - name: spare\n      users: [ml_user9]\n      vram_limit: 10gb\n') },
      errors: [{ messageId: 'missing', line: 10, column: 7, severity: 'error', message: /no uuid/ }],
    },
    {
      name: 'not production-only: stays an error under development',
      profile: 'development',
      files: { 'mig.yaml': mig('true', instance({ uuid: 'gpu0-slice1' })) },
      errors: [{ messageId: 'notMig', line: 5, severity: 'error' }],
    },
  ],
});
