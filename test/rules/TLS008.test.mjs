import { ruleTester } from '../helpers/ruleTester.mjs';

const seed = (enabled, auth) =>
  `grpc:\n  tls:\n    enabled: ${enabled}\n    cert_file: /etc/themisdb/certs/grpc-server.crt\n    key_file: /etc/themisdb/certs/grpc-server.key\n${auth}`;

ruleTester('TLS008', {
  valid: [
    { name: 'seed gRPC block', files: { 'config.yaml': seed('true', '    client_auth: required\n') } },
    {
      name: 'grpc.yaml without a TLS block (listener settings only)',
      files: { 'config.yaml': '# themisdb: config\ngrpc:\n  max_message_size_mb: 100\n' },
    },
    {
      name: 'edition protocols.grpc is not a TLS block',
      files: { 'editions/community.yaml': 'edition: COMMUNITY\nprotocols:\n  grpc:\n    enabled: true\n    port: 50051\n' },
    },
    {
      name: 'client_auth optional on the main listener is TLS005 territory',
      files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    client_auth: optional\n' },
    },
  ],
  invalid: [
    {
      name: 'gRPC TLS off',
      files: { 'config.yaml': seed('false', '    client_auth: required\n') },
      errors: [
        {
          messageId: 'grpcTlsOff',
          line: 3,
          column: 14,
          endColumn: 19,
          severity: 'warning',
          message: /grpc\.tls\.enabled is false/,
          suggestions: [{ title: 'Set enabled to true', output: seed('true', '    client_auth: required\n') }],
        },
      ],
      output: null,
    },
    {
      name: 'client_auth optional',
      files: { 'config.yaml': seed('true', '    client_auth: optional   # phase-in\n') },
      errors: [
        {
          messageId: 'clientAuthNotRequired',
          line: 6,
          column: 18,
          endColumn: 26,
          severity: 'warning',
          message: /"optional"/,
          suggestions: [
            { title: 'Set client_auth to required', output: seed('true', '    client_auth: required   # phase-in\n') },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'client_auth missing -> on the tls key, fix inserts it',
      files: { 'config.yaml': seed('true', '') },
      errors: [
        {
          messageId: 'clientAuthMissing',
          line: 2,
          column: 3,
          endColumn: 6,
          message: /client_auth is missing/,
          suggestions: [{ title: 'Add client_auth: required', output: seed('true', '    client_auth: required\n') }],
        },
      ],
      output: null,
    },
    {
      name: 'gRPC nested under network',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nnetwork:\n  grpc:\n    port: 50051\n    tls:\n      enabled: false\n      client_auth: none\n',
      },
      errors: [
        { messageId: 'grpcTlsOff', line: 7, column: 16 },
        { messageId: 'clientAuthNotRequired', line: 8, column: 20, message: /"none"/ },
      ],
      output:
        'storage:\n  rocksdb_path: /data\nnetwork:\n  grpc:\n    port: 50051\n    tls:\n      enabled: true\n      client_auth: required\n',
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': seed('false', '    client_auth: required\n') },
      errors: [
        {
          messageId: 'grpcTlsOff',
          line: 3,
          severity: 'hint',
          suggestions: [{ title: 'Set enabled to true', output: seed('true', '    client_auth: required\n') }],
        },
      ],
      output: null,
    },
  ],
});
