import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('NET002', {
  valid: [
    {
      name: 'core sample: OTLP on localhost',
      files: {
        'config.yaml': 'server:\n  host: 127.0.0.1\ntracing:\n  enabled: false\n  otlp_endpoint: "http://localhost:4318"\n',
      },
    },
    {
      name: 'loopback addresses',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nllm:\n  ollama_url: http://127.0.0.1:11434\nmetrics:\n  exporters:\n    - endpoint: "http://[::1]:4318/metrics"\n    - endpoint: http://otel.localhost:4317\n',
      },
    },
    {
      name: 'https everywhere',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\ntracing:\n  otlp_endpoint: https://otel-collector:4317\n' },
    },
    {
      name: 'audit sinks are AUD003 business',
      files: {
        'config.yaml':
          'logging:\n  audit:\n    enabled: true\n    outputs:\n      - type: elasticsearch\n        url: http://es.example.com:9200\n',
      },
    },
    {
      name: 'a schema URL is not an endpoint',
      files: { 'config.yaml': '$schema: http://json-schema.org/draft-07/schema\nstorage:\n  rocksdb_path: /data\n' },
    },
    {
      name: '.env: Vault address is ENV010 business',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_VAULT_ADDR=http://vault.example.com:8200\n' },
    },
    {
      name: '.env: Ollama on localhost',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_OLLAMA_ENDPOINT=http://localhost:11434\n' },
    },
  ],
  invalid: [
    {
      name: 'HYPERSCALER OTLP collector over http (quotes kept by the fix)',
      files: {
        'editions/hyperscaler.yaml':
          'edition: HYPERSCALER\ntracing:\n  enabled: true\n  otlp_endpoint: "http://otel-collector:4317"\n',
      },
      errors: [
        {
          messageId: 'yamlPlainHttp',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 46,
          severity: 'warning',
          message: /^tracing\.otlp_endpoint sends to otel-collector over plain http:\/\/\. Traces/,
          suggestions: [
            {
              title: 'Use https://',
              output: 'edition: HYPERSCALER\ntracing:\n  enabled: true\n  otlp_endpoint: "https://otel-collector:4317"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'Ollama on another host',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nllm:\n  enabled: true\n  ollama_url: http://gpu-box-2.internal:11434  # shared GPU box\n',
      },
      errors: [
        {
          messageId: 'yamlPlainHttp',
          line: 5,
          column: 15,
          endColumn: 46,
          message: /gpu-box-2\.internal/,
          suggestions: [
            {
              title: 'Use https://',
              output:
                'storage:\n  rocksdb_path: /data\nllm:\n  enabled: true\n  ollama_url: https://gpu-box-2.internal:11434  # shared GPU box\n',
            },
          ],
        },
      ],
    },
    {
      name: 'Vault address in security.yaml',
      files: { 'security.yaml': 'hsm:\n  provider: pkcs11\n  vault:\n    address: "http://vault.example.com:8200"\n' },
      errors: [
        {
          messageId: 'yamlPlainHttp',
          line: 4,
          column: 14,
          message: /Vault token/,
          suggestions: [
            {
              title: 'Use https://',
              output: 'hsm:\n  provider: pkcs11\n  vault:\n    address: "https://vault.example.com:8200"\n',
            },
          ],
        },
      ],
    },
    {
      name: 'guide metrics exporter list item and webhook',
      files: {
        'config.yaml':
          'storage:\n  rocksdb_path: /data\nmetrics:\n  exporters:\n    - type: opentelemetry\n      endpoint: http://otel-collector:4317\nsecurity:\n  key_rotation:\n    notifications:\n      slack_webhook: http://10.0.0.7/hooks/rotate\n',
      },
      errors: [
        {
          messageId: 'yamlPlainHttp',
          line: 6,
          column: 17,
          message: /^metrics\.exporters\[0\]\.endpoint sends to otel-collector over plain http:\/\/\. Metrics travel/,
          suggestions: [
            {
              title: 'Use https://',
              output:
                'storage:\n  rocksdb_path: /data\nmetrics:\n  exporters:\n    - type: opentelemetry\n      endpoint: https://otel-collector:4317\nsecurity:\n  key_rotation:\n    notifications:\n      slack_webhook: http://10.0.0.7/hooks/rotate\n',
            },
          ],
        },
        {
          messageId: 'yamlPlainHttp',
          line: 10,
          column: 22,
          message: /notifications/,
          suggestions: [
            {
              title: 'Use https://',
              output:
                'storage:\n  rocksdb_path: /data\nmetrics:\n  exporters:\n    - type: opentelemetry\n      endpoint: http://otel-collector:4317\nsecurity:\n  key_rotation:\n    notifications:\n      slack_webhook: https://10.0.0.7/hooks/rotate\n',
            },
          ],
        },
      ],
    },
    {
      name: '.env: THEMIS_OLLAMA_ENDPOINT to a remote host',
      files: { '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_OLLAMA_ENDPOINT=http://models.internal:11434\n' },
      errors: [
        {
          messageId: 'envPlainHttp',
          line: 2,
          column: 24,
          endColumn: 52,
          severity: 'warning',
          suggestions: [
            { title: 'Use https://', output: 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_OLLAMA_ENDPOINT=https://models.internal:11434\n' },
          ],
        },
      ],
    },
    {
      name: '.env: quoted Ranger URL',
      files: {
        '.env':
          'THEMIS_PRODUCTION_MODE=1\nTHEMIS_RANGER_BASE_URL="http://ranger.internal:6080"\nTHEMIS_LICENSE_SERVER_URL=http://license.example.com\n',
      },
      errors: [
        {
          messageId: 'envPlainHttp',
          line: 2,
          column: 24,
          message: /policy/,
          suggestions: [
            {
              title: 'Use https://',
              output:
                'THEMIS_PRODUCTION_MODE=1\nTHEMIS_RANGER_BASE_URL="https://ranger.internal:6080"\nTHEMIS_LICENSE_SERVER_URL=http://license.example.com\n',
            },
          ],
        },
        {
          messageId: 'envPlainHttp',
          line: 3,
          column: 27,
          suggestions: [
            {
              title: 'Use https://',
              output:
                'THEMIS_PRODUCTION_MODE=1\nTHEMIS_RANGER_BASE_URL="http://ranger.internal:6080"\nTHEMIS_LICENSE_SERVER_URL=https://license.example.com\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a URL around a ${VAR}: reported, no suggestion (fix-all treats every ${VAR} value alike)',
      files: {
        'config.yaml': 'storage:\n  rocksdb_path: /data\ntracing:\n  otlp_endpoint: "http://${OTEL_HOST}:4318"\n',
        '.env': 'THEMIS_PRODUCTION_MODE=1\nOTEL_HOST=collector.monitoring\n',
      },
      errors: [{ messageId: 'yamlPlainHttp', line: 4, column: 18, message: /collector\.monitoring/ }],
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': 'storage:\n  rocksdb_path: /data\ntracing:\n  otlp_endpoint: http://otel-collector:4317\n' },
      errors: [
        {
          messageId: 'yamlPlainHttp',
          line: 4,
          severity: 'hint',
          suggestions: [
            {
              title: 'Use https://',
              output: 'storage:\n  rocksdb_path: /data\ntracing:\n  otlp_endpoint: https://otel-collector:4317\n',
            },
          ],
        },
      ],
    },
  ],
});
