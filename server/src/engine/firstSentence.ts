// A finding's message leads with one sentence that says what is wrong (RULES.md "Findings
// tell the truth"); the one-line CLI report and the hover show that sentence alone.

/** The message up to the first `.`, `!` or `?` followed by a blank or the end (all of it when there is none). */
export function firstSentence(message: string): string {
  const end = /[.!?](?=\s|$)/.exec(message);
  return end ? message.slice(0, end.index + 1) : message;
}
