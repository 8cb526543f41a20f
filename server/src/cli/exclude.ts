// --exclude GLOB: gitignore-style patterns (the `ignore` package, as git matches them),
// relative to the working folder, as ruff's --exclude and eslint's --ignore-pattern are.
import ignore from 'ignore';
import * as path from 'path';

/** A test for absolute file paths; undefined when there is no pattern. */
export function excluder(patterns: readonly string[], cwd: string): ((file: string) => boolean) | undefined {
  if (patterns.length === 0) return undefined;
  const ig = ignore().add([...patterns]);
  return (file) => {
    const rel = path.relative(cwd, file);
    // outside the working folder only patterns without a folder part (`*.env`) can match
    const inside = rel && !rel.startsWith('..') && !path.isAbsolute(rel);
    const subject = inside ? rel : path.relative(path.parse(file).root, file);
    return ig.ignores(subject.split(path.sep).join('/'));
  };
}
