import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('TLS006', {
  valid: [
    {
      name: 'seed dialect with cert and key files',
      files: {
        'config.yaml':
          'network:\n  tls:\n    enabled: true\n    cert_file: /etc/themisdb/certs/server.crt\n    key_file: /etc/themisdb/certs/server.key\n',
      },
    },
    {
      name: 'core dialect with paths',
      files: {
        'config.yaml':
          'server:\n  enable_tls: true\n  tls_cert_path: "/etc/themisdb/tls/server.crt"\n  tls_key_path: "/etc/themisdb/tls/server.key"\n',
      },
    },
    {
      name: 'edition dialect with paths',
      files: {
        'editions/enterprise.yaml':
          'edition: ENTERPRISE\nsecurity:\n  enable_tls: true\n  tls_cert: "/etc/themisdb/tls/cert.pem"\n  tls_key:  "/etc/themisdb/tls/key.pem"\n',
      },
    },
    {
      name: '${VAR} references count as paths',
      files: { 'security.yaml': 'tls:\n  enabled: true\n  cert_file: ${TLS_CERT}\n  key_file: "${TLS_KEY}"\n' },
    },
    {
      name: 'TLS off: empty paths are TLS001 business',
      files: { 'config.yaml': 'server:\n  enable_tls: false\n  tls_cert_path: ""\n  tls_key_path: ""\n' },
    },
    {
      name: 'gRPC block with its own files',
      files: {
        'config.yaml':
          'grpc:\n  tls:\n    enabled: true\n    cert_file: /etc/themisdb/certs/grpc-server.crt\n    key_file: /etc/themisdb/certs/grpc-server.key\n    client_auth: required\n',
      },
    },
  ],
  invalid: [
    {
      name: 'edition dialect: both missing -> one finding on the security key',
      files: { 'editions/enterprise.yaml': 'edition: ENTERPRISE\nsecurity:\n  enable_tls: true\n  tls_min_version: "1.3"\n' },
      errors: [
        {
          messageId: 'pathsMissing',
          line: 2,
          column: 1,
          endColumn: 9,
          severity: 'error',
          message:
            /but tls_cert and tls_key are missing\. No TLS handshake can complete without the certificate path \(tls_cert\) and private key path \(tls_key\)/,
          suggestions: [
            {
              title: 'Add placeholder tls_cert and tls_key',
              output:
                'edition: ENTERPRISE\nsecurity:\n  enable_tls: true\n  tls_min_version: "1.3"\n  tls_cert: "/etc/themisdb/tls/cert.pem"\n  tls_key: "/etc/themisdb/tls/key.pem"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'core dialect: both empty -> one finding per value',
      files: { 'config.yaml': 'server:\n  enable_tls: true\n  tls_cert_path: ""\n  tls_key_path: ""\n' },
      errors: [
        {
          messageId: 'pathEmpty',
          line: 3,
          column: 18,
          endColumn: 20,
          message: /server\.tls_cert_path is empty/,
          suggestions: [
            {
              title: 'Add placeholder tls_cert_path and tls_key_path',
              output:
                'server:\n  enable_tls: true\n  tls_cert_path: "/etc/themisdb/tls/server.crt"\n  tls_key_path: "/etc/themisdb/tls/server.key"\n',
            },
          ],
        },
        {
          messageId: 'pathEmpty',
          line: 4,
          column: 17,
          endColumn: 19,
          message: /server\.tls_key_path is empty/,
          suggestions: [
            {
              title: 'Add placeholder tls_cert_path and tls_key_path',
              output:
                'server:\n  enable_tls: true\n  tls_cert_path: "/etc/themisdb/tls/server.crt"\n  tls_key_path: "/etc/themisdb/tls/server.key"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'seed dialect: key file missing -> on the tls key',
      files: {
        'config.yaml':
          'network:\n  tls:\n    enabled: true\n    cert_file: /etc/themisdb/certs/server.crt\n    min_version: "1.3"\n',
      },
      errors: [
        {
          messageId: 'pathsMissing',
          line: 2,
          column: 3,
          endColumn: 6,
          message: /key_file/,
          suggestions: [
            {
              title: 'Add placeholder key_file',
              output:
                'network:\n  tls:\n    enabled: true\n    cert_file: /etc/themisdb/certs/server.crt\n    min_version: "1.3"\n    key_file: "/etc/themisdb/tls/server.key"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'security.yaml dialect: empty value without quotes (null) -> on the key',
      files: { 'security.yaml': 'tls:\n  enabled: true\n  cert_file:\n  key_file: ./certs/server.key\n' },
      errors: [
        {
          messageId: 'pathEmpty',
          line: 3,
          column: 3,
          endColumn: 12,
          suggestions: [
            {
              title: 'Add placeholder cert_file',
              output: 'tls:\n  enabled: true\n  cert_file: /etc/themisdb/tls/server.crt\n  key_file: ./certs/server.key\n',
            },
          ],
        },
      ],
    },
    {
      name: 'gRPC TLS block without files',
      files: { 'config.yaml': 'grpc:\n  tls:\n    enabled: true\n    client_auth: required\n' },
      errors: [
        {
          messageId: 'pathsMissing',
          line: 2,
          column: 3,
          endColumn: 6,
          suggestions: [
            {
              title: 'Add placeholder cert_file and key_file',
              output:
                'grpc:\n  tls:\n    enabled: true\n    client_auth: required\n    cert_file: "/etc/themisdb/tls/grpc-server.crt"\n    key_file: "/etc/themisdb/tls/grpc-server.key"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': 'server:\n  enable_tls: true\n  tls_cert_path: ""\n  tls_key_path: /k\n' },
      errors: [
        {
          messageId: 'pathEmpty',
          line: 3,
          severity: 'hint',
          suggestions: [
            {
              title: 'Add placeholder tls_cert_path',
              output: 'server:\n  enable_tls: true\n  tls_cert_path: "/etc/themisdb/tls/server.crt"\n  tls_key_path: /k\n',
            },
          ],
        },
      ],
    },
  ],
});
