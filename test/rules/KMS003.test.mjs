import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('KMS003', {
  valid: [
    {
      name: 'pkcs11 with a library',
      files: {
        'security.yaml':
          'hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: "/opt/cloudhsm/lib/libcloudhsm_pkcs11.so"\n    slot_id: 0\n',
      },
    },
    {
      name: 'pkcs11 library from a ${VAR}',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: ${PKCS11_LIB}\n' },
    },
    {
      name: 'stub is supported (KMS001 reports it)',
      files: { 'security.yaml': 'hsm:\n  provider: stub\n  pkcs11:\n    library_path: ""\n' },
    },
    {
      name: 'edition software is KMS001, not KMS003',
      files: {
        'editions/enterprise.yaml': 'edition: ENTERPRISE\nsecurity:\n  enable_hsm: true\n  hsm:\n    provider: software\n',
      },
    },
    { name: 'hsm.provider mock is KMS001 (one finding per value)', files: { 'security.yaml': 'hsm:\n  provider: mock\n' } },
    {
      name: 'MILITARY edition pkcs11 with its library',
      files: {
        'editions/military.yaml':
          'edition: MILITARY\nsecurity:\n  enable_hsm: true\n  hsm:\n    provider: pkcs11\n    pkcs11_library: "/usr/lib/hsm/libpkcs11.so"\n',
      },
    },
    {
      name: 'a key provider is not an HSM provider',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\n  encryption:\n    key_provider: vault\n' },
    },
  ],
  invalid: [
    {
      name: 'security.yaml: a documented provider the server rejects -> warning',
      files: { 'security.yaml': 'hsm:\n  provider: aws_kms\n  aws_kms:\n    region: "us-east-1"\n' },
      errors: [
        {
          messageId: 'unsupported',
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 20,
          severity: 'warning',
          message: /pkcs11 and stub/,
        },
      ],
    },
    {
      name: 'hsm.provider vault in the main config -> warning',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\nhsm:\n  provider: "vault"\n' },
      errors: [{ messageId: 'unsupported', line: 4, column: 13, endColumn: 20, severity: 'warning' }],
    },
    {
      name: 'pkcs11 with an empty library_path -> error on the value',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: ""\n    slot_id: 0\n' },
      errors: [
        { messageId: 'noLibrary', line: 4, column: 19, endColumn: 21, severity: 'error', message: /library_path is empty/ },
      ],
    },
    {
      name: 'pkcs11 without a pkcs11 block -> error on the hsm key',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\n' },
      errors: [{ messageId: 'noLibrary', line: 1, column: 1, endColumn: 4, severity: 'error', message: /missing/ }],
    },
    {
      name: 'HYPERSCALER edition aws_kms -> warning',
      files: {
        'editions/hyperscaler.yaml': 'edition: HYPERSCALER\nsecurity:\n  enable_hsm: true\n  hsm:\n    provider: aws_kms\n',
      },
      errors: [{ messageId: 'unsupportedInGuide', line: 5, column: 15, endColumn: 22, severity: 'warning' }],
    },
    {
      name: 'guide dialect aws_cloudhsm -> warning',
      files: {
        'config.yaml':
          'security:\n  hsm:\n    enabled: true\n    provider: aws_cloudhsm\n    pkcs11_library: /opt/cloudhsm/lib/libcloudhsm_pkcs11.so\n',
      },
      errors: [{ messageId: 'unsupportedInGuide', line: 4, column: 15, severity: 'warning' }],
    },
    {
      name: 'edition pkcs11 without a library -> warning on security.hsm',
      files: {
        'editions/military.yaml':
          'edition: MILITARY\nsecurity:\n  enable_hsm: true\n  hsm:\n    provider: pkcs11\n    # pkcs11_library: ""\n',
      },
      errors: [
        {
          messageId: 'noLibraryInGuide',
          line: 4,
          column: 3,
          endColumn: 6,
          severity: 'warning',
          message: /pkcs11_library is missing/,
        },
      ],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'security.yaml': 'hsm:\n  provider: vault\n' },
      errors: [{ messageId: 'unsupported', line: 2, severity: 'hint' }],
    },
  ],
});
