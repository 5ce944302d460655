import type { Writable } from 'node:stream';

/**
 * The stdout of several tenants' runs going at once, printed tenant after tenant in the order given, as a run one
 * after the other prints them: the first unfinished tenant's output as it comes, the others' kept until their turn.
 */
export class OrderedOutput {
  private readonly pending: Buffer[][];
  private readonly finished: boolean[];
  private head = 0;

  constructor(
    private readonly out: Writable,
    count: number,
  ) {
    this.pending = Array.from({ length: count }, () => []);
    this.finished = new Array<boolean>(count).fill(false);
  }

  add(index: number, chunk: Buffer): void {
    this.pending[index]!.push(chunk);
    this.flush();
  }

  finish(index: number): void {
    this.finished[index] = true;
    this.flush();
  }

  private flush(): void {
    while (this.head < this.pending.length) {
      const chunks = this.pending[this.head]!;
      for (const chunk of chunks.splice(0)) this.out.write(chunk);
      if (!this.finished[this.head]) return;
      this.head += 1;
    }
  }
}
