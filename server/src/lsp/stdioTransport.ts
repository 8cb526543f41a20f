// The --stdio transport with one write per message. vscode-jsonrpc writes a message's header
// and its body as two writes: two pipe writes per diagnostics push, each waking the client.
// Here the header waits for its body and both leave in one write.
import { Console } from 'console';
import { Writable } from 'stream';

const HEADER = /^Content-Length: \d+\r\n\r\n$/;

/** A stream in front of `out` that holds each message header until its body, then writes both at once. */
export function oneWritePerMessage(out: NodeJS.WritableStream): Writable {
  let header: Buffer | undefined;
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!header && chunk.length < 64 && HEADER.test(chunk.toString('latin1'))) {
        header = chunk;
        done();
        return;
      }
      const frame = header ? Buffer.concat([header, chunk]) : chunk;
      header = undefined;
      out.write(frame, (err) => done(err ?? undefined));
    },
  });
}

/**
 * What the console prints on stdout goes to `log` (the client's log) instead, as
 * vscode-languageserver arranges when it opens stdio itself: a line on stdout would corrupt
 * the protocol stream. Its stderr output stays on stderr.
 */
export function consoleOffStdout(log: (line: string) => void): void {
  const toLog = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log(chunk.toString('utf8').replace(/\r?\n$/, ''));
      done();
    },
  });
  globalThis.console = new Console({ stdout: toLog, stderr: process.stderr });
}
