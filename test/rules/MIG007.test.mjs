import { U2, instance, mig } from '../helpers/migFixtures.mjs';
import { ruleTester } from '../helpers/ruleTester.mjs';

const config = `# /etc/themisdb/config.yaml
security:
  gpu:
    access_control:
      enabled: true
      mode: strict
      # Per-user GPU allocation
      user_gpu_mapping:
        ml_user1: [0, 1]
        ml_user2: [2, 3]
        admin: [0, 1, 2, 3]
`;

const migYaml = (u1, u2) =>
  mig('true', instance({ users: u1 }), instance({ uuid: U2, profile: '1g.10gb', users: u2, vram: '10gb' }));

ruleTester('MIG007', {
  valid: [
    { name: 'every MIG user is mapped', files: { 'mig.yaml': migYaml('[ml_user1]', '[ml_user2]'), 'config.yaml': config } },
    { name: 'no sibling config: nothing to compare', files: { 'mig.yaml': migYaml('[ml_user1]', '[ml_user9]') } },
    {
      name: 'sibling config without a mapping',
      files: {
        'mig.yaml': migYaml('[ml_user1]', '[ml_user9]'),
        'config.yaml': 'security:\n  gpu:\n    access_control:\n      enabled: true\n      mode: strict\n',
      },
    },
    {
      name: 'a config in another folder is not a sibling',
      files: { 'mig.yaml': migYaml('[ml_user1]', '[ml_user9]'), 'other/config.yaml': config },
    },
  ],
  invalid: [
    {
      name: 'user missing from config.yaml mapping',
      files: { 'mig.yaml': migYaml('[ml_user1]', '[ml_user3]'), 'config.yaml': config },
      errors: [
        { messageId: 'unmapped', line: 13, column: 15, endColumn: 23, severity: 'info', message: /ml_user3.*config\.yaml/ },
      ],
    },
    {
      name: 'block list, two unknown users',
      files: { 'mig.yaml': migYaml('\n        - ml_user1\n        - intern', '[guest]'), 'config.yaml': config },
      errors: [
        { messageId: 'unmapped', line: 10, column: 11, message: /intern/ },
        { messageId: 'unmapped', line: 15, message: /guest/ },
      ],
    },
    {
      name: 'mapping in a sibling security.yaml',
      files: {
        'mig.yaml': migYaml('[ml_user1]', '[ml_user3]'),
        'security.yaml':
          'hsm:\n  provider: pkcs11\nsecurity:\n  gpu:\n    access_control:\n      user_gpu_mapping:\n        ml_user1: [0]\n',
      },
      errors: [{ messageId: 'unmapped', line: 13, severity: 'info', message: /security\.yaml/ }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'mig.yaml': migYaml('[ml_user1]', '[ml_user3]'), 'config.yaml': config },
      errors: [{ messageId: 'unmapped', line: 13, severity: 'hint' }],
    },
  ],
});
