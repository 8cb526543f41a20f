import { ruleTester } from '../helpers/ruleTester.mjs';

const seed = (list) => `network:\n  tls:\n    min_version: "1.2"\n    cipher_suites:\n${list}    session_tickets: false\n`;

ruleTester('TLS003', {
  valid: [
    {
      name: 'seed TLS 1.3 suites (AES-128-GCM is AEAD too)',
      files: {
        'config.yaml': seed(
          '      - TLS_AES_256_GCM_SHA384\n      - TLS_CHACHA20_POLY1305_SHA256\n      - TLS_AES_128_GCM_SHA256\n',
        ),
      },
    },
    {
      name: 'core sample: empty cipher list means library defaults',
      files: { 'config.yaml': 'server:\n  enable_tls: true\n  tls_cipher_list: ""\n' },
    },
    {
      name: 'OpenSSL string with AEAD suites and exclusions',
      files: {
        'config.yaml':
          'server:\n  enable_tls: true\n  tls_cipher_list: "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:!aNULL:!MD5:!RC4"\n',
      },
    },
    {
      name: 'edition dialect list',
      files: {
        'editions/military.yaml':
          'edition: MILITARY\nsecurity:\n  enable_tls: true\n  tls_cipher_suites:\n    - TLS_AES_256_GCM_SHA384\n    - TLS_CHACHA20_POLY1305_SHA256\n',
      },
    },
    {
      name: 'a cipher list outside any TLS block is not a TLS setting',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\n  encryption:\n    algorithm: AES-256-GCM\nbackup:\n  ciphers:\n    - DES-CBC3-SHA\n',
      },
    },
  ],
  invalid: [
    {
      name: 'seed list with a CBC suite: replaced by the two recommended suites',
      files: { 'config.yaml': seed('      - TLS_AES_256_GCM_SHA384\n      - ECDHE-RSA-AES128-SHA        # CBC\n') },
      errors: [
        {
          messageId: 'weakSuite',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 29,
          severity: 'error',
          message: /CBC/,
          suggestions: [
            {
              title: 'Use only TLS_AES_256_GCM_SHA384 and TLS_CHACHA20_POLY1305_SHA256',
              output: seed('      - TLS_AES_256_GCM_SHA384\n      - TLS_CHACHA20_POLY1305_SHA256        # CBC\n'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'unknown TLS 1.3 suite name',
      files: { 'config.yaml': seed('      - TLS_AES_256_GCM_SHA512\n') },
      errors: [
        {
          messageId: 'unknownSuite',
          line: 5,
          column: 9,
          severity: 'error',
          message: /TLS 1\.3 cipher suites/,
          suggestions: [
            {
              title: 'Use only TLS_AES_256_GCM_SHA384 and TLS_CHACHA20_POLY1305_SHA256',
              output: seed('      - TLS_AES_256_GCM_SHA384\n      - TLS_CHACHA20_POLY1305_SHA256\n'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'one finding per weak entry',
      files: { 'config.yaml': seed('      - RC4-MD5\n      - TLS_AES_256_GCM_SHA384\n      - ADH-AES256-GCM-SHA384\n') },
      errors: [
        {
          messageId: 'weakSuite',
          line: 5,
          message: /RC4/,
          suggestions: [
            {
              title: 'Use only TLS_AES_256_GCM_SHA384 and TLS_CHACHA20_POLY1305_SHA256',
              output: seed('      - TLS_AES_256_GCM_SHA384\n      - TLS_CHACHA20_POLY1305_SHA256\n'),
            },
          ],
        },
        {
          messageId: 'weakSuite',
          line: 7,
          message: /anonymous/,
          suggestions: [
            {
              title: 'Use only TLS_AES_256_GCM_SHA384 and TLS_CHACHA20_POLY1305_SHA256',
              output: seed('      - TLS_AES_256_GCM_SHA384\n      - TLS_CHACHA20_POLY1305_SHA256\n'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'core OpenSSL cipher string: one finding on the value, fix keeps the quotes',
      files: {
        'config.yaml': 'server:\n  enable_tls: true\n  tls_cipher_list: "ECDHE-RSA-AES256-GCM-SHA384:DES-CBC3-SHA:RC4-MD5"\n',
      },
      errors: [
        {
          messageId: 'weakList',
          line: 3,
          column: 20,
          endColumn: 70,
          severity: 'error',
          message: /DES-CBC3-SHA, RC4-MD5/,
          suggestions: [
            {
              title: 'Use only TLS_AES_256_GCM_SHA384 and TLS_CHACHA20_POLY1305_SHA256',
              output: 'server:\n  enable_tls: true\n  tls_cipher_list: "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'edition flow list with an IANA 3DES suite',
      files: {
        'editions/enterprise.yaml':
          'edition: ENTERPRISE\nsecurity:\n  enable_tls: true\n  tls_cipher_suites: [TLS_AES_256_GCM_SHA384, TLS_RSA_WITH_3DES_EDE_CBC_SHA]\n',
      },
      errors: [
        {
          messageId: 'weakSuite',
          line: 4,
          column: 47,
          message: /3DES/,
          suggestions: [
            {
              title: 'Use only TLS_AES_256_GCM_SHA384 and TLS_CHACHA20_POLY1305_SHA256',
              output:
                'edition: ENTERPRISE\nsecurity:\n  enable_tls: true\n  tls_cipher_suites: [TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256]\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'NULL and EXPORT suites',
      files: { 'security.yaml': 'tls:\n  enabled: true\n  cipher_suites:\n    - NULL-SHA256\n    - EXP-RC4-MD5\n' },
      errors: [
        {
          messageId: 'weakSuite',
          line: 4,
          message: /NULL/,
          suggestions: [
            {
              title: 'Use only TLS_AES_256_GCM_SHA384 and TLS_CHACHA20_POLY1305_SHA256',
              output:
                'tls:\n  enabled: true\n  cipher_suites:\n    - TLS_AES_256_GCM_SHA384\n    - TLS_CHACHA20_POLY1305_SHA256\n',
            },
          ],
        },
        {
          messageId: 'weakSuite',
          line: 5,
          message: /export/,
          suggestions: [
            {
              title: 'Use only TLS_AES_256_GCM_SHA384 and TLS_CHACHA20_POLY1305_SHA256',
              output:
                'tls:\n  enabled: true\n  cipher_suites:\n    - TLS_AES_256_GCM_SHA384\n    - TLS_CHACHA20_POLY1305_SHA256\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a list with a ${VAR} item: no fix (the list rewrite would drop the variable)',
      files: {
        'config.yaml': seed('      - ${EXTRA_SUITE}\n      - RC4-MD5\n'),
        '.env': 'THEMIS_PRODUCTION_MODE=1\nEXTRA_SUITE=TLS_AES_128_GCM_SHA256\n',
      },
      errors: [{ messageId: 'weakSuite', line: 6, column: 9, message: /RC4/ }],
      output: null,
    },
    {
      name: 'a cipher string from a ${VAR}: reported, fixed in the .env, not here',
      files: {
        'config.yaml': 'server:\n  enable_tls: true\n  tls_cipher_list: "${CIPHERS}"\n',
        '.env': 'THEMIS_PRODUCTION_MODE=1\nCIPHERS=RC4-MD5\n',
      },
      errors: [{ messageId: 'weakSuite', line: 3, column: 20, message: /RC4/ }],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': seed('      - AES128-SHA\n') },
      errors: [
        {
          messageId: 'weakSuite',
          line: 5,
          severity: 'hint',
          suggestions: [
            {
              title: 'Use only TLS_AES_256_GCM_SHA384 and TLS_CHACHA20_POLY1305_SHA256',
              output: seed('      - TLS_AES_256_GCM_SHA384\n      - TLS_CHACHA20_POLY1305_SHA256\n'),
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
