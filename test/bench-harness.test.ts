import assert from 'node:assert/strict';
import { median, runBenchmark } from '../bench/harness.js';

describe('the benchmark harness', () => {
  it('takes the median of each side, interleaved, after the warm-ups, and says whether the target is met', async () => {
    const order: string[] = [];
    const figures = { base: [100, 10, 30, 20], subject: [900, 25, 75, 50] };
    const side = (label: 'base' | 'subject') => ({
      label,
      measure: async () => {
        order.push(label);
        return figures[label].shift()!;
      },
    });
    const result = await runBenchmark({
      name: 'x',
      unit: 'ms',
      baseline: side('base'),
      subject: side('subject'),
      runs: 3,
      target: { ratio: 2.5, better: 'lower' },
      reproduce: 'none',
    });
    assert.deepEqual(order, ['base', 'subject', 'subject', 'base', 'base', 'subject', 'subject', 'base']);
    assert.deepEqual(result.baseline.runs, [10, 30, 20]);
    assert.equal(result.baseline.median, 20);
    assert.equal(result.subject.median, 50);
    assert.equal(result.ratio, 2.5);
    assert.equal(result.met, true);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});
