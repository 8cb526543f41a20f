// The --stdio transport's writer: each message leaves as one frame (header and body in one
// write), written when it is sent. vscode-jsonrpc's stream writer writes the header and the
// body apart (two pipe writes, two wake-ups of the client per diagnostics push) and queues
// every message behind a setImmediate, so a push waited for another turn of the event loop.
import { Console } from 'console';
import { Writable } from 'stream';
import { AbstractMessageWriter, Connection, Message, MessageWriter } from 'vscode-languageserver/node';

export class FramedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (err: Error) => this.fireError(err));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let frame: Buffer;
    try {
      const body = JSON.stringify(msg);
      const length = Buffer.byteLength(body, 'utf8');
      const header = `Content-Length: ${length}\r\n\r\n`;
      frame = Buffer.allocUnsafe(header.length + length);
      frame.write(header, 0, 'latin1');
      frame.write(body, header.length, 'utf8');
    } catch (err) {
      this.fireError(err);
      return Promise.reject(err);
    }
    // stream writes keep their order, so messages leave in the order they were sent
    return new Promise((resolve, reject) =>
      this.out.write(frame, (err) => {
        if (!err) {
          this.errors = 0;
          return resolve();
        }
        this.fireError(err, msg, ++this.errors);
        reject(err);
      }),
    );
  }

  end(): void {
    this.out.end();
  }
}

/**
 * The server exits once the client closes its input, with 0 after a shutdown request and 1
 * without one: what the library arranges when it is given the input as a stream.
 */
export function exitWhenInputEnds(connection: Connection): void {
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const exit = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
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
