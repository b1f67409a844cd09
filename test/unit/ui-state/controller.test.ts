import { describe, expect, it, vi } from 'vitest';
import type { MoleculeDrawing, MoleculeRef } from '../../../src/engine/api';
import { startExplorer, type ExplorerEngine } from '../../../src/state/explorerController';
import { attributionForDrawing } from '../../../src/state/selectors';
import { restoreFromUrl } from '../../../src/state/urlSync';
import { createAppStore } from '../../../src/state/store';
import { fakeAnalysis, fakeAttribution, fakeDrawing, fakeListing } from './helpers';

/** An engine whose drawMolecule answers are released by hand, to test answers arriving out of order. */
function fakeEngine() {
  const pendingDrawings: { ref: MoleculeRef; release: () => void }[] = [];
  const engine: ExplorerEngine = {
    startChemistry: vi.fn(async () => ({ rdkitVersion: 'test' })),
    datasetInfo: vi.fn(async (name) => ({
      name,
      title: name.toUpperCase(),
      description: '',
      task: 'regression' as const,
      targetNames: ['y'],
      splits: { train: 0, val: 0, test: 3 },
      drawing: 'molecule' as const,
    })),
    listMolecules: vi.fn(async () => fakeListing(['CC', 'CCC', 'CCCC'])),
    listModels: vi.fn(async (dataset) => [
      {
        id: `base:small-gt-${dataset}`,
        label: 'GT',
        detail: '',
        dataset,
        model: 'gt' as const,
        state: 'base' as const,
        layers: 2,
        heads: 2,
        hidden: 4,
      },
    ]),
    drawMolecule: vi.fn(
      (ref: MoleculeRef) =>
        new Promise<MoleculeDrawing>((resolve, reject) => {
          const numBonds = ref.kind === 'dataset' ? ref.index + 1 : 1;
          const release = () =>
            ref.kind === 'smiles' && ref.smiles === 'bad'
              ? reject(new Error('RDKit could not read the SMILES "bad"'))
              : resolve(fakeDrawing(numBonds, JSON.stringify(ref)));
          pendingDrawings.push({ ref, release });
        }),
    ),
    analyzeMolecule: vi.fn(async ({ molecule }) => {
      const numBonds = molecule.kind === 'dataset' ? molecule.index + 1 : 1;
      return fakeAnalysis([Array.from({ length: numBonds }, (_, k) => 10 + k)]);
    }),
    bondDetails: vi.fn(async () =>
      Array.from({ length: 8 }, (_, bond) => ({ bond, heads: 2, headDim: 2, layers: [] })),
    ),
    attributeMolecule: vi.fn(async ({ molecule, threshold }) => fakeAttribution(molecule, threshold)),
  };
  return { engine, pendingDrawings };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the explorer controller', () => {
  it('loads the dataset, its models, and draws and analyses the first molecule', async () => {
    const store = createAppStore();
    const { engine, pendingDrawings } = fakeEngine();
    startExplorer(store, engine, { attributionDelayMs: 0 });
    await settle();
    const s = store.getState();
    expect(s.chemistryStatus).toBe('ready');
    expect(s.datasetStatus).toBe('ready');
    expect(s.listing?.count).toBe(3);
    expect(s.modelEntryId).toBe('base:small-gt-zinc');
    pendingDrawings.forEach((p) => p.release());
    await settle();
    expect(store.getState().drawingResult.status).toBe('ready');
    expect(store.getState().analysisResult.value?.numBonds).toBe(1);
    store.getState().selectBond(0);
    await settle();
    expect(store.getState().bondDetailResult.value?.bond).toBe(0);
  });

  it('fetches every bond’s detail once per analysis, so later bond clicks are answered at once', async () => {
    const store = createAppStore();
    const { engine, pendingDrawings } = fakeEngine();
    startExplorer(store, engine, { attributionDelayMs: 0 });
    await settle();
    store.getState().chooseMolecule(2);
    await settle();
    pendingDrawings.forEach((p) => p.release());
    await settle();
    expect(store.getState().analysisResult.value?.numBonds).toBe(3);
    expect(engine.bondDetails).toHaveBeenCalledTimes(1);
    for (const bond of [2, 0, 1]) {
      store.getState().selectBond(bond); // no await: the detail is there in the same tick
      expect(store.getState().bondDetailResult.status).toBe('ready');
      expect(store.getState().bondDetailResult.value?.bond).toBe(bond);
    }
    expect(engine.bondDetails).toHaveBeenCalledTimes(1);
  });

  it('drops a drawing that arrives after the person moved on', async () => {
    const store = createAppStore();
    const { engine, pendingDrawings } = fakeEngine();
    startExplorer(store, engine, { attributionDelayMs: 0 });
    await settle();
    store.getState().chooseMolecule(2);
    await settle();
    const [first, second] = pendingDrawings;
    second.release();
    await settle();
    first.release();
    await settle();
    expect(store.getState().drawingResult.value?.bonds).toHaveLength(3);
    expect(store.getState().drawingResult.key).toContain('"index":2');
  });

  it('keeps the molecule and reports the error when a typed SMILES cannot be read', async () => {
    const store = createAppStore();
    const { engine, pendingDrawings } = fakeEngine();
    startExplorer(store, engine, { attributionDelayMs: 0 });
    await settle();
    pendingDrawings.forEach((p) => p.release());
    await settle();
    store.getState().requestSmiles('bad');
    await settle();
    pendingDrawings.at(-1)!.release();
    await settle();
    expect(store.getState().smilesRequest?.error).toMatch(/could not read/);
    expect(store.getState().smiles).toBeNull();
    expect(store.getState().drawingResult.status).toBe('ready');
  });

  it('runs the analysis with the ablation stack and attributions only in the attribution colour mode', async () => {
    const store = createAppStore();
    const { engine, pendingDrawings } = fakeEngine();
    startExplorer(store, engine, { attributionDelayMs: 0 });
    await settle();
    store.getState().chooseMolecule(2);
    await settle();
    pendingDrawings.forEach((p) => p.release());
    await settle();
    store.getState().toggleAblation({ kind: 'remove-bond', bond: 1 });
    store.getState().toggleAblation({ kind: 'ma-all' });
    await settle();
    expect(vi.mocked(engine.analyzeMolecule).mock.lastCall![0].ablation).toEqual({
      removeBonds: [1],
      features: [{ mode: 'zero', threshold: 1000 }],
    });
    store.getState().selectBond(0);
    await settle();
    expect(engine.attributeMolecule).not.toHaveBeenCalled();
    store.getState().setColorMode('attribution');
    await settle();
    expect(engine.attributeMolecule).toHaveBeenCalledTimes(1);
    // The shown method's part first (occlusion: the ablation part).
    expect(vi.mocked(engine.attributeMolecule).mock.calls[0][0].parts).toEqual(['ablation']);
    expect(attributionForDrawing(store.getState())?.bonds.occlusion).toEqual(Float32Array.from([-1, 0, 1]));
    store.getState().setThreshold(3); // changes the MA-ablation method and the ma-all ablation
    expect(attributionForDrawing(store.getState())).toBeNull();
    await settle();
    expect(engine.attributeMolecule).toHaveBeenCalledTimes(2);
    expect(attributionForDrawing(store.getState())?.threshold).toBe(3);
  });

  it('computes the shown attribution method first, then the rest, which the person can stop', async () => {
    const store = createAppStore();
    const { engine, pendingDrawings } = fakeEngine();
    let releaseGradients = () => {};
    engine.attributeMolecule = vi.fn(async (request) => {
      const full = fakeAttribution(request.molecule, request.threshold);
      const methods = (['occlusion', 'maAblation', 'gradInput', 'integratedGradients'] as const).filter(
        (m) => (m === 'occlusion' || m === 'maAblation') === request.parts!.includes('ablation'),
      );
      if (request.parts!.includes('gradients')) await new Promise<void>((resolve) => (releaseGradients = resolve));
      return { ...full, computed: [...methods] };
    });
    startExplorer(store, engine, { attributionDelayMs: 0 });
    await settle();
    store.getState().chooseMolecule(2);
    await settle();
    pendingDrawings.forEach((p) => p.release());
    await settle();
    store.getState().setAttributionMethod('integratedGradients');
    store.getState().setColorMode('attribution');
    await settle();
    // Integrated gradients is shown: the gradients part is asked for first, and nothing is in until it answers.
    expect(vi.mocked(engine.attributeMolecule).mock.calls.map((c) => c[0].parts)).toEqual([['gradients']]);
    expect(attributionForDrawing(store.getState())).toBeNull();
    releaseGradients();
    await settle();
    expect(attributionForDrawing(store.getState())?.computed).toEqual([
      'occlusion',
      'maAblation',
      'gradInput',
      'integratedGradients',
    ]);
    expect(vi.mocked(engine.attributeMolecule).mock.calls.map((c) => c[0].parts)).toEqual([
      ['gradients'],
      ['ablation'],
    ]);
    expect(store.getState().attributionRest).toBe('none');

    // Another molecule, occlusion shown: the ablation part arrives, the gradients are stopped before they start.
    store.getState().setAttributionMethod('occlusion');
    store.getState().chooseMolecule(1);
    await settle();
    pendingDrawings.forEach((p) => p.release());
    await settle();
    expect(attributionForDrawing(store.getState())?.computed).toEqual(['occlusion', 'maAblation']);
    expect(store.getState().attributionRest).toBe('loading');
    store.getState().stopAttribution();
    releaseGradients();
    await settle();
    expect(store.getState().attributionResult.status).toBe('ready');
    expect(store.getState().attributionRest).toBe('stopped');
    expect(attributionForDrawing(store.getState())?.computed).toEqual(['occlusion', 'maAblation']);
  });

  it('repairs what a link asked for but the data lacks, with a notice each', async () => {
    const store = createAppStore();
    const { engine, pendingDrawings } = fakeEngine();
    restoreFromUrl(store, '#v=1&i=1&m=base:small-gt-tox21&layer=9&abl=remove-bond:0,ma-bond:4,ma-all&bond=6');
    startExplorer(store, engine, { attributionDelayMs: 0 });
    await settle();
    pendingDrawings.forEach((p) => p.release());
    await settle();
    const s = store.getState();
    expect([s.moleculeIndex, s.modelEntryId, s.layer, s.selectedBond]).toEqual([1, 'base:small-gt-zinc', 'max', null]);
    expect(s.ablations).toEqual([{ kind: 'remove-bond', bond: 0 }, { kind: 'ma-all' }]);
    expect(s.notices).toEqual([
      'GT has 2 layers, not 9; showing the maximum over layers.',
      'The model "base:small-gt-tox21" is not offered here; showing "GT".',
      'This molecule has bonds 0 to 1; not used: bond 6, ma-bond:4.',
    ]);
  });

  it('shows row 0 for a row past the end, without the old row’s bond and bond ablations', async () => {
    const store = createAppStore();
    const { engine } = fakeEngine();
    restoreFromUrl(store, '#v=1&i=7&abl=remove-bond:0,ma-all&bond=0');
    startExplorer(store, engine, { attributionDelayMs: 0 });
    await settle();
    const s = store.getState();
    expect([s.moleculeIndex, s.selectedBond, s.ablations]).toEqual([0, null, [{ kind: 'ma-all' }]]);
    expect(s.notices).toEqual(['ZINC test has no molecule #7 (it has 3); showing #0.']);
  });

  it('goes back to the list with a notice when a linked SMILES cannot be drawn', async () => {
    const store = createAppStore();
    const { engine, pendingDrawings } = fakeEngine();
    restoreFromUrl(store, '#v=1&smi=bad');
    startExplorer(store, engine, { attributionDelayMs: 0 });
    await settle();
    pendingDrawings.forEach((p) => p.release());
    await settle();
    expect(store.getState().smiles).toBeNull();
    expect(store.getState().notices[0]).toMatch(/The SMILES “bad” could not be shown: RDKit could not read/);
  });

  it('analyses a linked SMILES with a linked model once the models are listed (a link that never finished)', async () => {
    for (const color of ['ma', 'attribution']) {
      const store = createAppStore();
      const { engine, pendingDrawings } = fakeEngine();
      restoreFromUrl(
        store,
        `#v=1&ds=zinc&smi=c1ccccc1O&m=base:small-gt-zinc&layer=max&thr=1000&color=${color}&attr=occ`,
      );
      startExplorer(store, engine, { attributionDelayMs: 0 });
      await settle();
      pendingDrawings.forEach((p) => p.release());
      await vi.waitFor(() => expect(store.getState().analysisResult.status).toBe('ready'));
      if (color === 'attribution')
        await vi.waitFor(() => expect(store.getState().attributionResult.status).toBe('ready'));
    }
  });

  it('clears a refused SMILES once another molecule is shown', async () => {
    const store = createAppStore();
    const { engine, pendingDrawings } = fakeEngine();
    startExplorer(store, engine, { attributionDelayMs: 0 });
    await settle();
    store.getState().requestSmiles('bad');
    await settle();
    pendingDrawings.forEach((p) => p.release());
    await vi.waitFor(() => expect(store.getState().smilesRequest?.status).toBe('failed'));
    store.getState().chooseMolecule(1);
    expect(store.getState().smilesRequest).toBeNull();
  });

  it('says a molecule has no bonds when a link selects bond 0 of one without bonds', async () => {
    const store = createAppStore();
    const { engine } = fakeEngine();
    engine.drawMolecule = vi.fn(async (ref: MoleculeRef) => fakeDrawing(0, JSON.stringify(ref)));
    restoreFromUrl(store, '#v=1&ds=zinc&smi=C&bond=0');
    startExplorer(store, engine, { attributionDelayMs: 0 });
    await vi.waitFor(() => expect(store.getState().notices).toContain('This molecule has no bonds; not used: bond 0.'));
    expect(store.getState().selectedBond).toBeNull();
  });
});
