import { U2, instance, mig } from '../helpers/migFixtures.mjs';
import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('MIG005', {
  valid: [
    { name: 'limit equal to the profile', files: { 'mig.yaml': mig('true', instance({ profile: '3g.40gb', vram: '40gb' })) } },
    {
      name: 'limit in MB below the profile',
      files: { 'mig.yaml': mig('true', instance({ profile: '1g.10gb', vram: '8192mb' })) },
    },
    { name: 'upper-case unit', files: { 'mig.yaml': mig('true', instance({ profile: '7g.80gb', vram: '80GB' })) } },
    {
      name: 'no profile: only the form is checked',
      files: { 'mig.yaml': mig('true', instance({ profile: null, vram: '5gb' })) },
    },
    { name: 'no vram_limit', files: { 'mig.yaml': mig('true', instance({ vram: null })) } },
  ],
  invalid: [
    {
      name: 'above what 1g.10gb offers',
      files: {
        'mig.yaml': mig('true', instance(), instance({ uuid: U2, profile: '1g.10gb', users: '[ml_user2]', vram: '20gb' })),
      },
      errors: [{ messageId: 'aboveProfile', line: 14, column: 19, endColumn: 23, severity: 'error', message: /10 GB/ }],
    },
    {
      name: 'MB above the profile',
      files: { 'mig.yaml': mig('true', instance({ profile: '1g.5gb', vram: '6144mb' })) },
      errors: [{ messageId: 'aboveProfile', line: 9, severity: 'error', message: /1g\.5gb/ }],
    },
    {
      name: 'a bare number has no unit',
      files: { 'mig.yaml': mig('true', instance({ vram: '5' })) },
      errors: [{ messageId: 'form', line: 9, column: 19, endColumn: 20, severity: 'error', message: /gb or mb/ }],
    },
    {
      name: 'space and decimals are not the <n>gb form',
      files: { 'mig.yaml': mig('true', instance({ vram: '"5 GB"' }), instance({ uuid: U2, users: '[b]', vram: '0.5gb' })) },
      errors: [
        { messageId: 'form', line: 9, severity: 'error' },
        { messageId: 'form', line: 14, severity: 'error' },
      ],
    },
    {
      name: 'empty vram_limit: reported on its key',
      files: { 'mig.yaml': mig('true', instance({ vram: '' })) },
      errors: [{ messageId: 'form', line: 9, column: 7, endColumn: 17, severity: 'error', message: /vram_limit \(empty\)/ }],
    },
    {
      name: 'not production-only: stays an error under development',
      profile: 'development',
      files: { 'mig.yaml': mig('true', instance({ profile: '2g.20gb', vram: '40gb' })) },
      errors: [{ messageId: 'aboveProfile', line: 9, severity: 'error' }],
    },
  ],
});
