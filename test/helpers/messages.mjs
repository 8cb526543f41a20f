// What "a finding's first sentence says what is wrong in at most about 100 characters"
// (RULES.md "Findings tell the truth") means in the tests, with the engine's own
// definition of the first sentence (the one the CLI's compact report and the hover show).
import { engine } from './engine.mjs';

export const FIRST_SENTENCE_MAX = 100;

/** The problem with a finding's first sentence, or undefined when it is short enough. */
export function firstSentenceProblem(finding) {
  const first = engine.firstSentence(finding.message);
  return first.length > FIRST_SENTENCE_MAX
    ? `${finding.ruleId}: first sentence has ${first.length} characters (at most ${FIRST_SENTENCE_MAX}): ${first}`
    : undefined;
}
