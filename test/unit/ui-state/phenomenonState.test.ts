/** The criterion view, the compare defaults and the ablation notes, on small hand-made analyses. */
import { describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../src/engine/api';
import { DEFAULT_CRITERION } from '../../../src/ma/criterion';
import { ablationNotes } from '../../../src/state/ablationNotes';
import { toEngineAblation } from '../../../src/state/ablations';
import { bondMaView, flaggedPerLayer } from '../../../src/state/criterionView';
import { defaultComparison } from '../../../src/state/slices/compareSlice';
import { fakeAnalysis, fakeDrawing } from './helpers';

const entry = (id: string, state: ModelEntry['state'], model: ModelEntry['model'] = 'gt'): ModelEntry => ({
  id,
  label: id,
  detail: '',
  dataset: 'zinc',
  model,
  state,
  layers: 10,
  heads: 8,
  hidden: 64,
});

describe('the criterion applied to a molecule', () => {
  const analysis = fakeAnalysis([
    [10, 2000, 50],
    [1500, 20, 999],
  ]);

  it('flags per layer and over layers with the ratio threshold, and needs a reference for the others', () => {
    expect(bondMaView(analysis, 0, DEFAULT_CRITERION, null).massive).toEqual([false, true, false]);
    expect(bondMaView(analysis, 'max', DEFAULT_CRITERION, null).massive).toEqual([true, true, false]);
    expect(flaggedPerLayer(analysis, DEFAULT_CRITERION, null).map((l) => l.count)).toEqual([1, 1]);
    const tail = bondMaView(analysis, 0, { ...DEFAULT_CRITERION, kind: 'base-tail' }, null);
    expect(tail.unavailable).toMatch(/waiting/);
    expect(tail.massive).toEqual([false, false, false]);
    const reference = {
      source: 'test',
      edges: 10,
      layers: [0, 1].map(() => ({
        baseFit: { a: 3, loc: -2.5, scale: 0.5 },
        attentionMedians: [0.25, 0.5],
        attentionQuantiles: [1, 1.5, 2, 3],
      })),
    };
    const top = bondMaView(analysis, 1, { ...DEFAULT_CRITERION, kind: 'attention-top', percentile: 90 }, reference);
    // fakeAnalysis gives every head weight 0.5: 0.5 / 0.25 = 2 > 1 in head 0.
    expect(Array.from(top.values)).toEqual([2, 2, 2]);
    expect(top.massive).toEqual([true, true, true]);
    expect(top.cutoff).toBe(1);
  });
});

describe('compare defaults', () => {
  it('takes the base, trained and EBT checkpoints of the chosen architecture', () => {
    const entries = [
      entry('ckpt:gt-zinc-trained', 'trained'),
      entry('ckpt:san-zinc-trained', 'trained', 'san'),
      entry('ckpt:gt-zinc-ebt', 'ebt'),
      entry('ckpt:gt-zinc-base', 'base'),
      { ...entry('base:small-gt-zinc', 'base'), layers: 4 },
    ];
    expect(defaultComparison(entries, entries[0])).toEqual([
      'ckpt:gt-zinc-base',
      'ckpt:gt-zinc-trained',
      'ckpt:gt-zinc-ebt',
    ]);
    expect(defaultComparison(entries, entries[1])).toEqual(['ckpt:san-zinc-trained']);
  });

  it('puts a NoEdge GT beside the GT in its state, and a paper-form EBT beside the intended form', () => {
    const entries = [
      entry('ckpt:gt-zinc-noedge-trained', 'trained'),
      entry('ckpt:gt-zinc-trained', 'trained'),
      entry('ckpt:san-zinc-ebt-paper', 'ebt', 'san'),
      entry('ckpt:san-zinc-ebt', 'ebt', 'san'),
      entry('ckpt:gt-zinc-ebt', 'ebt'),
    ];
    Object.assign(entries[0], { noEdge: true, experiment: true });
    Object.assign(entries[2], { ebtForm: 'paper', experiment: true });
    expect(defaultComparison(entries, entries[0])).toEqual(['ckpt:gt-zinc-noedge-trained', 'ckpt:gt-zinc-trained']);
    expect(defaultComparison(entries, entries[2])).toEqual(['ckpt:san-zinc-ebt-paper', 'ckpt:san-zinc-ebt']);
    // The plain GT's own comparison leaves the NoEdge variant out.
    expect(defaultComparison(entries, entries[1])).toEqual(['ckpt:gt-zinc-trained', 'ckpt:gt-zinc-ebt']);
    // A global-node GT (an experiment, not flagged NoEdge or paper form) is a variant too.
    const global = { ...entry('ckpt:gt-zinc-global-trained', 'trained'), experiment: true };
    expect(defaultComparison([global, ...entries], global)).toEqual([global.id, 'ckpt:gt-zinc-trained']);
    expect(defaultComparison([global, ...entries], entries[1])).toEqual(['ckpt:gt-zinc-trained', 'ckpt:gt-zinc-ebt']);
  });
});

describe('zeroing MAs under base-tail', () => {
  it('zeroes above each layer’s cut-off, and the notes judge by the same cut-offs', () => {
    expect(toEngineAblation([{ kind: 'ma-all' }], 1000, [40, 130])?.features).toEqual([
      { mode: 'zero', threshold: 40, layers: [0] },
      { mode: 'zero', threshold: 130, layers: [1] },
    ]);
    expect(toEngineAblation([{ kind: 'ma-bond', bond: 2 }], 1000)?.features).toEqual([
      { mode: 'zero', threshold: 1000, edges: [4, 5] },
    ]);
    const analysis = {
      ...fakeAnalysis([
        [1, 1],
        [1, 1],
      ]),
      ablation: toEngineAblation([{ kind: 'ma-all' }], 1000, [40, 130]),
      unablatedBondRatios: [Float64Array.from([30, 35]), Float64Array.from([120, 200])],
    };
    expect(ablationNotes([{ kind: 'ma-all' }], analysis, fakeDrawing(2), 1000)).toEqual([]); // 200 > 130
    expect(ablationNotes([{ kind: 'ma-bond', bond: 0 }], analysis, fakeDrawing(2), 1000)[0]).toMatch(
      /at most its layer’s base-tail cut-off/,
    );
  });
});

describe('ablation notes', () => {
  const drawing = fakeDrawing(3);
  const analysis = { ...fakeAnalysis([[10, 20, 30]]), unablatedBondRatios: [Float64Array.from([10, 2000, 30])] };

  it('says when zeroing MAs has nothing to act on, and not when it has', () => {
    expect(ablationNotes([{ kind: 'ma-all' }], analysis, drawing, 1000)).toEqual([]);
    expect(ablationNotes([{ kind: 'ma-all' }], analysis, drawing, 5000)[0]).toMatch(/did nothing/);
    expect(ablationNotes([{ kind: 'ma-bond', bond: 0 }], analysis, drawing, 1000)[0]).toMatch(/bond 0 did nothing/);
    expect(ablationNotes([{ kind: 'ma-bond', bond: 1 }], analysis, drawing, 1000)).toEqual([]);
    expect(ablationNotes([{ kind: 'ma-all' }], fakeAnalysis([[1]]), drawing, 1)).toEqual([]); // no ablation ran
  });
});
