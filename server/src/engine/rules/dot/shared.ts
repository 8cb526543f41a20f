// What the DOT rules share: the one line shape that both DOT002 and DOT003 must agree on.
import { SourceFile } from '../../sourceFile';
import { Span } from '../../types';

/** `MY KEY=value`: a key with blanks inside, which dotenv cannot read at all. */
const SPACED_KEY = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*(?:[ \t]+[A-Za-z0-9_.-]+)+)[ \t]*=/;

/** The line starting at `span` read as a key with blanks (DOT003's, not DOT002's); groups: indent, `export `, key. */
export function spacedKey(file: SourceFile, span: Span): RegExpExecArray | null {
  return SPACED_KEY.exec(file.text.slice(span.start, file.lines.lineEnd(file.lines.position(span.start).line)));
}
