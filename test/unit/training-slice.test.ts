/**
 * The training slice with the in-process Node engine: Train fills the run epoch by epoch with the engine's own
 * records, Cancel pressed before the engine names the run still stops it, "Use in explorer" puts the model in the
 * picker and selects it, and a served checkpoint's recorded training loads once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Engine, type TrainingProgress } from '../../src/engine/api';
import { createAppStore, type AppStore } from '../../src/state/store';
import { createServedEngine } from './helpers/engines';

let engine: Engine;
let store: AppStore;

beforeAll(async () => {
  engine = createServedEngine();
  await engine.init();
  store = createAppStore();
  store.getState().attachTrainingEngine(engine);
  store.getState().setTrainingSettings({ epochs: 2, subset: 16, scanGraphs: 6 });
});

describe('training slice', () => {
  it('trains, streaming one record per epoch and an MA scan before and after each', async () => {
    const seen: number[] = [];
    const stop = store.subscribe((s) => {
      const n = s.trainingRun?.records.length ?? 0;
      if (seen.at(-1) !== n) seen.push(n);
    });
    await store.getState().startTraining();
    stop();
    const run = store.getState().trainingRun!;
    expect(run.status).toBe('done');
    expect(run.request).toMatchObject({ preset: 'small-gt-zinc', dataset: 'zinc', epochs: 2, subset: 16 });
    expect(seen).toEqual([0, 1, 2]);
    expect(run.maHistory.map((m) => m.epoch)).toEqual([0, 1, 2]);
    expect(run.backend).toBe('wasm');
    const files = await store.getState().trainedCheckpoint();
    expect((files.modelJson as { training: { history: unknown } }).training.history).toEqual(run.records);
  }, 120_000);

  it('puts the trained model in the picker and selects it', async () => {
    await store.getState().offerTrainedModel();
    const { modelEntryId, modelEntries, trainingRun } = store.getState();
    expect(modelEntryId).toBe(`session:${trainingRun!.runId}`);
    expect(trainingRun!.entryId).toBe(modelEntryId);
    expect(modelEntries[0].id).toBe(modelEntryId);
    expect(store.getState().notices).toEqual([]);
  });

  it('cancels a run even when Cancel comes before the engine has named it', async () => {
    store.getState().setTrainingSettings({ epochs: 4 });
    const running = store.getState().startTraining();
    store.getState().cancelTraining();
    expect(store.getState().trainingRun!.status).toBe('cancelling');
    await running;
    const run = store.getState().trainingRun!;
    expect(run.status).toBe('cancelled');
    expect(run.records).toHaveLength(0);
  }, 120_000);

  it('folds each epoch in once when the last epoch’s message arrives after the final answer', async () => {
    // In the browser the progress calls and the answer cross on different message channels (Comlink).
    const late: (() => void)[] = [];
    const lateEngine = Object.assign(Object.create(engine) as Engine, {
      trainRun: async (...[request, onProgress, resume]: Parameters<Engine['trainRun']>) => {
        const held: TrainingProgress[] = [];
        const hold = (p: TrainingProgress) => {
          if (p.kind === 'epoch' && p.record?.epoch === request.epochs) held.push(p);
          else onProgress?.(p);
        };
        const result = await engine.trainRun(request, hold, resume);
        late.push(() => held.forEach((p) => onProgress?.(p)));
        return result;
      },
    });
    const lateStore = createAppStore();
    lateStore.getState().attachTrainingEngine(lateEngine);
    lateStore.getState().setTrainingSettings({ epochs: 2, subset: 16, scanGraphs: 6 });
    await lateStore.getState().startTraining();
    expect(late).toHaveLength(1);
    late[0]();
    const run = lateStore.getState().trainingRun!;
    expect(run.records.map((r) => r.epoch)).toEqual([1, 2]);
    expect(run.maHistory.map((m) => m.epoch)).toEqual([0, 1, 2]);
  }, 120_000);

  it('loads a shipped checkpoint’s recorded training', async () => {
    await store.getState().loadRecordedTraining('ckpt:gt-zinc-trained');
    const recorded = store.getState().recordedTraining!;
    expect(recorded.status).toBe('ready');
    expect(recorded.value!.maHistory.length).toBeGreaterThan(10);
  });
});
