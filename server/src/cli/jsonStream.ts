// A JSON document whose one long array is written an item at a time. The text is what
// JSON.stringify(document, null, 2) gives, but neither the array nor its text is ever held
// whole, so a report's memory does not grow with the number of files it covers.

/** Stands for the array while the document around it is laid out. */
const MARK = '\u0000streamed array\u0000';
const MARK_JSON = JSON.stringify(MARK);

export interface JsonArrayStream {
  item(value: unknown): void;
  /** Closes the array and writes the rest of the document, laid out again now. */
  end(): void;
}

/**
 * `frame(items)` builds the document with `items` where the array goes. It is called at the
 * start, for the text before the array, and at the end, for the text after it: what comes
 * before the array must not depend on what is learned while streaming.
 */
export function streamJsonArray(frame: (items: never[]) => unknown, write: (s: string) => void): JsonArrayStream {
  const around = () => {
    const text = JSON.stringify(frame(MARK as unknown as never[]), null, 2);
    const at = text.indexOf(MARK_JSON);
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const indent = /^ */.exec(text.slice(lineStart))![0];
    return { before: text.slice(0, at), after: text.slice(at + MARK_JSON.length), indent };
  };
  const { before, indent } = around();
  const inner = indent + '  ';
  write(before);
  let count = 0;
  return {
    item(value) {
      write((count++ ? ',\n' : '[\n') + inner + JSON.stringify(value, null, 2).replace(/\n/g, '\n' + inner));
    },
    end() {
      write(count ? `\n${indent}]` : '[]');
      write(around().after);
    },
  };
}
