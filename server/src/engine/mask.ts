/** A secret as it may appear in any output: at most its first 4 characters and its length. */
export function maskSecret(value: string): string {
  const shown = value.length > 12 ? value.slice(0, 4) : value.slice(0, Math.min(2, Math.floor(value.length / 4)));
  return `"${shown}…" (${value.length} characters)`;
}
