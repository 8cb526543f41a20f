import { U1, U2, U3, instance, mig } from '../helpers/migFixtures.mjs';
import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('MIG002', {
  valid: [
    {
      name: 'distinct uuids',
      files: {
        'mig.yaml': mig(
          'true',
          instance(),
          instance({ uuid: U2, users: '[ml_user2]' }),
          instance({ uuid: U3, users: '[ml_user3]' }),
        ),
      },
    },
    {
      name: 'same profile and user list is fine',
      files: {
        'mig.yaml': mig(
          'true',
          instance({ profile: '1g.10gb', vram: '10gb' }),
          instance({ uuid: U2, profile: '1g.10gb', vram: '10gb' }),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'second instance repeats the first uuid',
      files: {
        'mig.yaml': mig(
          'true',
          instance({ name: 'train-a' }),
          instance({ uuid: U2, name: 'infer-a', users: '[ml_user2]' }),
          instance({ name: 'train-b', users: '[ml_user3]' }),
        ),
      },
      errors: [{ messageId: 'duplicate', line: 17, column: 13, endColumn: 53, severity: 'error', message: /line 5/ }],
    },
    {
      name: 'case differences do not make a uuid distinct; every repeat is reported',
      files: {
        'mig.yaml': mig(
          'true',
          instance(),
          instance({ uuid: U1.toUpperCase(), users: '[b]' }),
          instance({ uuid: `"${U1}"`, users: '[c]' }),
        ),
      },
      errors: [
        { messageId: 'duplicate', line: 10, severity: 'error' },
        { messageId: 'duplicate', line: 15, column: 13, severity: 'error' },
      ],
    },
    {
      name: 'not production-only: stays an error under development',
      profile: 'development',
      files: { 'mig.yaml': mig('true', instance(), instance({ users: '[ml_user2]' })) },
      errors: [{ messageId: 'duplicate', line: 10, severity: 'error' }],
    },
  ],
});
