/** The model's view of each dataset (gnn/config.ts) must agree with what the bundles hold. */
import { describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../../src/data/bundleNode';
import { loadBundle } from '../../../src/data/bundleRead';
import { DATASET_INPUTS, DATASETS } from '../../../src/gnn/config';

describe.each(DATASETS)('%s bundle', (name) => {
  it('has the vocabularies, node values and targets the model encoders expect', async () => {
    const { spec } = await loadBundle(name, folderBundleSource());
    const inputs = DATASET_INPUTS[name];
    expect(spec.nodeVocab).toEqual(inputs.nodeVocab);
    expect(spec.edgeVocab).toEqual(inputs.edgeVocab);
    expect(spec.nodeValueWidth).toBe(inputs.nodeValueWidth);
    expect(spec.numTargets).toBe(inputs.numTargets);
  });
});
