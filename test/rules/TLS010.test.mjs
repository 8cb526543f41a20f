import { ruleTester } from '../helpers/ruleTester.mjs';

const vault = (v) =>
  `hsm:\n  provider: pkcs11\n  vault:\n    address: "https://vault.internal.example:8200"\n    # Enable TLS verification (set false only for testing)\n    tls_verify: ${v}\n`;

ruleTester('TLS010', {
  valid: [
    { name: 'shipped security.yaml: verification on', files: { 'security.yaml': vault('true') } },
    {
      name: 'a backup verification pass is not TLS',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\nbackup:\n  verify: false\n  backup_directory: ./backups\n' },
    },
    {
      name: 'insecure_skip_verify false is the safe value',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nllm:\n  remote:\n    url: https://llm.internal\n    insecure_skip_verify: false\n',
      },
    },
    {
      name: 'verify_cn is a subject filter, not verification',
      files: { 'config.yaml': 'network:\n  tls:\n    client_cert_verification:\n      verify_cn: false\n' },
    },
  ],
  invalid: [
    {
      name: 'hsm.vault.tls_verify false (comment kept)',
      files: { 'security.yaml': vault('false') },
      errors: [
        {
          messageId: 'verifyOff',
          line: 6,
          column: 17,
          endLine: 6,
          endColumn: 22,
          severity: 'error',
          message: /hsm\.vault\.tls_verify/,
          suggestions: [{ title: 'Set tls_verify to true', output: vault('true') }],
        },
      ],
      output: null,
    },
    {
      name: 'edition *_tls_verify',
      files: { 'editions/military.yaml': 'edition: MILITARY\nbackup:\n  cloud_backup: true\n  s3_tls_verify: "false"\n' },
      errors: [
        {
          messageId: 'verifyOff',
          line: 4,
          column: 18,
          endColumn: 25,
          suggestions: [
            {
              title: 'Set s3_tls_verify to true',
              output: 'edition: MILITARY\nbackup:\n  cloud_backup: true\n  s3_tls_verify: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'insecure_skip_verify true',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nllm:\n  remote:\n    url: https://llm.internal\n    insecure_skip_verify: yes\n',
      },
      errors: [{ messageId: 'verifyOff', line: 6, column: 27, endColumn: 30 }],
      output:
        'storage:\n  rocksdb_path: /data\nllm:\n  remote:\n    url: https://llm.internal\n    insecure_skip_verify: false\n',
    },
    {
      name: 'bare verify next to a URL',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nexporters:\n  elastic:\n    url: https://es.example.com:9200\n    verify: false\n',
      },
      errors: [{ messageId: 'verifyOff', line: 6, column: 13 }],
      output: 'storage:\n  rocksdb_path: /data\nexporters:\n  elastic:\n    url: https://es.example.com:9200\n    verify: true\n',
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'security.yaml': vault('false') },
      errors: [
        {
          messageId: 'verifyOff',
          line: 6,
          severity: 'hint',
          suggestions: [{ title: 'Set tls_verify to true', output: vault('true') }],
        },
      ],
      output: null,
    },
  ],
});
