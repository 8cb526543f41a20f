// ENV007 pii-strict-off: THEMIS_PII_STRICT missing or not 1, so PII redaction fails open.
import { defineRule } from '../rule';
import { flagMustBeOn } from './shared';

const { messages, check } = flagMustBeOn(
  'THEMIS_PII_STRICT',
  'PII redaction fails open',
  'Personal data can then reach logs and query results',
);

export default defineRule({
  meta: {
    id: 'ENV007',
    name: 'pii-strict-off',
    kinds: ['env', 'deploy'],
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages,
  },
  check,
});
