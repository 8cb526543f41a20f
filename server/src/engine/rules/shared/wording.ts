// How lists and quantities read in messages, so a first sentence stays short and names its units.

/** `a, b, c and 2 more`: at most `max` names, the rest counted. */
export function listed(names: readonly string[], max = 3): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** `a`, `a and b`, `a, b and c`: every name. */
export function andList(names: readonly string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A count with its unit, singular when it is one: `1 day`, `30 days`. */
export function counted(n: number, unit: string): string {
  return `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
}

/** The text with its first letter in upper case, to start a sentence. */
export function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
