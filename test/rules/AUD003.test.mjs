import { ruleTester } from '../helpers/ruleTester.mjs';

const audit = (body) => `logging:
  audit:
    enabled: true
    outputs:
${body}`;

ruleTester('AUD003', {
  valid: [
    {
      name: 'syslog over tcp, https sinks',
      files: {
        'config.yaml': audit(
          '      - type: syslog\n        server: syslog.example.com:514\n        protocol: tcp\n      - type: elasticsearch\n        url: https://es.example.com:9200\n',
        ),
      },
    },
    {
      name: 'http to loopback collector',
      files: {
        'config.yaml': audit(
          '      - type: http\n        url: http://127.0.0.1:8088/ingest\n      - type: http\n        url: "http://localhost:9880"\n',
        ),
      },
    },
    {
      name: 'http outside the audit block is NET002, not AUD003',
      files: {
        'config.yaml':
          audit('      - type: syslog\n        server: siem:514\n        protocol: tcp\n') +
          'tracing:\n  enabled: true\n  otlp_endpoint: http://otel-collector:4318\n',
      },
    },
    {
      name: 'udp outside audit (network)',
      files: {
        'config.yaml':
          audit('      - type: file\n        path: /var/log/a.log\n') +
          'network:\n  tls:\n    enabled: true\n  gpu_data:\n    protocol: udp\n',
      },
    },
  ],
  invalid: [
    {
      name: 'syslog over udp is a warning; fix sets tcp',
      files: {
        'config.yaml': audit('      - type: syslog\n        server: siem.example.com:514\n        protocol: udp   # RFC 3164\n'),
      },
      errors: [
        {
          messageId: 'udpProtocol',
          line: 7,
          column: 19,
          endColumn: 22,
          severity: 'warning',
          message: /UDP/,
          suggestions: [
            {
              title: 'Use tcp',
              output: audit('      - type: syslog\n        server: siem.example.com:514\n        protocol: tcp   # RFC 3164\n'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'http splunk sink is an error; fix switches to https',
      files: {
        'config.yaml': audit(
          '      - type: splunk\n        url: "http://splunk.example.com:8088"\n        token: "${SPLUNK_HEC_TOKEN}"\n',
        ),
      },
      errors: [
        {
          messageId: 'plainHttp',
          line: 6,
          column: 14,
          endColumn: 46,
          severity: 'error',
          message: /splunk\.example\.com:8088/,
          suggestions: [
            {
              title: 'Use https://',
              output: audit(
                '      - type: splunk\n        url: "https://splunk.example.com:8088"\n        token: "${SPLUNK_HEC_TOKEN}"\n',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'guide blockchain endpoint over http',
      files: {
        'config.yaml':
          'logging:\n  audit:\n    immutable:\n      enabled: true\n      backend: blockchain\n      blockchain:\n        type: hyperledger\n        endpoint: http://blockchain.example.com:7050\n',
      },
      errors: [
        {
          messageId: 'plainHttp',
          line: 8,
          column: 19,
          severity: 'error',
          suggestions: [
            {
              title: 'Use https://',
              output:
                'logging:\n  audit:\n    immutable:\n      enabled: true\n      backend: blockchain\n      blockchain:\n        type: hyperledger\n        endpoint: https://blockchain.example.com:7050\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'udp:// sink URL',
      files: { 'config.yaml': 'logging:\n  audit:\n    enabled: true\n    output: udp://siem.example.com:514\n' },
      errors: [
        {
          messageId: 'udpUrl',
          line: 4,
          column: 13,
          severity: 'warning',
          suggestions: [
            { title: 'Use tcp://', output: 'logging:\n  audit:\n    enabled: true\n    output: tcp://siem.example.com:514\n' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'resolved from .env (no text fix possible)',
      files: {
        'config.yaml': audit('      - type: elasticsearch\n        url: ${AUDIT_ES_URL}\n'),
        '.env': 'THEMIS_PRODUCTION_MODE=1\nAUDIT_ES_URL=http://es.internal:9200\n',
      },
      errors: [{ messageId: 'plainHttp', line: 6, severity: 'error' }],
      output: null,
    },
    {
      name: 'URL reached through an alias: reported, but the scheme is not rewritten here',
      files: {
        'config.yaml':
          'defaults:\n  es_url: &es http://es.example.com:9200\n' + audit('      - type: elasticsearch\n        url: *es\n'),
      },
      errors: [{ messageId: 'plainHttp', severity: 'error' }],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': audit('      - type: syslog\n        protocol: udp\n') },
      errors: [
        {
          messageId: 'udpProtocol',
          line: 6,
          severity: 'hint',
          suggestions: [{ title: 'Use tcp', output: audit('      - type: syslog\n        protocol: tcp\n') }],
        },
      ],
      output: null,
    },
  ],
});
