import { ruleTester } from '../helpers/ruleTester.mjs';

ruleTester('ENV020', {
  valid: [
    {
      name: 'loopback, as the production drop-in sets it',
      files: { '.env': 'THEMIS_HEALTH_PORT=8081\nTHEMIS_HEALTH_BIND_ADDRESS=127.0.0.1\n' },
    },
    { name: 'a specific internal interface', files: { '.env': 'THEMIS_HEALTH_BIND_ADDRESS=10.0.3.4\n' } },
    {
      name: 'the WAL listener is not the health service',
      files: { '.env': 'THEMIS_WAL_GRPC_HOST=0.0.0.0\nTHEMIS_WAL_GRPC_ENABLE_MTLS=1\n' },
    },
  ],
  invalid: [
    {
      name: 'all interfaces',
      files: { '.env': 'THEMIS_HEALTH_PORT=8081\nTHEMIS_HEALTH_BIND_ADDRESS=0.0.0.0\n' },
      errors: [{ messageId: 'bindAll', line: 2, column: 28, endColumn: 35, severity: 'warning', message: /127\.0\.0\.1/ }],
      output: 'THEMIS_HEALTH_PORT=8081\nTHEMIS_HEALTH_BIND_ADDRESS=127.0.0.1\n',
    },
    {
      name: 'quoted, with a comment',
      files: { '.env': 'THEMIS_HEALTH_BIND_ADDRESS="0.0.0.0" # k8s probes\n' },
      errors: [{ messageId: 'bindAll', line: 1, column: 28, endColumn: 37 }],
      output: 'THEMIS_HEALTH_BIND_ADDRESS="127.0.0.1" # k8s probes\n',
    },
    {
      name: 'IPv6 any',
      files: { '.env': 'THEMIS_HEALTH_BIND_ADDRESS=::\n' },
      errors: [{ messageId: 'bindAll', line: 1, column: 28 }],
      output: 'THEMIS_HEALTH_BIND_ADDRESS=127.0.0.1\n',
    },
    {
      name: 'development profile: hint',
      profile: 'auto',
      files: { '.env': 'THEMIS_ENVIRONMENT=development\nTHEMIS_HEALTH_BIND_ADDRESS=0.0.0.0\n' },
      errors: [{ messageId: 'bindAll', line: 2, severity: 'hint' }],
      output: 'THEMIS_ENVIRONMENT=development\nTHEMIS_HEALTH_BIND_ADDRESS=127.0.0.1\n',
    },
  ],
});
