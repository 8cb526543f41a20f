// ENV008 auto-download-on: THEMIS_DISABLE_AUTO_DOWNLOAD missing or not 1, so the server may download LLM models at runtime.
import { defineRule } from '../rule';
import { flagMustBeOn } from './shared';

const { messages, check } = flagMustBeOn(
  'THEMIS_DISABLE_AUTO_DOWNLOAD',
  'the server may download LLM models at runtime',
  'Fetching models from the network is a supply-chain and SSRF risk',
);

export default defineRule({
  meta: {
    id: 'ENV008',
    name: 'auto-download-on',
    kinds: ['env', 'deploy'],
    severity: 'warning',
    productionOnly: true,
    fix: 'fix',
    supersedes: [],
    messages,
  },
  check,
});
