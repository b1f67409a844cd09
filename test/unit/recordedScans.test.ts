/** The first view and the criterion reference come from the checkpoints' recorded scans, not from a scan at load. */
import { describe, expect, it } from 'vitest';
import { folderCheckpointSource } from '../../src/engine/folderCheckpoints';
import { ModelCatalog } from '../../src/engine/modelCatalog';
import { ModelRegistry } from '../../src/engine/models';
import {
  baseScanOf,
  chooseFirstView,
  referenceFromRecorded,
  strongestByLayer,
  type RecordedScan,
  type RecordedScanData,
} from '../../src/engine/recordedScans';
import { DEFAULT_CRITERION, type MaCriterion } from '../../src/ma/criterion';

const layer = (top: { index: number; ratio: number; attentionTop: number }[], extra = {}) => ({
  maxItemRatio: top[0]?.ratio ?? null,
  fractionEdgesMassive: 0,
  gamma: { a: 3, loc: -2.5, scale: 0.5 },
  topGraphs: top,
  topGraphsByAttention: [...top].sort((a, b) => b.attentionTop - a.attentionTop),
  attentionMedians: [0.1, 0.1],
  attentionQuantiles: [1.5, 2, 3, 4],
  ...extra,
});
const scan = (entryId: string, state: RecordedScan['state'], layers: RecordedScanData['layers']): RecordedScan => ({
  entryId,
  model: 'gt',
  state,
  scan: { split: 'test', edges: 1000, layers },
});

describe('choosing the first view from recorded scans', () => {
  const scans = [
    scan('ckpt:gt-zinc-base', 'base', [layer([{ index: 1, ratio: 90, attentionTop: 2 }])]),
    scan('ckpt:gt-zinc-trained', 'trained', [
      layer([{ index: 4, ratio: 1500, attentionTop: 2.5 }]),
      layer([
        { index: 7, ratio: 5000, attentionTop: 1.2 },
        { index: 8, ratio: 3000, attentionTop: 9 },
      ]),
    ]),
  ];

  it('picks the trained model, layer and molecule flagged by the widest margin under each criterion', () => {
    expect(chooseFirstView(scans, DEFAULT_CRITERION)).toMatchObject({
      entryId: 'ckpt:gt-zinc-trained',
      layer: 1,
      moleculeIndex: 7,
      value: 5000,
      cutoff: 1000,
    });
    const top: MaCriterion = { ...DEFAULT_CRITERION, kind: 'attention-top', percentile: 99 };
    expect(chooseFirstView(scans, top)).toMatchObject({ layer: 1, moleculeIndex: 8, value: 9, cutoff: 3 });
  });

  it('offers nothing when no recorded molecule passes the cut-off', () => {
    expect(chooseFirstView(scans, { ...DEFAULT_CRITERION, threshold: 10_000 })).toBeNull();
    expect(strongestByLayer(scans[1], null, { ...DEFAULT_CRITERION, kind: 'base-tail' })).toEqual([null, null]);
  });

  it('never opens on an experiment, and compares one with the base of its own family', () => {
    const noEdge = (entryId: string, state: RecordedScan['state'], ratio: number): RecordedScan => ({
      ...scan(entryId, state, [layer([{ index: 2, ratio, attentionTop: 1 }], { gamma: { a: 9, loc: 0, scale: 1 } })]),
      family: 'gt-noedge',
      experiment: true,
    });
    const withControls = [
      noEdge('ckpt:gt-zinc-noedge-base', 'base', 10),
      ...scans.map((s) => ({ ...s, family: 'gt' })),
      noEdge('ckpt:gt-zinc-noedge-trained', 'trained', 1e6),
    ];
    expect(chooseFirstView(withControls, DEFAULT_CRITERION)).toMatchObject({ entryId: 'ckpt:gt-zinc-trained' });
    expect(baseScanOf(withControls, withControls[2])).toBe(scans[0].scan);
    expect(baseScanOf(withControls, withControls[3])).toBe(withControls[0].scan);
  });

  it('takes base-tail cut-offs from the base checkpoint’s fits', () => {
    const reference = referenceFromRecorded(scans[1].scan, scans[0].scan);
    expect(reference.layers[0].baseFit).toEqual({ a: 3, loc: -2.5, scale: 0.5 });
    expect(reference.layers[1].baseFit).toBeNull(); // the base scan has one layer here
    expect(reference.edges).toBe(1000);
  });

  it('finds a flagged view in the shipped ZINC checkpoints under every criterion (recomputed, not hard-coded)', async () => {
    const catalog = new ModelCatalog(new ModelRegistry(), folderCheckpointSource());
    const shipped = await catalog.recordedScans('zinc');
    expect(shipped.filter((s) => !s.experiment)).toHaveLength(9);
    for (const kind of ['ratio', 'base-tail', 'attention-top'] as const) {
      const choice = chooseFirstView(shipped, { ...DEFAULT_CRITERION, kind });
      expect(choice, kind).not.toBeNull();
      expect(choice!.value).toBeGreaterThan(choice!.cutoff);
      const own = shipped.find((s) => s.entryId === choice!.entryId)!;
      expect(own.state).toBe('trained');
      expect(own.experiment, own.entryId).toBeUndefined();
      const layerScan = own.scan.layers[choice!.layer];
      const top = kind === 'attention-top' ? layerScan.topGraphsByAttention! : layerScan.topGraphs!;
      expect(top[0].index).toBe(choice!.moleculeIndex);
    }
  });

  it('lists the grid before the experiments, so a ZINC visit opens plain GT, and tags each with its family', async () => {
    const catalog = new ModelCatalog(new ModelRegistry(), folderCheckpointSource());
    const entries = (await catalog.entries('zinc')).filter((e) => e.id.startsWith('ckpt:'));
    expect(entries[0].id).toBe('ckpt:gt-zinc-trained');
    const firstExperiment = entries.findIndex((e) => e.experiment);
    expect(firstExperiment).toBeGreaterThan(0);
    expect(entries.slice(firstExperiment).every((e) => e.experiment)).toBe(true);
    expect(entries.find((e) => e.id === 'ckpt:gt-zinc-noedge-base')?.family).toBe('gt-noedge');
    expect(entries.find((e) => e.id === 'ckpt:gt-zinc-global-base')?.family).toBe('gt-global');
  });
});
