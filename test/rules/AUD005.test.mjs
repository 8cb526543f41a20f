import { ruleTester } from '../helpers/ruleTester.mjs';

const guide = (imm, sign) => `logging:
  audit:
    enabled: true
    # Immutable logging
    immutable:
      enabled: ${imm}
      backend: append-only-log
    # Digital signatures
    signing:
      enabled: ${sign}
      algorithm: ECDSA-P256
      key_id: audit-signing-key
`;

ruleTester('AUD005', {
  valid: [
    { name: 'guide values', files: { 'config.yaml': guide('true', 'true') } },
    { name: 'blocks absent (only explicit false counts)', files: { 'config.yaml': 'logging:\n  audit:\n    enabled: true\n' } },
    {
      name: 'checkpoint signing off is ENC006, not AUD005',
      files: { 'config.yaml': guide('true', 'true') + 'training:\n  checkpoint:\n    signing:\n      enabled: false\n' },
    },
  ],
  invalid: [
    {
      name: 'signing off',
      files: { 'config.yaml': guide('true', 'false') },
      errors: [
        {
          messageId: 'unsigned',
          line: 10,
          column: 16,
          endColumn: 21,
          severity: 'warning',
          message: /not signed/,
          suggestions: [{ title: 'Set signing.enabled to true', output: guide('true', 'true') }],
        },
      ],
      output: null,
    },
    {
      name: 'immutable off',
      files: { 'config.yaml': guide('false', 'true') },
      errors: [
        {
          messageId: 'mutable',
          line: 6,
          column: 16,
          severity: 'warning',
          message: /immutable/,
          suggestions: [{ title: 'Set immutable.enabled to true', output: guide('true', 'true') }],
        },
      ],
      output: null,
    },
    {
      name: 'security.yaml dialect, scalar switch',
      files: {
        'security.yaml': 'hsm:\n  provider: pkcs11\naudit:\n  enabled: true\n  log_path: ./logs/audit.log\n  signing: false\n',
      },
      errors: [
        {
          messageId: 'unsigned',
          line: 6,
          column: 12,
          severity: 'warning',
          suggestions: [
            {
              title: 'Set signing.enabled to true',
              output: 'hsm:\n  provider: pkcs11\naudit:\n  enabled: true\n  log_path: ./logs/audit.log\n  signing: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': guide('true', 'off') },
      errors: [
        {
          messageId: 'unsigned',
          line: 10,
          severity: 'hint',
          suggestions: [{ title: 'Set signing.enabled to true', output: guide('true', 'true') }],
        },
      ],
      output: null,
    },
  ],
});
