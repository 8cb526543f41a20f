import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('DOT001', {
  valid: [
    {
      name: 'distinct keys; a commented-out duplicate does not count',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\n# THEMIS_PRODUCTION_MODE=0\nTHEMIS_ENVIRONMENT=production\n' },
    },
    {
      name: 'a multi-line value that mentions KEY= lines',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_CORS_ALLOWED_ORIGINS="\nTHEMIS_PRODUCTION_MODE=0\n"\n' },
    },
    {
      name: 'names differ only in case (environment names are case-sensitive)',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nthemis_production_mode=0\n' },
    },
  ],
  invalid: [
    {
      name: 'the earlier definition is reported, the later wins',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=0\nTHEMIS_ENVIRONMENT=production\nTHEMIS_PRODUCTION_MODE=1\n' },
      errors: [
        {
          messageId: 'duplicate',
          line: 1,
          column: 1,
          endColumn: 23,
          severity: 'error',
          message: /line 3/,
          suggestions: [
            {
              title: 'Remove this earlier definition of THEMIS_PRODUCTION_MODE',
              output: 'THEMIS_ENVIRONMENT=production\nTHEMIS_PRODUCTION_MODE=1\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'three definitions, export prefix, a multi-line value: every earlier one reported',
      files: {
        '.env':
          'THEMIS_PRODUCTION_MODE=1\nexport THEMIS_PKI_CERTIFICATE="-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"\nTHEMIS_LOG_LEVEL=info\nTHEMIS_PKI_CERTIFICATE=/etc/themisdb/tls/server.crt\nTHEMIS_PKI_CERTIFICATE=/etc/themisdb/tls/other.crt\n',
      },
      errors: [
        {
          messageId: 'duplicate',
          line: 2,
          column: 8,
          message: /line 7/,
          suggestions: [
            {
              title: 'Remove this earlier definition of THEMIS_PKI_CERTIFICATE',
              output:
                'THEMIS_PRODUCTION_MODE=1\nTHEMIS_LOG_LEVEL=info\nTHEMIS_PKI_CERTIFICATE=/etc/themisdb/tls/server.crt\nTHEMIS_PKI_CERTIFICATE=/etc/themisdb/tls/other.crt\n',
            },
          ],
        },
        {
          messageId: 'duplicate',
          line: 6,
          column: 1,
          message: /line 7/,
          suggestions: [
            {
              title: 'Remove this earlier definition of THEMIS_PKI_CERTIFICATE',
              output:
                'THEMIS_PRODUCTION_MODE=1\nexport THEMIS_PKI_CERTIFICATE="-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"\nTHEMIS_LOG_LEVEL=info\nTHEMIS_PKI_CERTIFICATE=/etc/themisdb/tls/other.crt\n',
            },
          ],
        },
      ],
    },
    {
      name: 'in a template too, last line without line break',
      files: { '.env.example': 'THEMIS_TOKEN_ADMIN=\nTHEMIS_HSM_PIN=\nTHEMIS_TOKEN_ADMIN=' },
      errors: [
        {
          messageId: 'duplicate',
          line: 1,
          suggestions: [
            { title: 'Remove this earlier definition of THEMIS_TOKEN_ADMIN', output: 'THEMIS_HSM_PIN=\nTHEMIS_TOKEN_ADMIN=' },
          ],
        },
      ],
    },
  ],
});
