import { U2, instance, mig } from '../helpers/migFixtures.mjs';
import { ruleTester } from '../helpers/ruleTester.mjs';

const two = [
  instance({ name: 'train-a' }),
  instance({ uuid: U2, name: 'infer-a', profile: '1g.10gb', users: '[ml_user2]', vram: '10gb' }),
];

ruleTester('MIG001', {
  valid: [
    { name: 'enabled with instances', files: { 'mig.yaml': mig('true', ...two) } },
    {
      name: 'guide seed form',
      files: {
        'mig.yaml': 'mig:\n  enabled: true\n  instances:\n  - uuid: MIG-GPU-12345678\n    users: [user1]\n    vram_limit: 5gb\n',
      },
    },
    { name: 'disabled with no instances listed', files: { 'mig.yaml': 'mig:\n  enabled: false\n  instances: []\n' } },
    {
      name: 'enabled through a variable',
      files: { 'mig.yaml': mig('${MIG_ENABLED}', ...two), '.env': 'THEMIS_PRODUCTION_MODE=1\nMIG_ENABLED=on\n' },
    },
  ],
  invalid: [
    {
      name: 'disabled while instances are listed',
      files: { 'mig.yaml': mig('false', ...two) },
      errors: [
        {
          messageId: 'disabled',
          line: 3,
          column: 12,
          endColumn: 17,
          severity: 'warning',
          message: /^mig.enabled is false, yet instances are assigned below\./,
        },
      ],
      output: mig('true', ...two),
    },
    {
      name: 'switch missing: reported on mig:, added',
      files: { 'mig.yaml': mig(undefined, two[0]) },
      errors: [{ messageId: 'notSet', line: 2, column: 1, endColumn: 4, severity: 'warning' }],
      output: mig(undefined, two[0]) + '  enabled: true\n',
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'mig.yaml': mig('no', ...two) },
      errors: [{ messageId: 'disabled', line: 3, severity: 'hint' }],
      output: mig('true', ...two),
    },
  ],
});
