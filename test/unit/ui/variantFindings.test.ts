/**
 * The findings-tour steps for the NoEdge control and the paper-form EBT: absent until their checkpoints are served,
 * then a link to the two models side by side and a measurement read from the compare panes.
 */
import { describe, expect, it } from 'vitest';
import type { ModelEntry, MoleculeAnalysis } from '../../../src/engine/api';
import type { Measured } from '../../../src/ui/tour/findings';
import { ebtFormFindings } from '../../../src/ui/tour/ebtFormFinding';
import { noEdgeFinding } from '../../../src/ui/tour/noEdgeFinding';
import { decodeUrl } from '../../../src/state/urlState';
import { fakeAnalysis } from '../ui-state/helpers';

const entry = (id: string, extra: Partial<ModelEntry> = {}): ModelEntry => ({
  id,
  label: id,
  detail: '',
  dataset: 'zinc',
  model: 'gt',
  state: 'trained',
  layers: 2,
  heads: 2,
  hidden: 4,
  ...extra,
});

const measured = (byModel: Record<string, MoleculeAnalysis>): Measured =>
  ({ compareResults: { key: 'k', byModel } }) as unknown as Measured;

describe('the NoEdge step', () => {
  it('is left out until gt-zinc-noedge-trained is served', () => {
    expect(noEdgeFinding('zinc', [entry('ckpt:gt-zinc-trained'), entry('ckpt:gt-zinc-noedge-base')], 3)).toEqual([]);
  });

  it('compares the NoEdge atoms with the GT bonds on the same molecule', () => {
    const entries = [entry('ckpt:gt-zinc-trained'), entry('ckpt:gt-zinc-noedge-trained', { noEdge: true })];
    const [step] = noEdgeFinding('zinc', entries, 3);
    expect(decodeUrl(step.link).state).toMatchObject({
      moleculeIndex: 3,
      colorMode: 'node',
      compareModels: ['ckpt:gt-zinc-noedge-trained', 'ckpt:gt-zinc-trained'],
    });
    const gt = fakeAnalysis([[5000, 20]]); // node ratios 2, 3, 4
    const noEdge = { ...fakeAnalysis([[7, 9]]), nodeRatios: [Float64Array.from([12, NaN, 30])] };
    expect(step.measure(measured({ 'ckpt:gt-zinc-trained': gt }))).toBeNull();
    const m = step.measure(measured({ 'ckpt:gt-zinc-trained': gt, 'ckpt:gt-zinc-noedge-trained': noEdge }))!;
    expect(m.text).toContain('GT bonds 5,000 (atoms 4)');
    expect(m.text).toContain('NoEdge atoms 30');
    expect(m.reproduced).toBe(true);
  });
});

describe('the paper-form EBT steps', () => {
  const spread = (evenness: number) => [{ peakOverUniform: 1, evenness, destinations: 3 }];
  it('are listed per architecture whose two EBT checkpoints are served, with the test metrics', () => {
    const entries = [
      entry('ckpt:san-zinc-ebt', { model: 'san', state: 'ebt', testMetrics: { mae: 0.46 } }),
      entry('ckpt:san-zinc-ebt-paper', { model: 'san', state: 'ebt', ebtForm: 'paper', testMetrics: { mae: 0.5 } }),
      entry('ckpt:graphit-zinc-ebt', { model: 'graphit', state: 'ebt' }),
    ];
    const steps = ebtFormFindings('zinc', entries, 0);
    expect(steps).toHaveLength(1);
    const intended = { ...fakeAnalysis([[300, 2]]), attentionSpread: spread(0.8) };
    const paper = { ...fakeAnalysis([[40, 2]]), attentionSpread: spread(1) };
    const m = steps[0].measure(measured({ 'ckpt:san-zinc-ebt': intended, 'ckpt:san-zinc-ebt-paper': paper }))!;
    expect(m.text).toContain('intended 0.800, paper form 1.000');
    expect(m.text).toContain('test mae 0.460 vs mae 0.500');
    expect(m.reproduced).toBe(true);
  });
});
