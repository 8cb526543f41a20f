// What "Generate Production Config" and `themisdb-lint init` write, decided before
// any file is touched: the editor asks every overwrite question first, the CLI takes
// --force; either way a Cancel (or a refusal) leaves the folder as it was.
import { GeneratedFile } from './productionConfig';

/** The answer to "<file> already exists": replace it, keep it, or stop without writing anything. */
export type OverwriteAnswer = 'overwrite' | 'keep' | 'cancel';

export interface WritePlan {
  /** In the generator's order. */
  write: GeneratedFile[];
  /** Existing files left as they are. */
  keep: string[];
  /** `.env` was written: the folder's .gitignore must list it. */
  ignoreEnv: boolean;
}

/** Shown when the user cancels at any question. */
export const CANCELLED_MESSAGE = 'Generate Production Config cancelled: no file was written.';

/** The generated files that already exist in the folder: one question each, in order. */
export function overwriteQuestions(files: readonly GeneratedFile[], exists: (name: string) => boolean): string[] {
  return files.map((f) => f.name).filter(exists);
}

/**
 * What to write given the answers to the overwrite questions (by file name), or undefined when
 * an answer is `cancel` or missing (the question was dismissed): then nothing is written.
 */
export function planWrites(
  files: readonly GeneratedFile[],
  existing: readonly string[],
  answers: ReadonlyMap<string, OverwriteAnswer>,
): WritePlan | undefined {
  const write: GeneratedFile[] = [];
  const keep: string[] = [];
  for (const f of files) {
    if (!existing.includes(f.name)) write.push(f);
    else {
      const answer = answers.get(f.name);
      if (answer === undefined || answer === 'cancel') return undefined;
      if (answer === 'keep') keep.push(f.name);
      else write.push(f);
    }
  }
  return { write, keep, ignoreEnv: write.some((f) => f.name === '.env') };
}

/** The .gitignore text with `.env` added, or undefined when a line already ignores it. */
export function gitignoreWithEnv(text: string): string | undefined {
  if (text.split(/\r?\n/).some((l) => /^\/?\.env\*?$/.test(l.trim()))) return undefined;
  return `${text}${text && !text.endsWith('\n') ? '\n' : ''}# secrets (ThemisDB)\n.env\n`;
}
