/**
 * The attack panel's state: the default pair (the current model and its EBT or plain twin, else one of its kind),
 * chosen models that are no longer listed fall back, and the series the panel draws from a run and recorded results.
 */
import { describe, expect, it } from 'vitest';
import type { AttackResult, AttackRunResult, ModelEntry, RecordedAttack } from '../../../src/engine/api';
import { attackPair, defaultAttackPair } from '../../../src/state/slices/attackSlice';
import { createAppStore } from '../../../src/state/store';
import { attackSeries } from '../../../src/ui/attack/attackSeries';

const entry = (id: string, model: ModelEntry['model']): ModelEntry => ({
  id,
  label: id,
  detail: '',
  dataset: 'tox21',
  model,
  state: id.startsWith('base:') ? 'base' : id.endsWith('-ebt') ? 'ebt' : 'trained',
  layers: 2,
  heads: 1,
  hidden: 8,
});
const entries = [
  entry('ckpt:gt-tox21-trained', 'gt'),
  entry('ckpt:san-tox21-trained', 'san'),
  entry('ckpt:gt-tox21-ebt', 'gt'),
  entry('base:small-gt-tox21', 'gt'),
  entry('base:small-san-tox21', 'san'),
];
const result = (sigma: number, gain: number): AttackResult => ({
  sigma,
  lossRandom: 1,
  lossOptimised: 1 + gain,
  gain,
  epochs: 1,
  stopReason: 'max-epochs',
  finalLr: 7e-4,
});

describe('attack panel state', () => {
  it('pairs a model with its twin, else a model of its kind, else another', () => {
    expect(defaultAttackPair('ckpt:gt-tox21-trained', entries)).toEqual(['ckpt:gt-tox21-trained', 'ckpt:gt-tox21-ebt']);
    expect(defaultAttackPair('ckpt:gt-tox21-ebt', entries)).toEqual(['ckpt:gt-tox21-ebt', 'ckpt:gt-tox21-trained']);
    expect(defaultAttackPair('base:small-san-tox21', entries)).toEqual([
      'base:small-san-tox21',
      'ckpt:san-tox21-trained',
    ]);
    expect(defaultAttackPair(null, [entries[1]])).toEqual(['ckpt:san-tox21-trained', 'ckpt:san-tox21-trained']);
    expect(defaultAttackPair(null, [])).toBeNull();
  });

  it('keeps chosen models while they are listed', () => {
    const store = createAppStore();
    store.setState({ modelEntries: entries, modelEntryId: 'ckpt:gt-tox21-trained' });
    store.getState().setAttackSettings({ models: [null, 'base:small-gt-tox21'] });
    expect(attackPair(store.getState())).toEqual(['ckpt:gt-tox21-trained', 'base:small-gt-tox21']);
    store.setState({ modelEntries: entries.slice(0, 3) });
    expect(attackPair(store.getState())).toEqual(['ckpt:gt-tox21-trained', 'ckpt:gt-tox21-ebt']);
  });

  it('draws a run and recorded results per model, one colour per model', () => {
    const run: AttackRunResult = {
      dataset: 'tox21',
      split: 'val',
      graphs: 16,
      maxEpochs: 1,
      seed: 41,
      cancelled: true,
      backend: 'wasm',
      seconds: 1,
      models: [{ modelEntry: 'ckpt:gt-tox21-trained', label: 'GT · trained', results: [result(0.1, 0.02)] }],
    };
    const recorded: RecordedAttack = {
      entryId: 'ckpt:gt-tox21-ebt',
      label: 'GT + EBT · trained',
      split: 'val',
      graphs: 780,
      maxEpochs: 5,
      results: [result(0.01, 0.001), result(0.1, 0.01)],
    };
    const series = attackSeries(
      ['ckpt:gt-tox21-trained', 'ckpt:gt-tox21-ebt'],
      run,
      { 'ckpt:gt-tox21-ebt': recorded, 'ckpt:other': recorded },
      (id) => `label of ${id}`,
    );
    expect(series.map((s) => [s.key, s.source, s.dashed, s.note])).toEqual([
      ['run:ckpt:gt-tox21-trained', 'run', false, 'this run (cancelled), 1 ascent epoch, 16 val molecules'],
      ['recorded:ckpt:gt-tox21-ebt', 'recorded', true, 'recorded, 5 ascent epochs, 780 val molecules'],
    ]);
    expect(series[0].color).not.toBe(series[1].color);
    expect(series[1].label).toBe('label of ckpt:gt-tox21-ebt');
  });
});
