import { ruleTester } from '../helpers/ruleTester.mjs';

const ev = (cats) => `logging:
  audit:
    enabled: true
    # Events to log
    events:
${cats}`;
const authn = '      authentication:\n        - login_success\n        - login_failure\n';
const authz = '      authorization:\n        - permission_denied\n';
const data = '      data_access:\n        - read\n        - export\n';
const admin = '      administrative:\n        - config_change\n';
const sec = '      security:\n        - failed_tls_handshake\n';
const gpu = '      gpu_operations:\n        - gpu_allocation\n';

ruleTester('AUD006', {
  valid: [
    { name: 'all five categories (map shape)', files: { 'config.yaml': ev(authn + authz + data + gpu + admin + sec) } },
    { name: 'list shape with category names', files: { 'config.yaml': ev('      - authentication\n      - authorization\n      - data_access\n      - administrative\n      - security\n      - model_load\n') } },
    { name: 'list of event names covering every category', files: { 'config.yaml': ev('      - login_failure\n      - permission_denied\n      - export\n      - key_rotation\n      - rate_limit_exceeded\n') } },
    { name: 'no events key (not reported)', files: { 'config.yaml': 'logging:\n  audit:\n    enabled: true\n' } },
  ],
  invalid: [
    {
      name: 'map without security: suggestion adds the category',
      files: { 'config.yaml': ev(authn + authz + data + admin) },
      errors: [{ line: 5, column: 5, endColumn: 11, severity: 'warning', message: /security category/ }],
      output: ev(authn + authz + data + admin + '      security:\n        - failed_tls_handshake\n        - rate_limit_exceeded\n        - suspicious_activity\n'),
    },
    {
      name: 'multi_gpu_setup list: four categories missing',
      files: { 'config.yaml': ev('      - authentication\n      - gpu_allocation\n      - model_load\n      - training_start\n') },
      errors: [
        { line: 5, message: /authorization/ },
        { line: 5, message: /data_access/ },
        { line: 5, message: /administrative/ },
        { line: 5, message: /security/ },
      ],
      output: ev('      - authentication\n      - gpu_allocation\n      - model_load\n      - training_start\n      - authorization\n'),
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': ev(authn + authz + data + admin) },
      errors: [{ line: 5, severity: 'hint' }],
    },
  ],
});
