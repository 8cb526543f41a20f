import { ruleTester } from '../helpers/ruleTester.mjs';

const core = (tls) =>
  `# core config\nserver:\n  host: "0.0.0.0"\n  port: 8765\n  enable_tls: ${tls}\n  tls_cert_path: ""\n  tls_key_path: ""\n  tls_min_version: "TLSv1.3"\n`;

ruleTester('TLS001', {
  valid: [
    {
      name: 'core dialect on, with cert and key',
      files: {
        'config.yaml':
          'server:\n  host: "0.0.0.0"\n  port: 8765\n  enable_tls: true\n  tls_cert_path: /etc/themisdb/tls/server.crt\n  tls_key_path: /etc/themisdb/tls/server.key\n',
      },
    },
    {
      name: 'edition dialect on',
      files: {
        'editions/enterprise.yaml':
          'edition: ENTERPRISE\nserver:\n  host: "0.0.0.0"\n  port: 8080\nsecurity:\n  enable_tls: true\n  tls_cert: "/etc/themisdb/tls/cert.pem"\n  tls_key: "/etc/themisdb/tls/key.pem"\n',
      },
    },
    {
      name: 'listener in server, switch in the guide dialect',
      files: {
        'config.yaml':
          'server:\n  host: 0.0.0.0\n  port: 8080\nnetwork:\n  http:\n    port: 8080\n  tls:\n    enabled: true\n    cert_file: /etc/themisdb/certs/server.crt\n    key_file: /etc/themisdb/certs/server.key\n',
      },
    },
    {
      name: 'security.yaml with only an hsm block defines no listener',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\n  pkcs11:\n    library_path: /usr/lib/libCryptoki2_64.so\n' },
    },
    {
      name: 'security.yaml with tls on',
      files: {
        'security.yaml':
          'tls:\n  enabled: true\n  cert_file: ./certs/server.crt\n  key_file: ./certs/server.key\n  min_version: "1.3"\n',
      },
    },
    {
      name: 'no listener: storage only',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: /data/rocksdb\n  memtable_size_mb: 256\n' },
    },
    {
      name: 'a tls switch of another component is not the listener switch',
      files: {
        'config.yaml': 'storage:\n  rocksdb_path: /data\nllm:\n  tls:\n    enabled: false\nfeatures:\n  enable_tls: false\n',
      },
    },
    {
      name: 'network segmentation (no listener)',
      files: {
        'config.yaml': 'storage:\n  rocksdb_path: /data\nnetwork:\n  management:\n    interface: eth0\n    cidr: 10.0.1.0/24\n',
      },
    },
    {
      name: 'gRPC with its own TLS block is TLS008 territory',
      files: {
        'config.yaml': 'grpc:\n  tls:\n    enabled: true\n    cert_file: /c\n    key_file: /k\n    client_auth: required\n',
      },
    },
    {
      name: 'unresolved ${VAR} switch is not false',
      files: { 'config.yaml': 'server:\n  host: 0.0.0.0\n  enable_tls: ${TLS_ON}\n  tls_cert_path: /c\n  tls_key_path: /k\n' },
    },
  ],
  invalid: [
    {
      name: 'core sample: false, empty cert/key paths get placeholders',
      files: { 'config.yaml': core('false') },
      errors: [
        {
          messageId: 'switchedOff',
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 20,
          severity: 'error',
          message: /server\.enable_tls is false/,
          suggestions: [
            {
              title: 'Set enable_tls to true and add certificate/key placeholders',
              output:
                '# core config\nserver:\n  host: "0.0.0.0"\n  port: 8765\n  enable_tls: true\n  tls_cert_path: "/etc/themisdb/tls/server.crt"\n  tls_key_path: "/etc/themisdb/tls/server.key"\n  tls_min_version: "TLSv1.3"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'core dialect: listener without any switch -> on the server key',
      files: { 'config.yaml': 'server:\n  host: 0.0.0.0\n  port: 8765\n  worker_threads: 4\nstorage:\n  rocksdb_path: /data\n' },
      errors: [
        {
          messageId: 'neverOn',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 7,
          severity: 'error',
          message: /server\.enable_tls is missing/,
          suggestions: [
            {
              title: 'Add server.enable_tls: true with certificate/key placeholders',
              output:
                'server:\n  host: 0.0.0.0\n  port: 8765\n  worker_threads: 4\n  enable_tls: true\n  tls_cert_path: "/etc/themisdb/tls/server.crt"\n  tls_key_path: "/etc/themisdb/tls/server.key"\nstorage:\n  rocksdb_path: /data\n',
            },
          ],
        },
      ],
    },
    {
      name: 'edition dialect false (COMMUNITY sample)',
      files: {
        'editions/community.yaml':
          'edition: COMMUNITY\nserver:\n  host: "0.0.0.0"\n  port: 8080\nsecurity:\n  enable_tls: false\n  # tls_cert: "/etc/themisdb/tls/cert.pem"\n  enable_auth: true\n',
      },
      errors: [
        {
          messageId: 'switchedOff',
          line: 6,
          column: 15,
          endColumn: 20,
          severity: 'error',
          message: /security\.enable_tls is false/,
          suggestions: [
            {
              title: 'Set enable_tls to true and add certificate/key placeholders',
              output:
                'edition: COMMUNITY\nserver:\n  host: "0.0.0.0"\n  port: 8080\nsecurity:\n  enable_tls: true\n  # tls_cert: "/etc/themisdb/tls/cert.pem"\n  enable_auth: true\n  tls_cert: "/etc/themisdb/tls/cert.pem"\n  tls_key: "/etc/themisdb/tls/key.pem"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'edition dialect absent -> on the security key; cert/key already there',
      files: {
        'editions/enterprise.yaml':
          'edition: ENTERPRISE\nserver:\n  host: "0.0.0.0"\nsecurity:\n  enable_auth: true\n  tls_cert: /etc/themisdb/tls/cert.pem\n  tls_key: /etc/themisdb/tls/key.pem\n',
      },
      errors: [
        {
          messageId: 'neverOn',
          line: 4,
          column: 1,
          endColumn: 9,
          severity: 'error',
          suggestions: [
            {
              title: 'Add security.enable_tls: true',
              output:
                'edition: ENTERPRISE\nserver:\n  host: "0.0.0.0"\nsecurity:\n  enable_auth: true\n  tls_cert: /etc/themisdb/tls/cert.pem\n  tls_key: /etc/themisdb/tls/key.pem\n  enable_tls: true\n',
            },
          ],
        },
      ],
    },
    {
      name: 'guide dialect false',
      files: {
        'config.yaml':
          'network:\n  tls:\n    enabled: false   # TODO\n    cert_file: /etc/themisdb/certs/server.crt\n    key_file: /etc/themisdb/certs/server.key\n',
      },
      errors: [
        {
          messageId: 'switchedOff',
          line: 3,
          column: 14,
          endColumn: 19,
          severity: 'error',
          message: /network\.tls\.enabled/,
          suggestions: [
            {
              title: 'Set enabled to true',
              output:
                'network:\n  tls:\n    enabled: true   # TODO\n    cert_file: /etc/themisdb/certs/server.crt\n    key_file: /etc/themisdb/certs/server.key\n',
            },
          ],
        },
      ],
    },
    {
      name: 'guide dialect: network listener without a tls block -> on the network key',
      files: { 'config.yaml': 'network:\n  http:\n    enabled: true\n    port: 8080\nstorage:\n  rocksdb_path: /data\n' },
      errors: [
        {
          messageId: 'neverOn',
          line: 1,
          column: 1,
          endColumn: 8,
          severity: 'error',
          message: /network\.tls\.enabled is missing/,
          suggestions: [
            {
              title: 'Add network.tls.enabled: true with certificate/key placeholders',
              output:
                'network:\n  http:\n    enabled: true\n    port: 8080\n  tls:\n    enabled: true\n    cert_file: "/etc/themisdb/tls/server.crt"\n    key_file: "/etc/themisdb/tls/server.key"\nstorage:\n  rocksdb_path: /data\n',
            },
          ],
        },
      ],
    },
    {
      name: 'guide-style file (server + network listeners): the switch goes to network.tls',
      files: {
        'config.yaml':
          'server:\n  host: 0.0.0.0\n  port: 8080\n  worker_threads: 16\nnetwork:\n  http:\n    enabled: true\n    port: 8080\n',
      },
      errors: [
        {
          messageId: 'neverOn',
          line: 5,
          column: 1,
          endColumn: 8,
          message: /network\.tls\.enabled is missing/,
          suggestions: [
            {
              title: 'Add network.tls.enabled: true with certificate/key placeholders',
              output:
                'server:\n  host: 0.0.0.0\n  port: 8080\n  worker_threads: 16\nnetwork:\n  http:\n    enabled: true\n    port: 8080\n  tls:\n    enabled: true\n    cert_file: "/etc/themisdb/tls/server.crt"\n    key_file: "/etc/themisdb/tls/server.key"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'guide dialect: tls block without enabled, in a file with a listener -> on the tls key',
      files: {
        'config.yaml':
          'server:\n  host: 10.0.0.5\n  port: 8080\nnetwork:\n  tls:\n    min_version: "1.3"\n    cert_file: /c\n    key_file: /k\n',
      },
      errors: [
        {
          messageId: 'neverOn',
          line: 5,
          column: 3,
          endColumn: 6,
          suggestions: [
            {
              title: 'Add network.tls.enabled: true',
              output:
                'server:\n  host: 10.0.0.5\n  port: 8080\nnetwork:\n  tls:\n    min_version: "1.3"\n    cert_file: /c\n    key_file: /k\n    enabled: true\n',
            },
          ],
        },
      ],
    },
    {
      name: 'security.yaml dialect false',
      files: {
        'security.yaml':
          'hsm:\n  provider: pkcs11\ntls:\n  enabled: false\n  cert_file: "./certs/server.crt"\n  key_file: "./certs/server.key"\n',
      },
      errors: [
        {
          messageId: 'switchedOff',
          line: 4,
          column: 12,
          endColumn: 17,
          severity: 'error',
          message: /tls\.enabled is false/,
          suggestions: [
            {
              title: 'Set enabled to true',
              output:
                'hsm:\n  provider: pkcs11\ntls:\n  enabled: true\n  cert_file: "./certs/server.crt"\n  key_file: "./certs/server.key"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'yaml-cpp boolean "off"',
      files: { 'config.yaml': 'server:\n  host: 127.0.0.1\n  enable_tls: off\n  tls_cert_path: /c\n  tls_key_path: /k\n' },
      errors: [
        {
          messageId: 'switchedOff',
          line: 3,
          column: 15,
          endColumn: 18,
          suggestions: [
            {
              title: 'Set enable_tls to true',
              output: 'server:\n  host: 127.0.0.1\n  enable_tls: true\n  tls_cert_path: /c\n  tls_key_path: /k\n',
            },
          ],
        },
      ],
    },
    {
      name: 'multi-document file: the fix goes into the document that lacks TLS',
      files: {
        'editions/all-editions.yaml':
          '---\nedition: MINIMAL\nserver:\n  host: "0.0.0.0"\nsecurity:\n  enable_tls: true\n  tls_cert: /c\n  tls_key: /k\n---\nedition: COMMUNITY\nserver:\n  port: 8080\nsecurity:\n  enable_auth: true\n',
      },
      errors: [
        {
          messageId: 'neverOn',
          line: 13,
          column: 1,
          endColumn: 9,
          suggestions: [
            {
              title: 'Add security.enable_tls: true with certificate/key placeholders',
              output:
                '---\nedition: MINIMAL\nserver:\n  host: "0.0.0.0"\nsecurity:\n  enable_tls: true\n  tls_cert: /c\n  tls_key: /k\n---\nedition: COMMUNITY\nserver:\n  port: 8080\nsecurity:\n  enable_auth: true\n  enable_tls: true\n  tls_cert: "/etc/themisdb/tls/cert.pem"\n  tls_key: "/etc/themisdb/tls/key.pem"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'gRPC section alone is a listener',
      files: { 'config.yaml': '# themisdb: config\ngrpc:\n  max_message_size_mb: 100\n' },
      errors: [
        {
          messageId: 'neverOn',
          line: 2,
          column: 1,
          endColumn: 5,
          suggestions: [
            {
              title: 'Add grpc.tls.enabled: true with certificate/key placeholders',
              output:
                '# themisdb: config\ngrpc:\n  max_message_size_mb: 100\n  tls:\n    enabled: true\n    cert_file: "/etc/themisdb/tls/grpc-server.crt"\n    key_file: "/etc/themisdb/tls/grpc-server.key"\n',
            },
          ],
        },
      ],
    },
    {
      name: '${VAR} resolved from the sibling .env',
      files: {
        'config.yaml': 'server:\n  host: 0.0.0.0\n  enable_tls: ${TLS_ON}\n  tls_cert_path: /c\n  tls_key_path: /k\n',
        '.env': 'THEMIS_PRODUCTION_MODE=1\nTLS_ON=false\n',
      },
      errors: [{ messageId: 'switchedOff', line: 3, column: 15, severity: 'error' }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': core('false') },
      errors: [
        {
          messageId: 'switchedOff',
          line: 5,
          severity: 'hint',
          suggestions: [
            {
              title: 'Set enable_tls to true and add certificate/key placeholders',
              output:
                '# core config\nserver:\n  host: "0.0.0.0"\n  port: 8765\n  enable_tls: true\n  tls_cert_path: "/etc/themisdb/tls/server.crt"\n  tls_key_path: "/etc/themisdb/tls/server.key"\n  tls_min_version: "TLSv1.3"\n',
            },
          ],
        },
      ],
    },
  ],
});
