// What "a finding's first sentence says what is wrong in at most about 100 characters"
// (RULES.md "Findings tell the truth") means in the tests: the text up to the first
// `.`, `!` or `?` that ends a sentence (followed by a blank or the end).

export const FIRST_SENTENCE_MAX = 100;

/** Rule families whose messages are still being rewritten to the limit (issue 11); emptied as each lands. */
export const LONG_MESSAGES_PENDING = new Set([
  'AUD',
  'CMP',
  'DEP',
  'DOT',
  'ENC',
  'ENV',
  'GPU',
  'KMS',
  'MIG',
  'NET',
  'SCH',
  'SEC',
  'SUP',
  'TLS',
]);

export function firstSentence(message) {
  const end = /[.!?](?=\s|$)/.exec(message);
  return end ? message.slice(0, end.index + 1) : message;
}

/** The problem with a finding's first sentence, or undefined when it is short enough. */
export function firstSentenceProblem(finding) {
  if (LONG_MESSAGES_PENDING.has(finding.ruleId.replace(/\d+$/, ''))) return undefined;
  const first = firstSentence(finding.message);
  return first.length > FIRST_SENTENCE_MAX
    ? `${finding.ruleId}: first sentence has ${first.length} characters (at most ${FIRST_SENTENCE_MAX}): ${first}`
    : undefined;
}
