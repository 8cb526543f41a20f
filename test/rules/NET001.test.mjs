import { ruleTester } from '../helpers/ruleTester.mjs';

const core = (host, tls, health = '"127.0.0.1"') =>
  `server:\n  # Bind address (0.0.0.0 = all interfaces)\n  host: ${host}\n  port: 8765\n  enable_tls: ${tls}\n  tls_cert_path: /etc/themisdb/tls/server.crt\n  tls_key_path: /etc/themisdb/tls/server.key\n  health_error_service_enabled: true\n  health_error_service_bind_address: ${health}\n`;

ruleTester('NET001', {
  valid: [
    { name: 'all interfaces, but TLS on', files: { 'config.yaml': core('"0.0.0.0"', 'true') } },
    { name: 'private address with TLS off is TLS001 business', files: { 'config.yaml': core('"10.0.3.15"', 'false') } },
    {
      name: 'guide example: 0.0.0.0 with network.tls on',
      files: {
        'config.yaml':
          'server:\n  host: 0.0.0.0\n  port: 8080\nnetwork:\n  http:\n    port: 8080\n  tls:\n    enabled: true\n    cert_file: /c\n    key_file: /k\n',
      },
    },
    {
      name: 'edition with TLS on',
      files: {
        'editions/enterprise.yaml':
          'edition: ENTERPRISE\nserver:\n  host: "0.0.0.0"\n  port: 8080\nsecurity:\n  enable_tls: true\n',
      },
    },
    {
      name: 'a remote address is not a bind address',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nreplication:\n  replicas:\n    - host: 0.0.0.0\ntracing:\n  address: 0.0.0.0\n',
      },
    },
    {
      name: '.env: WAL listener on all interfaces with mTLS on',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_GRPC_HOST=0.0.0.0\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n' },
    },
    {
      name: '.env: THEMIS_HEALTH_BIND_ADDRESS is ENV020',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_HEALTH_BIND_ADDRESS=0.0.0.0\n' },
    },
  ],
  invalid: [
    {
      name: 'core sample: 0.0.0.0 with enable_tls false',
      files: { 'config.yaml': core('"0.0.0.0"', 'false') },
      errors: [
        {
          messageId: 'listenerOnAll',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 18,
          severity: 'warning',
          message: /every interface/,
          suggestions: [{ title: 'Bind host to 127.0.0.1 (loopback only)', output: core('"127.0.0.1"', 'false') }],
        },
      ],
    },
    {
      name: 'health service on all interfaces fires even with TLS on',
      files: { 'config.yaml': core('"10.0.3.15"', 'true', '"0.0.0.0"') },
      errors: [
        {
          messageId: 'internalOnAll',
          line: 9,
          column: 38,
          endColumn: 47,
          message: /^Internal endpoint on every interface: .* is (0\.0\.0\.0|::)\. This health, metrics or admin endpoint/,
          suggestions: [
            { title: 'Bind health_error_service_bind_address to 127.0.0.1', output: core('"10.0.3.15"', 'true', '"127.0.0.1"') },
          ],
        },
      ],
    },
    {
      name: 'mixed dialects: the server listener follows its own switch',
      files: { 'config.yaml': 'server:\n  host: 0.0.0.0\n  enable_tls: false\nnetwork:\n  tls:\n    enabled: true\n' },
      errors: [
        {
          messageId: 'listenerOnAll',
          line: 2,
          column: 9,
          suggestions: [
            {
              title: 'Bind host to 127.0.0.1 (loopback only)',
              output: 'server:\n  host: 127.0.0.1\n  enable_tls: false\nnetwork:\n  tls:\n    enabled: true\n',
            },
          ],
        },
      ],
    },
    {
      name: 'edition COMMUNITY: security.enable_tls false',
      files: {
        'editions/community.yaml':
          'edition: COMMUNITY\nserver:\n  host: "0.0.0.0"\n  port: 8080\nsecurity:\n  enable_tls: false\n',
      },
      errors: [
        {
          messageId: 'listenerOnAll',
          line: 3,
          column: 9,
          suggestions: [
            {
              title: 'Bind host to 127.0.0.1 (loopback only)',
              output: 'edition: COMMUNITY\nserver:\n  host: "127.0.0.1"\n  port: 8080\nsecurity:\n  enable_tls: false\n',
            },
          ],
        },
      ],
    },
    {
      name: 'core dialect without any TLS switch (GPU example)',
      files: { 'config.yaml': 'server:\n  host: 0.0.0.0\n  port: 8765\nstorage:\n  rocksdb_path: /data/rocksdb\n' },
      errors: [
        {
          messageId: 'listenerOnAll',
          line: 2,
          column: 9,
          endColumn: 16,
          suggestions: [
            {
              title: 'Bind host to 127.0.0.1 (loopback only)',
              output: 'server:\n  host: 127.0.0.1\n  port: 8765\nstorage:\n  rocksdb_path: /data/rocksdb\n',
            },
          ],
        },
      ],
    },
    {
      name: 'guide network listener with a port: the port is kept',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\nnetwork:\n  http:\n    listen: "[::]:8080"\n' },
      errors: [
        {
          messageId: 'listenerOnAll',
          line: 5,
          column: 13,
          suggestions: [
            {
              title: 'Bind listen to 127.0.0.1 (loopback only)',
              output: 'storage:\n  rocksdb_path: /data\nnetwork:\n  http:\n    listen: "127.0.0.1:8080"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'metrics bound to ::',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\nmetrics:\n  enabled: true\n  bind_address: "::"\n' },
      errors: [
        {
          messageId: 'internalOnAll',
          line: 5,
          column: 17,
          endColumn: 21,
          message: /^Internal endpoint on every interface: .* is (0\.0\.0\.0|::)\. This health, metrics or admin endpoint/,
          suggestions: [
            {
              title: 'Bind bind_address to 127.0.0.1',
              output: 'storage:\n  rocksdb_path: /data\nmetrics:\n  enabled: true\n  bind_address: "127.0.0.1"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'gRPC listener without its own TLS',
      files: { 'config.yaml': '# themisdb: config\ngrpc:\n  host: 0.0.0.0\n  port: 50051\n' },
      errors: [
        {
          messageId: 'listenerOnAll',
          line: 3,
          column: 9,
          message: /gRPC/,
          suggestions: [
            {
              title: 'Bind host to 127.0.0.1 (loopback only)',
              output: '# themisdb: config\ngrpc:\n  host: 127.0.0.1\n  port: 50051\n',
            },
          ],
        },
      ],
    },
    {
      name: '.env: WAL replication listener on all interfaces without mTLS',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_GRPC_HOST=0.0.0.0\nTHEMIS_WAL_GRPC_PORT=50051\n' },
      errors: [
        {
          messageId: 'walOnAll',
          line: 2,
          column: 22,
          endColumn: 29,
          severity: 'warning',
          message: /WAL/,
          suggestions: [
            {
              title: 'Bind THEMIS_WAL_GRPC_HOST to 127.0.0.1 (single node)',
              output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_GRPC_HOST=127.0.0.1\nTHEMIS_WAL_GRPC_PORT=50051\n',
            },
            { title: 'Turn on WAL mTLS (THEMIS_WAL_GRPC_ENABLE_MTLS=1)' },
          ],
        },
      ],
    },
    {
      name: '.env: second suggestion turns WAL mTLS on',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_GRPC_HOST="0.0.0.0"\nTHEMIS_WAL_GRPC_ENABLE_MTLS=0\n' },
      errors: [
        {
          messageId: 'walOnAll',
          line: 2,
          column: 22,
          endColumn: 31,
          suggestions: [
            { title: 'Bind THEMIS_WAL_GRPC_HOST to 127.0.0.1 (single node)' },
            {
              title: 'Turn on WAL mTLS (THEMIS_WAL_GRPC_ENABLE_MTLS=1)',
              output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_WAL_GRPC_HOST="0.0.0.0"\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a ${VAR} bind address: reported, no suggestion (the value lives in the .env)',
      files: {
        'config.yaml': 'server:\n  host: ${BIND_HOST}\n  enable_tls: false\n',
        '.env': 'THEMIS_PRODUCTION_MODE=1\nBIND_HOST=0.0.0.0\n',
      },
      errors: [{ messageId: 'listenerOnAll', line: 2, column: 9, endColumn: 21 }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': core('"0.0.0.0"', 'false') },
      errors: [
        {
          messageId: 'listenerOnAll',
          line: 3,
          severity: 'hint',
          suggestions: [
            {
              title: 'Bind host to 127.0.0.1 (loopback only)',
              output:
                'server:\n  # Bind address (0.0.0.0 = all interfaces)\n  host: "127.0.0.1"\n  port: 8765\n  enable_tls: false\n  tls_cert_path: /etc/themisdb/tls/server.crt\n  tls_key_path: /etc/themisdb/tls/server.key\n  health_error_service_enabled: true\n  health_error_service_bind_address: "127.0.0.1"\n',
            },
          ],
        },
      ],
    },
  ],
});
