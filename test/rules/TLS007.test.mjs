import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('TLS007', {
  valid: [
    {
      name: 'seed: both on',
      files: {
        'config.yaml':
          'network:\n  tls:\n    crl_check: true\n    crl_url: https://crl.example.com/themisdb.crl\n    ocsp_stapling: true\n',
      },
    },
    { name: 'not set', files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n' } },
    {
      name: 'a CRL URL alone is not the switch',
      files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    crl_url: ""\n' },
    },
  ],
  invalid: [
    {
      name: 'crl_check false',
      files: { 'config.yaml': 'network:\n  tls:\n    client_auth: required\n    crl_check: false\n' },
      errors: [
        {
          messageId: 'crlOff',
          line: 4,
          column: 16,
          endColumn: 21,
          severity: 'info',
          message: /revoked/,
          suggestions: [
            { title: 'Set crl_check to true', output: 'network:\n  tls:\n    client_auth: required\n    crl_check: true\n' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'ocsp_stapling false in security.yaml',
      files: { 'security.yaml': 'tls:\n  enabled: true\n  ocsp_stapling: "false"\n' },
      errors: [
        {
          messageId: 'ocspOff',
          line: 3,
          column: 18,
          endColumn: 25,
          severity: 'info',
          message: /OCSP/,
          suggestions: [{ title: 'Set ocsp_stapling to true', output: 'tls:\n  enabled: true\n  ocsp_stapling: true\n' }],
        },
      ],
      output: null,
    },
    {
      name: 'both off: two findings',
      files: { 'config.yaml': 'network:\n  tls:\n    crl_check: no\n    ocsp_stapling: off\n' },
      errors: [
        {
          messageId: 'crlOff',
          line: 3,
          suggestions: [
            { title: 'Set crl_check to true', output: 'network:\n  tls:\n    crl_check: true\n    ocsp_stapling: off\n' },
          ],
        },
        {
          messageId: 'ocspOff',
          line: 4,
          suggestions: [
            { title: 'Set ocsp_stapling to true', output: 'network:\n  tls:\n    crl_check: no\n    ocsp_stapling: true\n' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': 'network:\n  tls:\n    crl_check: false\n' },
      errors: [
        {
          messageId: 'crlOff',
          line: 3,
          severity: 'hint',
          suggestions: [{ title: 'Set crl_check to true', output: 'network:\n  tls:\n    crl_check: true\n' }],
        },
      ],
      output: null,
    },
  ],
});
