import { describe, expect, it, vi } from 'vitest';
import type { MoleculeDrawing, MoleculeRef } from '../../../src/engine/api';
import { startExplorer, type ExplorerEngine } from '../../../src/state/explorerController';
import { createAppStore } from '../../../src/state/store';
import { fakeAnalysis, fakeDrawing, fakeListing } from './helpers';

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
    bondDetail: vi.fn(async (_id, bond) => ({ bond, heads: 2, headDim: 2, layers: [] })),
  };
  return { engine, pendingDrawings };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the explorer controller', () => {
  it('loads the dataset, its models, and draws and analyses the first molecule', async () => {
    const store = createAppStore();
    const { engine, pendingDrawings } = fakeEngine();
    startExplorer(store, engine);
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

  it('drops a drawing that arrives after the person moved on', async () => {
    const store = createAppStore();
    const { engine, pendingDrawings } = fakeEngine();
    startExplorer(store, engine);
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
    startExplorer(store, engine);
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
});
