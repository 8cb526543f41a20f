import { ruleTester } from '../helpers/ruleTester.mjs';

const seed = (v, extra = '') =>
  `# ThemisDB network settings\nnetwork:\n  tls:\n    enabled: true\n    min_version: ${v}   # see SECURITY_POSTURE\n${extra}`;

ruleTester('TLS002', {
  valid: [
    { name: 'seed dialect 1.3', files: { 'config.yaml': seed('"1.3"') } },
    { name: 'core dialect TLSv1.3', files: { 'config.yaml': 'server:\n  enable_tls: true\n  tls_min_version: "TLSv1.3"\n' } },
    { name: 'edition dialect 1.3', files: { 'config.yaml': 'security:\n  enable_tls: true\n  tls_min_version: "1.3"\n' } },
    { name: 'unrelated min_version', files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\nllm:\n  min_version: "1.0"\n' } },
    {
      name: 'foreign config.yaml',
      files: { 'config.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  tls:\n    min_version: "1.0"\n' },
    },
  ],
  invalid: [
    {
      name: 'seed 1.2 is a warning; fix keeps quotes and comment',
      files: { 'config.yaml': seed('"1.2"') },
      errors: [
        {
          messageId: 'tls12',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 23,
          severity: 'warning',
          suggestions: [{ title: 'Set min_version to "1.3"', output: seed('"1.3"') }],
        },
      ],
      output: null,
    },
    {
      name: 'seed 1.0 is an error',
      files: { 'config.yaml': seed("'1.0'") },
      errors: [
        {
          messageId: 'belowTls12',
          line: 5,
          column: 18,
          severity: 'error',
          message: /older than TLS 1\.2/,
          suggestions: [{ title: 'Set min_version to "1.3"', output: seed("'1.3'") }],
        },
      ],
      output: null,
    },
    {
      name: 'plain number 1.1',
      files: { 'config.yaml': seed('1.1') },
      errors: [
        {
          messageId: 'belowTls12',
          line: 5,
          severity: 'error',
          message: /1\.1/,
          suggestions: [{ title: 'Set min_version to 1.3', output: seed('1.3') }],
        },
      ],
      output: null,
    },
    {
      name: 'core dialect TLSv1.2 -> TLSv1.3',
      files: {
        'config.yaml': 'server:\n  host: 0.0.0.0\n  enable_tls: true\n  tls_min_version: "TLSv1.2"  # allow old clients\n',
      },
      errors: [
        {
          messageId: 'tls12',
          line: 4,
          column: 20,
          endColumn: 29,
          severity: 'warning',
          suggestions: [
            {
              title: 'Set tls_min_version to "TLSv1.3"',
              output: 'server:\n  host: 0.0.0.0\n  enable_tls: true\n  tls_min_version: "TLSv1.3"  # allow old clients\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'core dialect TLSv1.1 plain',
      files: { 'config.yaml': 'server:\n  enable_tls: true\n  tls_min_version: TLSv1.1\n' },
      errors: [
        {
          messageId: 'belowTls12',
          line: 3,
          severity: 'error',
          suggestions: [
            { title: 'Set tls_min_version to "TLSv1.3"', output: 'server:\n  enable_tls: true\n  tls_min_version: TLSv1.3\n' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'security.yaml dialect',
      files: { 'security.yaml': 'tls:\n  enabled: true\n  min_version: "1.1"\nhsm:\n  provider: pkcs11\n' },
      errors: [
        {
          messageId: 'belowTls12',
          line: 3,
          severity: 'error',
          suggestions: [
            {
              title: 'Set min_version to "1.3"',
              output: 'tls:\n  enabled: true\n  min_version: "1.3"\nhsm:\n  provider: pkcs11\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'max below min',
      files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    min_version: "1.3"\n    max_version: "1.2"\n' },
      errors: [
        {
          messageId: 'maxBelowMin',
          line: 5,
          severity: 'error',
          message: /maximum/,
          suggestions: [
            {
              title: 'Set max_version to "1.3"',
              output: 'network:\n  tls:\n    enabled: true\n    min_version: "1.3"\n    max_version: "1.3"\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': seed('"1.0"') },
      errors: [
        {
          messageId: 'belowTls12',
          line: 5,
          severity: 'hint',
          suggestions: [{ title: 'Set min_version to "1.3"', output: seed('"1.3"') }],
        },
      ],
      output: null,
    },
    {
      name: '${VAR} resolved from the sibling .env',
      files: { 'config.yaml': seed('"${TLS_MIN}"'), '.env': 'THEMIS_PRODUCTION_MODE=1\nTLS_MIN=1.1\n' },
      errors: [{ messageId: 'belowTls12', line: 5, severity: 'error' }],
      // the value lives in the .env: no fix rewrites "${TLS_MIN}" here
      output: null,
    },
  ],
});
