/** The ablation stack: toggles, undo, the one engine Ablation it stands for, and what a new molecule keeps. */
import { describe, expect, it } from 'vitest';
import {
  RANDOMIZE_SEED,
  splitByBondRange,
  toEngineAblation,
  toggleItem,
  usesThreshold,
  type AblationItem,
} from '../../../src/state/ablations';
import { analysisRequestKey } from '../../../src/state/selectors';
import { createAppStore } from '../../../src/state/store';
import { fakeListing } from './helpers';

const remove5: AblationItem = { kind: 'remove-bond', bond: 5 };
const ma2: AblationItem = { kind: 'ma-bond', bond: 2 };

describe('the ablation stack', () => {
  it('maps to one engine Ablation: bonds removed, the bond’s two edges 2k and 2k+1, all layers, the threshold', () => {
    expect(toEngineAblation([], 1000)).toBeUndefined();
    const items: AblationItem[] = [remove5, ma2, { kind: 'ma-all' }, { kind: 'randomize' }, { kind: 'global-node' }];
    expect(toEngineAblation(items, 3)).toEqual({
      removeBonds: [5],
      features: [
        { mode: 'zero', threshold: 3, edges: [4, 5] },
        { mode: 'zero', threshold: 3 },
      ],
      randomizeBondTypes: { seed: RANDOMIZE_SEED },
      globalNode: true,
    });
    expect(toEngineAblation([{ kind: 'remove-bond', bond: 1 }, remove5], 3)).toEqual({ removeBonds: [1, 5] });
    expect(usesThreshold([remove5])).toBe(false);
    expect(usesThreshold([remove5, ma2])).toBe(true);
  });

  it('toggles an item on top or off, and splits out items whose bond the molecule lacks', () => {
    expect(toggleItem([remove5], ma2)).toEqual([remove5, ma2]);
    expect(toggleItem([remove5, ma2], { kind: 'remove-bond', bond: 5 })).toEqual([ma2]);
    expect(toggleItem([remove5], { kind: 'remove-bond', bond: 6 })).toHaveLength(2);
    expect(splitByBondRange([remove5, ma2, { kind: 'ma-all' }], 4)).toEqual({
      kept: [ma2, { kind: 'ma-all' }],
      dropped: [remove5],
    });
  });

  it('undoes last first, clears, and keeps only molecule-wide ablations for another molecule', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().datasetLoaded(
      {
        name: 'zinc',
        title: 'ZINC',
        description: '',
        task: 'regression',
        targetNames: ['y'],
        splits: { train: 0, val: 0, test: 3 },
        drawing: 'molecule',
      },
      fakeListing(['CC', 'CCC', 'CCCC']),
    );
    s().toggleAblation(remove5);
    s().toggleAblation({ kind: 'ma-all' });
    s().toggleAblation(ma2);
    s().undoAblation();
    expect(s().ablations).toEqual([remove5, { kind: 'ma-all' }]);
    const before = analysisRequestKey(s());
    s().setThreshold(5);
    expect(analysisRequestKey(s())).not.toBe(before); // ma-all depends on the threshold
    s().selectBond(1);
    s().chooseMolecule(2);
    expect(s().ablations).toEqual([{ kind: 'ma-all' }]);
    expect(s().selectedBond).toBeNull();
    s().clearAblations();
    expect(s().ablations).toEqual([]);
    s().toggleAblation(remove5);
    const plain = analysisRequestKey(s());
    s().setThreshold(50);
    expect(analysisRequestKey(s())).toBe(plain); // removing a bond does not
  });
});
