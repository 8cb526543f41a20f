// The report of a run, written file by file as the files are analyzed: no format holds the
// findings of the whole run or their text, so the CLI's memory stays flat in the number of
// files. A report file appears only when the run completes (written beside it, then renamed).
import * as fs from 'fs';
import * as path from 'path';
import { Format } from './args';
import {
  formatCompactLines,
  formatGithub,
  formatSummary,
  formatTextFile,
  isTextFormat,
  painter,
  Reported,
  Tally,
  TextSummary,
  toJsonFindings,
} from './format';
import { streamJsonArray } from './jsonStream';
import { SarifContext, sarifLog, sarifResult } from './sarif';

export interface ReportWriter {
  /** The findings of one file, reported now. */
  add(group: readonly Reported[]): void;
  /** Ends the report: the summary of a text report, the closing of a JSON one. */
  end(tally: Tally, summary: TextSummary): void;
}

export function reportWriter(
  format: Format,
  write: (s: string) => void,
  o: { color: boolean; version: string; sarif: SarifContext },
): ReportWriter {
  const paint = painter(o.color);
  switch (format) {
    case 'json': {
      const array = streamJsonArray((items) => items, write);
      return {
        add: (group) => toJsonFindings(group, o.version).forEach((f) => array.item(f)),
        end: () => (array.end(), write('\n')),
      };
    }
    case 'sarif': {
      const results = streamJsonArray((items) => sarifLog(items, o.sarif), write);
      return {
        add: (group) => group.forEach((r) => results.item(sarifResult(r, o.sarif.cwd))),
        end: () => (results.end(), write('\n')),
      };
    }
    case 'github':
      return { add: (group) => write(formatGithub(group)), end: () => undefined };
    case 'compact': {
      let any = false;
      return {
        add(group) {
          any ||= group.length > 0;
          write(formatCompactLines(group, paint));
        },
        end: (tally, summary) => write((any ? '\n' : '') + formatSummary(tally, summary, paint)),
      };
    }
    case 'text':
      return {
        add: (group) => write(formatTextFile(group, paint)),
        end: (tally, summary) => write(formatSummary(tally, summary, paint)),
      };
  }
}

/** Collects small writes into chunks of about 64 KB for `sink`. */
export function buffered(sink: (s: string) => void): { write(s: string): void; flush(): void } {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length) sink(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(s) {
      parts.push(s);
      size += s.length;
      if (size >= 1 << 16) flush();
    },
    flush,
  };
}

/** -o FILE cannot be written; the message names the file and the reason. */
export class ReportFileError extends Error {}

/**
 * -o FILE. A regular file (or a new one) is written beside itself and renamed into place when
 * the report is complete, so a run that fails leaves the last complete report, as it did when
 * the report was written at the end. Anything else (/dev/stdout, a pipe) is written directly.
 */
class ReportFile {
  private readonly target: string;
  private readonly temp: string | undefined;
  private readonly fd: number;

  constructor(
    file: string,
    private readonly shownAs: string,
  ) {
    const target = (this.target = realTarget(file));
    const regular = this.attempt(() => {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      return !fs.existsSync(target) || fs.statSync(target).isFile();
    });
    this.temp = regular ? path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`) : undefined;
    this.fd = this.attempt(() => fs.openSync(this.temp ?? target, 'w'));
  }

  write(s: string): void {
    this.attempt(() => fs.writeSync(this.fd, s));
  }

  /** The report is complete: it takes the file's place. */
  commit(): void {
    this.attempt(() => {
      fs.closeSync(this.fd);
      if (this.temp) fs.renameSync(this.temp, this.target);
    });
  }

  /** The run failed: the half-written report goes. */
  abandon(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed by a failed commit
    }
    if (this.temp) fs.rmSync(this.temp, { force: true });
  }

  private attempt<T>(io: () => T): T {
    try {
      return io();
    } catch (e) {
      throw new ReportFileError(`cannot write ${this.shownAs}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
}

export interface ReportTarget {
  format: Format;
  /** -o: the file (absolute), and its name in messages. */
  file?: { path: string; shownAs: string };
  /** Colour in what goes to standard output. */
  color: boolean;
  version: string;
  sarif: SarifContext;
  out: (s: string) => void;
}

/**
 * The report's writers: the chosen format on stdout, or in the -o file with the text report
 * on stdout besides (one run both gates and uploads). `close` after the run: a report that
 * did not end leaves its file as it was.
 */
export function openReport(t: ReportTarget): ReportWriter & { close(): void } {
  const o = { version: t.version, sarif: t.sarif };
  const stdout = buffered(t.out);
  const file = t.file && new ReportFile(t.file.path, t.file.shownAs);
  const fileOut = file && buffered((s) => file.write(s));
  const writers = fileOut
    ? [
        reportWriter(t.format, fileOut.write, { ...o, color: false }),
        ...(isTextFormat(t.format) ? [] : [reportWriter('text', stdout.write, { ...o, color: t.color })]),
      ]
    : [reportWriter(t.format, stdout.write, { ...o, color: t.color })];
  let ended = false;
  return {
    add: (group) => writers.forEach((w) => w.add(group)),
    end(tally, summary) {
      writers.forEach((w) => w.end(tally, summary));
      fileOut?.flush();
      file?.commit();
      stdout.flush();
      ended = true;
    },
    close() {
      if (ended) return;
      stdout.flush();
      file?.abandon();
    },
  };
}

/** The file a path names, through links (-o has always written through a link to its target). */
function realTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
