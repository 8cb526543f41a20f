import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('KMS001', {
  valid: [
    {
      name: 'real PKCS#11 HSM',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/libCryptoki2_64.so\n' },
    },
    {
      name: 'MILITARY edition: pkcs11',
      files: {
        'editions/military.yaml':
          'edition: MILITARY\nsecurity:\n  enable_hsm: true\n  hsm:\n    provider: pkcs11\n    pkcs11_library: "/usr/lib/hsm/libpkcs11.so"\n',
      },
    },
    {
      name: 'edition with the HSM switched off',
      files: {
        'editions/community.yaml': 'edition: COMMUNITY\nsecurity:\n  enable_hsm: false\n  hsm:\n    provider: software\n',
      },
    },
    {
      name: 'a provider key outside an HSM block',
      files: {
        'config.yaml': 'storage:\n  rocksdb_path: /data\n  encryption:\n    key_provider: stub\nllm:\n  provider: mock\n',
      },
    },
  ],
  invalid: [
    {
      name: 'shipped security.yaml: stub',
      files: { 'security.yaml': 'hsm:\n  provider: stub  # DEVELOPMENT ONLY\n  pkcs11:\n    library_path: ""\n' },
      errors: [
        {
          messageId: 'stub',
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 17,
          severity: 'error',
          message: /^HSM provider stub is a software stand-in/,
        },
      ],
    },
    {
      name: 'hsm block of the main config, quoted',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\nhsm:\n  provider: "stub"\n' },
      errors: [{ messageId: 'stub', line: 4, column: 13, endColumn: 19 }],
    },
    {
      name: 'ENTERPRISE edition: software',
      files: {
        'editions/enterprise.yaml':
          'edition: ENTERPRISE\nsecurity:\n  enable_tls: true\n  enable_hsm: true\n  hsm:\n    provider: software      # software | aws_kms | azure_key_vault | pkcs11\n',
      },
      errors: [
        {
          messageId: 'guideStub',
          line: 6,
          column: 15,
          endColumn: 23,
          severity: 'error',
          message: /^HSM provider software is a software stand-in rather than hardware\./,
        },
      ],
    },
    {
      name: 'server-read dialect: "software" is a stub too (and the message says the server rejects the name)',
      files: { 'security.yaml': 'hsm:\n  provider: software\n' },
      errors: [
        {
          messageId: 'stubUnknownToServer',
          line: 2,
          column: 13,
          endColumn: 21,
          severity: 'error',
          message: /software stand-in that the server also rejects\..*knows only pkcs11 and stub/,
        },
      ],
    },
    {
      name: 'guide dialect: mock',
      files: { 'config.yaml': 'security:\n  hsm:\n    enabled: true\n    provider: mock\n' },
      errors: [{ messageId: 'guideStub', line: 4, column: 15 }],
    },
    {
      name: '${VAR} resolved from the sibling .env',
      files: { 'security.yaml': 'hsm:\n  provider: ${HSM_PROVIDER}\n', '.env': 'THEMIS_PRODUCTION_MODE=1\nHSM_PROVIDER=stub\n' },
      errors: [{ messageId: 'stub', line: 2, column: 13 }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'security.yaml': 'hsm:\n  provider: stub\n' },
      errors: [{ messageId: 'stub', line: 2, severity: 'hint' }],
    },
  ],
});
