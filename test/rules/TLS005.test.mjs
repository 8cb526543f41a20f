import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('TLS005', {
  valid: [
    {
      name: 'security.yaml: client certs required',
      files: { 'security.yaml': 'tls:\n  enabled: true\n  ca_file: "./certs/ca.crt"\n  require_client_cert: true\n' },
    },
    {
      name: 'core sample: no client CA, no cluster',
      files: {
        'config.yaml':
          'server:\n  host: "0.0.0.0"\n  enable_tls: true\n  tls_ca_cert_path: ""\n  tls_require_client_cert: false\n',
      },
    },
    {
      name: 'seed: required',
      files: {
        'config.yaml':
          'network:\n  tls:\n    client_auth: required\n    client_ca_file: /etc/themisdb/certs/client-ca.crt\n    verify_client_cert: true\n',
      },
    },
    {
      name: 'optional without any mTLS or cluster setup',
      files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    client_auth: optional\n' },
    },
    {
      name: 'gRPC client_auth belongs to TLS008',
      files: {
        'config.yaml':
          'network:\n  tls:\n    client_ca_file: /ca.crt\n    client_auth: required\ngrpc:\n  tls:\n    enabled: true\n    client_auth: optional\n',
      },
    },
    {
      name: 'a Vault CA is not a client CA',
      files: {
        'security.yaml': 'hsm:\n  vault:\n    ca_file: /etc/vault/ca.crt\ntls:\n  enabled: true\n  require_client_cert: false\n',
      },
    },
  ],
  invalid: [
    {
      name: 'shipped security.yaml: CA set, client certs not required',
      files: {
        'security.yaml':
          'tls:\n  enabled: true\n  cert_file: "./certs/server.crt"\n  key_file: "./certs/server.key"\n  ca_file: "./certs/ca.crt"\n  require_client_cert: false\n',
      },
      errors: [
        {
          messageId: 'clientCertNotVerified',
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 29,
          severity: 'warning',
          message: /tls\.ca_file/,
          suggestions: [
            {
              title: 'Set require_client_cert to true',
              output:
                'tls:\n  enabled: true\n  cert_file: "./certs/server.crt"\n  key_file: "./certs/server.key"\n  ca_file: "./certs/ca.crt"\n  require_client_cert: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'core dialect with a client CA',
      files: {
        'config.yaml':
          'server:\n  enable_tls: true\n  tls_ca_cert_path: "/etc/themisdb/tls/ca.crt"\n  tls_require_client_cert: false\n',
      },
      errors: [
        {
          messageId: 'clientCertNotVerified',
          line: 4,
          column: 28,
          endColumn: 33,
          suggestions: [
            {
              title: 'Set tls_require_client_cert to true',
              output:
                'server:\n  enable_tls: true\n  tls_ca_cert_path: "/etc/themisdb/tls/ca.crt"\n  tls_require_client_cert: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'seed: client_auth optional with a verification block, quotes kept',
      files: {
        'config.yaml': 'network:\n  tls:\n    client_auth: "optional"\n    client_cert_verification:\n      verify_cn: true\n',
      },
      errors: [
        {
          messageId: 'clientAuthOptional',
          line: 3,
          column: 18,
          endColumn: 28,
          message: /"optional"/,
          suggestions: [
            {
              title: 'Set client_auth to required',
              output: 'network:\n  tls:\n    client_auth: "required"\n    client_cert_verification:\n      verify_cn: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'client_auth none in a replicated cluster',
      files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    client_auth: none\nreplication:\n  enabled: true\n' },
      errors: [
        {
          messageId: 'clientAuthOptional',
          line: 4,
          column: 18,
          message: /replication is enabled/,
          suggestions: [
            {
              title: 'Set client_auth to required',
              output: 'network:\n  tls:\n    enabled: true\n    client_auth: required\nreplication:\n  enabled: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'seed verify_client_cert false with a client CA',
      files: {
        'config.yaml': 'network:\n  tls:\n    verify_client_cert: false\n    client_ca_file: /etc/themisdb/certs/client-ca.crt\n',
      },
      errors: [
        {
          messageId: 'clientCertNotVerified',
          line: 3,
          column: 25,
          suggestions: [
            {
              title: 'Set verify_client_cert to true',
              output: 'network:\n  tls:\n    verify_client_cert: true\n    client_ca_file: /etc/themisdb/certs/client-ca.crt\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'edition dialect: tls_ca set, mutual TLS not enforced',
      files: {
        'editions/military.yaml':
          'edition: MILITARY\nsecurity:\n  enable_tls: true\n  tls_ca: "/etc/themisdb/tls/ca.pem"\n  require_client_cert: no\n',
      },
      errors: [
        {
          messageId: 'clientCertNotVerified',
          line: 5,
          column: 24,
          suggestions: [
            {
              title: 'Set require_client_cert to true',
              output:
                'edition: MILITARY\nsecurity:\n  enable_tls: true\n  tls_ca: "/etc/themisdb/tls/ca.pem"\n  require_client_cert: true\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'security.yaml': 'tls:\n  enabled: true\n  ca_file: ./ca.crt\n  require_client_cert: false\n' },
      errors: [
        {
          messageId: 'clientCertNotVerified',
          line: 4,
          severity: 'hint',
          suggestions: [
            {
              title: 'Set require_client_cert to true',
              output: 'tls:\n  enabled: true\n  ca_file: ./ca.crt\n  require_client_cert: true\n',
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
