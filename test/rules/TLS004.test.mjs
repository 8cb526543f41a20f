import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('TLS004', {
  valid: [
    { name: 'seed: tickets off', files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    session_tickets: false\n' } },
    { name: 'not set', files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    min_version: "1.3"\n' } },
    {
      name: 'a ticket lifetime is not the switch',
      files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    session_ticket_lifetime: 300\n' },
    },
  ],
  invalid: [
    {
      name: 'seed dialect',
      files: { 'config.yaml': 'network:\n  tls:\n    enabled: true\n    session_tickets: true   # faster resumption\n' },
      errors: [
        {
          messageId: 'ticketsOn',
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 26,
          severity: 'warning',
          message: /forward secrecy/,
          suggestions: [
            {
              title: 'Set session_tickets to false',
              output: 'network:\n  tls:\n    enabled: true\n    session_tickets: false   # faster resumption\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'security.yaml dialect, yaml-cpp "yes"',
      files: { 'security.yaml': 'tls:\n  enabled: true\n  session_tickets: yes\n' },
      errors: [
        {
          messageId: 'ticketsOn',
          line: 3,
          column: 20,
          endColumn: 23,
          suggestions: [{ title: 'Set session_tickets to false', output: 'tls:\n  enabled: true\n  session_tickets: false\n' }],
        },
      ],
      output: null,
    },
    {
      name: 'gRPC TLS block',
      files: { 'config.yaml': 'grpc:\n  tls:\n    enabled: true\n    client_auth: required\n    session_tickets: "true"\n' },
      errors: [
        {
          messageId: 'ticketsOn',
          line: 5,
          column: 22,
          endColumn: 28,
          suggestions: [
            {
              title: 'Set session_tickets to false',
              output: 'grpc:\n  tls:\n    enabled: true\n    client_auth: required\n    session_tickets: false\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': 'network:\n  tls:\n    session_tickets: true\n' },
      errors: [
        {
          messageId: 'ticketsOn',
          line: 3,
          severity: 'hint',
          suggestions: [{ title: 'Set session_tickets to false', output: 'network:\n  tls:\n    session_tickets: false\n' }],
        },
      ],
      output: null,
    },
  ],
});
