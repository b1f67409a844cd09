/**
 * The findings tour's global-node step: absent without the checkpoint in the model index (or off ZINC), present
 * with it, and its measurement pooled by hand from a made-up scan (2 layers) against the recorded GT's bond rate.
 */
import type { ModelEntry } from '../../src/engine/explorerTypes';
import { describe, expect, it } from 'vitest';
import type { DatasetScanResult, GlobalShare, RecordedScan } from '../../src/engine/api';
import { idle } from '../../src/state/slices/resultsSlice';
import { buildFindings } from '../../src/ui/tour/findings';
import { GLOBAL_TRAINED, globalNodeFinding, pooledGlobalShare } from '../../src/ui/tour/globalNodeFinding';

const recorded = (entryId: string, fractions: number[]) =>
  ({
    entryId,
    model: 'gt',
    state: 'trained',
    scan: { split: 'test', layers: fractions.map((f) => ({ maxItemRatio: 1, fractionEdgesMassive: f })) },
  }) as RecordedScan;

const share = (massive: number, massiveVirtual: number): GlobalShare => ({
  massive,
  massiveVirtual,
  share: massive ? massiveVirtual / massive : NaN,
  edgeShare: 0.4,
});

/** 1000 edges, 400 of them virtual; layer 1: 30 MA edges, 24 virtual; layer 2: 10 MA edges, 0 virtual. */
const scan = (modelEntry: string, threshold = 1000) =>
  ({
    modelEntry,
    threshold,
    edges: 1000,
    layers: [{ globalShare: share(30, 24) }, { globalShare: share(10, 0) }],
  }) as unknown as DatasetScanResult;

const measured = (value: DatasetScanResult | null) => ({
  scanResult: { ...idle, value },
  compareResults: null,
  analysisResult: idle,
});

describe('global-node finding', () => {
  const scans = [recorded('ckpt:gt-zinc-trained', [0.01, 0.03])];

  it('is not offered without the checkpoint in the model index, nor off ZINC', () => {
    expect(globalNodeFinding('zinc', scans, ['ckpt:gt-zinc-trained'])).toEqual([]);
    expect(globalNodeFinding('tox21', scans, [GLOBAL_TRAINED])).toEqual([]);
    const entry = (id: string) => ({ id }) as ModelEntry;
    const entries = [entry('ckpt:gt-zinc-trained')];
    expect(buildFindings('zinc', scans, entries).length + 1).toBe(
      buildFindings('zinc', scans, [...entries, entry(GLOBAL_TRAINED)]).length,
    );
  });

  it('pools the layers by hand: 24 of 40 MA edges virtual, bonds 16 of 1200', () => {
    const pooled = pooledGlobalShare(scan('x'))!;
    expect(pooled.share).toBeCloseTo(0.6, 12);
    expect(pooled.edgeShare).toBe(0.4);
    expect(pooled.bondRate).toBeCloseTo(16 / 1200, 12);
  });

  it('measures the scan of its own model only, with the recorded GT at the same threshold', () => {
    const [step] = globalNodeFinding('zinc', scans, ['ckpt:gt-zinc-global-base'], 'ckpt:gt-zinc-global-base');
    expect(step.scan).toBe(true);
    expect(step.link).toMatch(/&m=ckpt:gt-zinc-global-base&.*panels=analysis/);
    expect(step.measure(measured(null))).toBeNull();
    expect(step.measure(measured(scan('ckpt:other')))).toBeNull();
    const m = step.measure(measured(scan('ckpt:gt-zinc-global-base')))!;
    expect(m.reproduced).toBe(true);
    expect(m.text).toBe(
      '60% of MA edges (all layers) are the global node’s edges, which are 40% of all edges; bonds with an MA: 1.33% here, 2% in GT trained without the node (recorded)',
    );
    const other = step.measure(measured(scan('ckpt:gt-zinc-global-base', 300)))!;
    expect(other.text).not.toContain('recorded');
  });
});
