import { U2, instance, mig } from '../helpers/migFixtures.mjs';
import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('MIG003', {
  valid: [
    {
      name: 'one user per instance',
      files: { 'mig.yaml': mig('true', instance(), instance({ uuid: U2, users: '[ml_user2]' })) },
    },
    {
      name: 'same user twice is still one user',
      files: { 'mig.yaml': mig('true', instance({ users: '[ml_user1, ml_user1]' })) },
    },
    { name: 'single user as a block list', files: { 'mig.yaml': mig('true', instance({ users: '\n        - ml_user1' })) } },
  ],
  invalid: [
    {
      name: 'two users share a slice',
      files: { 'mig.yaml': mig('true', instance({ name: 'train-a', users: '[ml_user1, ml_user2]' })) },
      errors: [
        {
          messageId: 'shared',
          line: 9,
          column: 14,
          endColumn: 34,
          severity: 'warning',
          message: /^MIG instance "train-a" is shared by 2 users\..*ml_user1 and ml_user2/,
        },
      ],
    },
    {
      name: 'block list of three users',
      files: {
        'mig.yaml': mig('true', instance(), instance({ uuid: U2, users: '\n        - alice\n        - bob\n        - carol' })),
      },
      errors: [{ messageId: 'shared', line: 14, column: 9, severity: 'warning', message: /3 users/ }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'mig.yaml': mig('true', instance({ users: '[a, b]' })) },
      errors: [{ messageId: 'shared', line: 8, severity: 'hint' }],
    },
  ],
});
