import { U2, instance, mig } from '../helpers/migFixtures.mjs';
import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('MIG006', {
  valid: [
    {
      name: 'every instance assigned',
      files: { 'mig.yaml': mig('true', instance(), instance({ uuid: U2, users: '[ml_user2]' })) },
    },
    { name: 'users from a variable', files: { 'mig.yaml': mig('true', instance({ users: '${SLICE0_USER}' })) } },
  ],
  invalid: [
    {
      name: 'users key missing: reported on the instance',
      files: { 'mig.yaml': mig('true', instance(), instance({ uuid: U2, name: 'spare', users: null })) },
      errors: [{ messageId: 'unassigned', line: 10, column: 7, endColumn: 11, severity: 'warning', message: /spare/ }],
    },
    {
      name: 'empty list',
      files: { 'mig.yaml': mig('true', instance({ users: '[]' })) },
      errors: [{ messageId: 'unassigned', line: 8, column: 14, endColumn: 16, severity: 'warning' }],
    },
    {
      name: 'empty value',
      files: { 'mig.yaml': mig('true', instance({ users: '' })) },
      errors: [{ messageId: 'unassigned', line: 8, column: 7, severity: 'warning' }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'mig.yaml': mig('true', instance({ users: '[]' })) },
      errors: [{ messageId: 'unassigned', line: 8, severity: 'hint' }],
    },
  ],
});
