import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('DOT002', {
  valid: [
    {
      name: 'entries, export, comments, blanks, CRLF',
      files: {
        '.env':
          '# ThemisDB\r\n\r\nTHEMIS_PRODUCTION_MODE=1\r\nexport THEMIS_ENVIRONMENT=production  # prod\r\n   # indented comment\r\nTHEMIS_TOKEN_ADMIN=\r\n',
      },
    },
    {
      name: 'multi-line quoted values produce no noise',
      files: {
        '.env':
          'THEMIS_PRODUCTION_MODE=1\nTHEMIS_RANGER_POLICY_JSON=\'{\n  "service": "themis",\n  "allow": [ "read", "write" ]\n}\'\nTHEMIS_PKI_CERTIFICATE="-----BEGIN CERTIFICATE-----\nMIIB with spaces # and hash\n-----END CERTIFICATE-----"\n',
      },
    },
    { name: 'a key with blanks is DOT003', files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS LOG_LEVEL=info\n' } },
    {
      name: 'the rest of an unterminated quote is DOT004 alone',
      files: {
        '.env':
          'THEMIS_PRODUCTION_MODE=1\nTHEMIS_CORS_ALLOWED_ORIGINS="https://a.example.com\nhttps://b.example.com\nTHEMIS_LOG_LEVEL=info\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a line without "="',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_LOG_LEVEL info\n' },
      errors: [{ messageId: 'invalidLine', line: 2, column: 1, endColumn: 22, severity: 'error' }],
    },
    {
      name: 'missing key, garbage, indented',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\n=value\n  just some words\n1KEY=1\n' },
      errors: [
        { messageId: 'invalidLine', line: 2, column: 1 },
        { messageId: 'invalidLine', line: 3, column: 3, endColumn: 18 },
        { messageId: 'invalidLine', line: 4, column: 1 },
      ],
    },
  ],
});
