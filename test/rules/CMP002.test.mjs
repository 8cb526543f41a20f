import { ruleTester } from '../helpers/ruleTester.mjs';

const gdpr = (retention) => `storage:
  encryption:
    enabled: true
compliance:
  gdpr:
    enabled: true
    # Data subject rights
    data_subject_rights:
      - right_to_access
      - right_to_erasure
${retention}`;

ruleTester('CMP002', {
  valid: [
    {
      name: 'guide retention',
      files: {
        'config.yaml': gdpr('    # Data retention\n    retention:\n      default_period: 365 # days\n      auto_delete: true\n'),
      },
    },
    { name: 'GDPR off', files: { 'config.yaml': gdpr('').replace('enabled: true\n    #', 'enabled: false\n    #') } },
    {
      name: 'period from a variable',
      files: { 'config.yaml': gdpr('    retention:\n      default_period: ${GDPR_RETENTION_DAYS}\n      auto_delete: true\n') },
    },
    {
      name: 'auto_delete false outside GDPR',
      files: {
        'config.yaml': gdpr('    retention:\n      default_period: 30\n') + 'backup:\n  retention:\n    auto_delete: false\n',
      },
    },
  ],
  invalid: [
    {
      name: 'no retention block: reported on gdpr',
      files: { 'config.yaml': gdpr('') },
      errors: [{ messageId: 'noPeriod', line: 5, column: 3, endColumn: 7, severity: 'warning', message: /retention period/ }],
    },
    {
      name: 'retention without a period: reported on retention',
      files: { 'config.yaml': gdpr('    retention:\n      auto_delete: true\n') },
      errors: [{ messageId: 'noPeriod', line: 11, column: 5, endColumn: 14, severity: 'warning' }],
    },
    {
      name: 'auto_delete false',
      files: { 'config.yaml': gdpr('    retention:\n      default_period: 365\n      auto_delete: false\n') },
      errors: [{ messageId: 'autoDeleteOff', line: 13, column: 20, endColumn: 25, severity: 'warning', message: /auto_delete/ }],
    },
    {
      name: 'period zero',
      files: { 'config.yaml': gdpr('    retention:\n      default_period: 0\n      auto_delete: true\n') },
      errors: [{ messageId: 'emptyPeriod', line: 12, column: 23, severity: 'warning' }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': gdpr('') },
      errors: [{ messageId: 'noPeriod', line: 5, severity: 'hint' }],
    },
  ],
});
