import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('TLS011', {
  valid: [
    {
      name: 'seed checkpoint signing RSA-4096 and audit ECDSA-P256',
      files: {
        'config.yaml':
          'training:\n  checkpoint:\n    signing:\n      enabled: true\n      algorithm: RSA-4096\nlogging:\n  audit:\n    signing:\n      algorithm: ECDSA-P256\n',
      },
    },
    {
      name: 'shipped security.yaml RSA-SHA256 names no key size',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\n  pkcs11:\n    signature_algorithm: "RSA-SHA256"\n' },
    },
    {
      name: 'a label that mentions rsa-2048 is not an algorithm',
      files: {
        'config.yaml':
          'security:\n  hsm:\n    keys:\n      signing_key:\n        label: themisdb-rsa-2048-key\n        type: RSA-4096\n',
      },
    },
    {
      name: 'AES key size is not RSA',
      files: { 'config.yaml': 'security:\n  hsm:\n    keys:\n      master_key:\n        type: AES\n        key_size: 256\n' },
    },
  ],
  invalid: [
    {
      name: 'checkpoint signing RSA-2048: suggestions RSA-4096 then ECDSA-P256',
      files: { 'config.yaml': 'training:\n  checkpoint:\n    signing:\n      enabled: true\n      algorithm: RSA-2048\n' },
      errors: [
        {
          messageId: 'smallRsaKey',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 26,
          severity: 'warning',
          message: /^RSA-2048 is a 2048-bit RSA key/,
          suggestions: [
            {
              title: 'Use RSA-4096',
              output: 'training:\n  checkpoint:\n    signing:\n      enabled: true\n      algorithm: RSA-4096\n',
            },
            { title: 'Use ECDSA-P256' },
          ],
        },
      ],
    },
    {
      name: 'second suggestion: ECDSA-P256',
      files: { 'config.yaml': 'training:\n  checkpoint:\n    signing:\n      algorithm: "RSA-2048"\n' },
      errors: [
        {
          messageId: 'smallRsaKey',
          line: 4,
          column: 18,
          suggestions: [
            { title: 'Use RSA-4096' },
            { title: 'Use ECDSA-P256', output: 'training:\n  checkpoint:\n    signing:\n      algorithm: "ECDSA-P256"\n' },
          ],
        },
      ],
    },
    {
      name: 'HSM key type RSA-1024',
      files: {
        'config.yaml': 'security:\n  hsm:\n    keys:\n      signing_key:\n        type: RSA-1024\n        extractable: false\n',
      },
      errors: [
        {
          messageId: 'smallRsaKey',
          line: 5,
          column: 15,
          endColumn: 23,
          suggestions: [
            {
              title: 'Use RSA-4096',
              output: 'security:\n  hsm:\n    keys:\n      signing_key:\n        type: RSA-4096\n        extractable: false\n',
            },
            { title: 'Use ECDSA-P256' },
          ],
        },
      ],
    },
    {
      name: 'SHA-1 signature algorithm; a SHA-256 variant is offered too',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\n  pkcs11:\n    signature_algorithm: "RSA-SHA1"\n' },
      errors: [
        {
          messageId: 'weakHash',
          line: 4,
          column: 26,
          endColumn: 36,
          message: /SHA-1/,
          suggestions: [
            { title: 'Use RSA-4096' },
            { title: 'Use ECDSA-P256' },
            { title: 'Use RSA-SHA256', output: 'hsm:\n  provider: pkcs11\n  pkcs11:\n    signature_algorithm: "RSA-SHA256"\n' },
          ],
        },
      ],
    },
    {
      name: 'key_size 2048 next to an RSA type',
      files: { 'config.yaml': 'security:\n  hsm:\n    keys:\n      signing_key:\n        type: RSA\n        key_size: 2048\n' },
      errors: [
        {
          messageId: 'smallRsaSize',
          line: 6,
          column: 19,
          endColumn: 23,
          suggestions: [
            {
              title: 'Use 4096 bits',
              output: 'security:\n  hsm:\n    keys:\n      signing_key:\n        type: RSA\n        key_size: 4096\n',
            },
          ],
        },
      ],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': 'training:\n  checkpoint:\n    signing:\n      algorithm: RSA-2048\n' },
      errors: [
        {
          messageId: 'smallRsaKey',
          line: 4,
          severity: 'hint',
          suggestions: [
            { title: 'Use RSA-4096', output: 'training:\n  checkpoint:\n    signing:\n      algorithm: RSA-4096\n' },
            { title: 'Use ECDSA-P256' },
          ],
        },
      ],
    },
  ],
});
