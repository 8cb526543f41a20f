import { ruleTester } from '../helpers/ruleTester.mjs';

const seed = (cn, org) =>
  `network:\n  tls:\n    client_auth: required\n    client_cert_verification:\n      verify_cn: true\n      allowed_cn_patterns:\n${cn}      verify_organization: true\n      allowed_organizations:\n${org}`;

ruleTester('TLS009', {
  valid: [
    {
      name: 'seed patterns with a fixed part',
      files: {
        'config.yaml': seed('        - "client-*"\n        - "service-*"\n', '        - ThemisDB\n        - TrustedPartner\n'),
      },
    },
    {
      name: 'a star inside another list is not a peer filter',
      files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\ncors:\n  allowed_origins:\n    - "*"\n' },
    },
  ],
  invalid: [
    {
      name: 'bare star in allowed_cn_patterns',
      files: { 'config.yaml': seed('        - "client-*"\n        - "*"\n', '        - ThemisDB\n') },
      errors: [
        { messageId: 'wildcard', line: 8, column: 11, endLine: 8, endColumn: 14, severity: 'warning', message: /common name/ },
      ],
    },
    {
      name: 'bare star in allowed_organizations (flow list)',
      files: { 'config.yaml': 'network:\n  tls:\n    client_cert_verification:\n      allowed_organizations: ["*"]\n' },
      errors: [{ messageId: 'wildcard', line: 4, column: 31, endColumn: 34, message: /organization/ }],
    },
    {
      name: 'a scalar star',
      files: { 'security.yaml': "tls:\n  enabled: true\n  allowed_cn_patterns: '*'\n" },
      errors: [{ messageId: 'wildcard', line: 3, column: 24 }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': seed('        - "*"\n', '        - ThemisDB\n') },
      errors: [{ messageId: 'wildcard', line: 7, severity: 'hint' }],
    },
  ],
});
