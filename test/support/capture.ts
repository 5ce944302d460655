import { Writable } from 'node:stream';

/** Collects what is written to it: a reporter's or a command's output. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}
