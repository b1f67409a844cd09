import { describe, expect, it } from 'vitest';
import { filterMolecules } from '../../../src/state/moleculeFilter';
import { analysisForDrawing, bondRatiosForLayer, layerShownForBond, moleculeRefOf } from '../../../src/state/selectors';
import { ready } from '../../../src/state/slices/resultsSlice';
import { createAppStore } from '../../../src/state/store';
import { fakeAnalysis, fakeDrawing, fakeListing } from './helpers';

const listing = fakeListing(['CCO', 'c1ccccc1', 'CC#N', 'OCC#N', 'N']);

function storeWithListing() {
  const store = createAppStore();
  store.getState().datasetLoaded(
    {
      name: 'zinc',
      title: 'ZINC',
      description: '',
      task: 'regression',
      targetNames: ['y'],
      splits: { train: 0, val: 0, test: 5 },
      drawing: 'molecule',
    },
    listing,
  );
  return store;
}

describe('the molecule search', () => {
  it('matches a row number or a case-sensitive SMILES part', () => {
    expect(Array.from(filterMolecules(listing, ''))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(filterMolecules(listing, 'C#N'))).toEqual([2, 3]);
    expect(Array.from(filterMolecules(listing, '#4'))).toEqual([4]);
    expect(Array.from(filterMolecules(listing, 'c1'))).toEqual([1]);
    expect(Array.from(filterMolecules(listing, 'C1'))).toEqual([]);
  });
});

describe('the store', () => {
  it('steps through the molecules the search shows, and stops at the ends', () => {
    const store = storeWithListing();
    const s = () => store.getState();
    s().setMoleculeQuery('C#N');
    s().stepMolecule(1);
    expect(s().moleculeIndex).toBe(2);
    s().stepMolecule(1);
    expect(s().moleculeIndex).toBe(3);
    s().stepMolecule(1);
    expect(s().moleculeIndex).toBe(3);
    s().stepMolecule(-1);
    expect(s().moleculeIndex).toBe(2);
  });

  it('opens one right-hand drawer at a time (About or Training), next to the analysis panel', () => {
    const s = createAppStore().getState;
    s().setPanelOpen('analysis', true);
    s().setPanelOpen('about', true);
    expect(s().openPanels).toEqual(['analysis', 'about']);
    s().setPanelOpen('training', true);
    expect(s().openPanels).toEqual(['analysis', 'training']);
    s().setPanelOpen('training', false);
    expect(s().openPanels).toEqual(['analysis']);
  });

  it('steps only through the molecules a brushing filter keeps', () => {
    const store = storeWithListing();
    const s = () => store.getState();
    const { dataset, split } = s().listing!;
    s().setMoleculeFilter({ dataset, split, label: 'test', indices: Int32Array.from([1, 4]) });
    s().stepMolecule(1);
    expect(s().moleculeIndex).toBe(1);
    s().stepMolecule(1);
    expect(s().moleculeIndex).toBe(4);
    s().stepMolecule(-1);
    expect(s().moleculeIndex).toBe(1);
  });

  it('steps through bonds, wrapping around, and clears the bond on a new molecule', () => {
    const store = storeWithListing();
    const s = () => store.getState();
    s().setDrawingResult(ready(fakeDrawing(3), 'k'));
    s().stepBond(1);
    expect(s().selectedBond).toBe(0);
    s().stepBond(-1);
    expect(s().selectedBond).toBe(2);
    s().stepBond(1);
    expect(s().selectedBond).toBe(0);
    s().chooseMolecule(4);
    expect(s().selectedBond).toBeNull();
  });

  it('shows a typed SMILES only once the engine read it, and ignores an answer to an old request', () => {
    const store = storeWithListing();
    const s = () => store.getState();
    s().requestSmiles(' CCO ');
    expect(s().smiles).toBeNull();
    s().requestSmiles('CCN');
    s().smilesChecked('CCO', null); // stale
    expect(s().smiles).toBeNull();
    s().smilesChecked('CCN', 'bad');
    expect(s().smilesRequest).toEqual({ text: 'CCN', status: 'failed', error: 'bad' });
    s().requestSmiles('CCN');
    s().smilesChecked('CCN', null);
    expect(s().smiles).toBe('CCN');
    expect(moleculeRefOf(s())).toEqual({ kind: 'smiles', smiles: 'CCN', dataset: 'zinc' });
    s().stepMolecule(1); // back to the list
    expect(moleculeRefOf(s())).toEqual({ kind: 'dataset', dataset: 'zinc', split: 'test', index: 0 });
    s().requestSmiles('CCN');
    s().smilesChecked('CCN', null);
    s().chooseDataset('proteins');
    expect(s().smiles).toBeNull();
  });

  it('accepts only thresholds of at least 1', () => {
    const store = createAppStore();
    store.getState().setThreshold(0.5);
    store.getState().setThreshold(NaN);
    expect(store.getState().threshold).toBe(1000);
    store.getState().setThreshold(4000);
    expect(store.getState().threshold).toBe(4000);
  });

  it('keeps the chosen model kind when the dataset changes', () => {
    const store = createAppStore();
    const entry = (id: string, model: 'gt' | 'san') => ({
      id,
      label: id,
      detail: '',
      dataset: 'zinc' as const,
      model,
      state: 'base' as const,
      layers: 4,
      heads: 8,
      hidden: 64,
    });
    store.getState().modelsListed([entry('gt-zinc', 'gt'), entry('san-zinc', 'san')]);
    expect(store.getState().modelEntryId).toBe('gt-zinc');
    store.getState().chooseModel('san-zinc');
    store.getState().modelsListed([entry('gt-tox', 'gt'), entry('san-tox', 'san')]);
    expect(store.getState().modelEntryId).toBe('san-tox');
  });
});

describe('selectors', () => {
  const analysis = fakeAnalysis([
    [2, NaN, 5],
    [3, 4, NaN],
  ]);

  it('gives a layer’s ratios, or the maximum over layers skipping 0/0', () => {
    expect(Array.from(bondRatiosForLayer(analysis, 1))).toEqual([3, 4, NaN]);
    expect(Array.from(bondRatiosForLayer(analysis, 'max'))).toEqual([3, 4, 5]);
    expect(layerShownForBond(analysis, 'max', 0)).toBe(1);
    expect(layerShownForBond(analysis, 'max', 2)).toBe(0);
    expect(layerShownForBond(fakeAnalysis([[NaN], [7], [3]]), 'max', 0)).toBe(1);
    expect(layerShownForBond(analysis, 0, 2)).toBe(0);
  });

  it('pairs an analysis with the drawing only when both are of the same molecule', () => {
    const store = createAppStore();
    store.getState().setDrawingResult(ready(fakeDrawing(3), 'molecule-a'));
    store.getState().setAnalysisResult(ready(analysis, 'molecule-b'));
    expect(analysisForDrawing(store.getState())).toBeNull();
    store.getState().setAnalysisResult(ready(analysis, 'molecule-a'));
    expect(analysisForDrawing(store.getState())).toBe(analysis);
  });
});
