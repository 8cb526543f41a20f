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
const list = '      - authentication\n      - gpu_allocation\n      - model_load\n      - training_start\n';
const gpu = '      gpu_operations:\n        - gpu_allocation\n';

ruleTester('AUD006', {
  valid: [
    { name: 'all five categories (map shape)', files: { 'config.yaml': ev(authn + authz + data + gpu + admin + sec) } },
    {
      name: 'list shape with category names',
      files: {
        'config.yaml': ev(
          '      - authentication\n      - authorization\n      - data_access\n      - administrative\n      - security\n      - model_load\n',
        ),
      },
    },
    {
      name: 'list of event names covering every category',
      files: {
        'config.yaml': ev(
          '      - login_failure\n      - permission_denied\n      - export\n      - key_rotation\n      - rate_limit_exceeded\n',
        ),
      },
    },
    { name: 'no events key (not reported)', files: { 'config.yaml': 'logging:\n  audit:\n    enabled: true\n' } },
  ],
  invalid: [
    {
      name: 'map without security: suggestion adds the category',
      files: { 'config.yaml': ev(authn + authz + data + admin) },
      errors: [
        {
          messageId: 'categoryMissing',
          line: 5,
          column: 5,
          endColumn: 11,
          severity: 'warning',
          message: /security category/,
          suggestions: [
            {
              title: 'Add the security category',
              output: ev(
                authn +
                  authz +
                  data +
                  admin +
                  '      security:\n        - failed_tls_handshake\n        - rate_limit_exceeded\n        - suspicious_activity\n',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'multi_gpu_setup list: four categories missing',
      files: { 'config.yaml': ev(list) },
      errors: [
        {
          messageId: 'categoryMissing',
          line: 5,
          message: /authorization/,
          suggestions: [{ title: 'Add the authorization category', output: ev(list + '      - authorization\n') }],
        },
        {
          messageId: 'categoryMissing',
          line: 5,
          message: /data_access/,
          suggestions: [{ title: 'Add the data_access category', output: ev(list + '      - data_access\n') }],
        },
        {
          messageId: 'categoryMissing',
          line: 5,
          message: /administrative/,
          suggestions: [{ title: 'Add the administrative category', output: ev(list + '      - administrative\n') }],
        },
        {
          messageId: 'categoryMissing',
          line: 5,
          message: /security/,
          suggestions: [{ title: 'Add the security category', output: ev(list + '      - security\n') }],
        },
      ],
      output: null,
    },
    {
      name: 'flow list: the category is added inside the brackets',
      files: {
        'config.yaml':
          'logging:\n  audit:\n    enabled: true\n    events: [authentication, authorization, data_access, administrative]\n',
      },
      errors: [
        {
          messageId: 'categoryMissing',
          line: 4,
          message: /security/,
          suggestions: [
            {
              title: 'Add the security category',
              output:
                'logging:\n  audit:\n    enabled: true\n    events: [authentication, authorization, data_access, administrative, security]\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'list with a ${VAR} item: no edit of a list whose value comes from the .env',
      files: {
        'config.yaml': ev('      - authentication\n      - authorization\n      - data_access\n      - ${EXTRA_AUDIT_EVENTS}\n'),
      },
      errors: [
        { messageId: 'categoryMissing', line: 5, message: /administrative/ },
        { messageId: 'categoryMissing', line: 5, message: /security/ },
      ],
      output: null,
    },
    {
      name: 'development profile drops to hint',
      profile: 'development',
      files: { 'config.yaml': ev(authn + authz + data + admin) },
      errors: [
        { messageId: 'categoryMissing', line: 5, severity: 'hint', suggestions: [{ title: 'Add the security category' }] },
      ],
    },
  ],
});
