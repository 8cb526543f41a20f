import { ruleTester } from '../helpers/ruleTester.mjs';

const storage = (alg) => `storage:
  data_dir: /data/themisdb
  encryption:
    enabled: true
    # Encryption algorithm
    algorithm: ${alg}
    key_provider: vault
`;

const security = (alg) => `field_encryption:
  enabled: true
  # Encryption algorithm (AES-256-GCM recommended)
  algorithm: ${alg}
`;

const checkpoint = (alg) => `training:
  checkpoint:
    encryption:
      enabled: true
      algorithm: ${alg}
      compress_before_encrypt: true
    signing:
      enabled: true
      algorithm: RSA-4096
`;

ruleTester('ENC002', {
  valid: [
    { name: 'AES-256-GCM', files: { 'config.yaml': storage('AES-256-GCM') } },
    { name: 'ChaCha20-Poly1305 quoted', files: { 'security.yaml': security('"ChaCha20-Poly1305"') } },
    { name: 'XChaCha20-Poly1305 lower case', files: { 'config.yaml': storage('xchacha20-poly1305') } },
    { name: 'signing algorithm RSA-4096 is not an at-rest cipher', files: { 'config.yaml': checkpoint('AES-256-GCM') } },
    {
      name: 'HSM key type and audit signing algorithm are ignored',
      files: {
        'config.yaml':
          'security:\n  hsm:\n    keys:\n      master_key:\n        type: AES-256\nlogging:\n  audit:\n    enabled: true\n    signing:\n      enabled: true\n      algorithm: ECDSA-P256\n',
      },
    },
    {
      name: 'TLS cipher suites are TLS003 territory',
      files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    cipher_suites:\n      - TLS_AES_128_GCM_SHA256\n' },
    },
    { name: 'unresolved variable', files: { 'config.yaml': storage('${AT_REST_ALG}') } },
  ],
  invalid: [
    {
      name: 'AES-128-GCM is a warning',
      files: { 'security.yaml': security('"AES-128-GCM"') },
      errors: [
        {
          messageId: 'shortKey',
          line: 4,
          column: 14,
          endColumn: 27,
          severity: 'warning',
          message: /AES-128-GCM/,
          suggestions: [{ title: 'Use AES-256-GCM', output: security('"AES-256-GCM"') }],
        },
      ],
      output: null,
    },
    {
      name: 'AES-256-CBC is an error',
      files: { 'config.yaml': storage('AES-256-CBC   # legacy') },
      errors: [
        {
          messageId: 'weakCipher',
          line: 6,
          column: 16,
          endColumn: 27,
          severity: 'error',
          suggestions: [{ title: 'Use AES-256-GCM', output: storage('AES-256-GCM   # legacy') }],
        },
      ],
      output: null,
    },
    {
      name: 'ECB, 3DES and RC4',
      files: {
        'config.yaml':
          storage('AES-128-ECB') + 'llm:\n  encryption:\n    enabled: true\n    algorithm: 3DES\n' + checkpoint("'RC4'"),
      },
      errors: [
        {
          messageId: 'weakCipher',
          line: 6,
          severity: 'error',
          suggestions: [
            {
              title: 'Use AES-256-GCM',
              output:
                "storage:\n  data_dir: /data/themisdb\n  encryption:\n    enabled: true\n    # Encryption algorithm\n    algorithm: AES-256-GCM\n    key_provider: vault\nllm:\n  encryption:\n    enabled: true\n    algorithm: 3DES\ntraining:\n  checkpoint:\n    encryption:\n      enabled: true\n      algorithm: 'RC4'\n      compress_before_encrypt: true\n    signing:\n      enabled: true\n      algorithm: RSA-4096\n",
            },
          ],
        },
        {
          messageId: 'weakCipher',
          line: 11,
          column: 16,
          severity: 'error',
          suggestions: [
            {
              title: 'Use AES-256-GCM',
              output:
                "storage:\n  data_dir: /data/themisdb\n  encryption:\n    enabled: true\n    # Encryption algorithm\n    algorithm: AES-128-ECB\n    key_provider: vault\nllm:\n  encryption:\n    enabled: true\n    algorithm: AES-256-GCM\ntraining:\n  checkpoint:\n    encryption:\n      enabled: true\n      algorithm: 'RC4'\n      compress_before_encrypt: true\n    signing:\n      enabled: true\n      algorithm: RSA-4096\n",
            },
          ],
        },
        { messageId: 'weakCipher', line: 16, column: 18, severity: 'error' },
      ],
      output:
        "storage:\n  data_dir: /data/themisdb\n  encryption:\n    enabled: true\n    # Encryption algorithm\n    algorithm: AES-128-ECB\n    key_provider: vault\nllm:\n  encryption:\n    enabled: true\n    algorithm: 3DES\ntraining:\n  checkpoint:\n    encryption:\n      enabled: true\n      algorithm: 'AES-256-GCM'\n      compress_before_encrypt: true\n    signing:\n      enabled: true\n      algorithm: RSA-4096\n",
    },
    {
      name: 'checkpoint DES, fix keeps single quotes',
      files: { 'config.yaml': checkpoint("'DES-CBC'") },
      errors: [{ messageId: 'weakCipher', line: 5, column: 18, severity: 'error' }],
      output: checkpoint("'AES-256-GCM'"),
    },
    {
      name: 'resolved from .env',
      files: { 'config.yaml': storage('${AT_REST_ALG}'), '.env': 'THEMIS_PRODUCTION_MODE=1\nAT_REST_ALG=aes-256-cbc\n' },
      errors: [{ messageId: 'weakCipher', line: 6, severity: 'error' }],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': storage('AES-128-GCM') },
      errors: [
        {
          messageId: 'shortKey',
          line: 6,
          severity: 'hint',
          suggestions: [{ title: 'Use AES-256-GCM', output: storage('AES-256-GCM') }],
        },
      ],
      output: null,
    },
  ],
});
