/**
 * Keeping the person's work across reloads ("My data"), in Node with fake-indexeddb standing in for the browser's
 * IndexedDB: the store keeps, lists and deletes files; a quota error is said in words; a PyTorch file opened in the
 * store is kept, and a fresh store and engine (a reload) list it again under the same `file:<id>`.
 */
import { readFileSync } from 'node:fs';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { explain, KeptStore } from '../../src/storage/keptStore';
import { createAppStore } from '../../src/state/store';
import { createServedEngine } from './helpers/engines';

const fakeDb = (name: string) => new KeptStore(name, { indexedDB, IDBKeyRange });
const ptFile = (file: string) => ({
  name: file,
  bytes: new Uint8Array(readFileSync(new URL(`../fixtures/torch/${file}`, import.meta.url))),
});

describe('KeptStore', () => {
  it('keeps files with their size, lists newest first, reads them back and deletes them', async () => {
    const kept = fakeDb('kept-basic');
    const a = await kept.put('dataset', 'mine.csv', [{ name: 'mine.csv', bytes: new TextEncoder().encode('CCO\n') }], {
      family: 'zinc',
    });
    const b = await kept.put('checkpoint', 'san-zinc.pt', [ptFile('san-zinc.pt')]);
    expect(a.id).toMatch(/^[a-z0-9]+$/);
    expect((await kept.list()).map((k) => [k.name, k.size])).toEqual([
      ['san-zinc.pt', ptFile('san-zinc.pt').bytes.byteLength],
      ['mine.csv', 4],
    ]);
    expect(new TextDecoder().decode((await kept.files(a.id))![0].bytes)).toBe('CCO\n');
    await kept.remove(b.id);
    expect((await kept.list()).map((k) => k.id)).toEqual([a.id]);
    expect(await kept.files(b.id)).toBeNull();
    kept.close();
  });

  it('says in words when the browser has no room left', () => {
    const quota = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    expect(explain(quota)).toMatch(/no room left for this site/);
    expect(explain({ name: 'AbortError', inner: quota })).toMatch(/delete something in "My data"/);
    expect(explain(new Error('disk on fire'))).toBe('disk on fire');
  });
});

describe('kept models across a reload', () => {
  it('a dropped .pt is kept, listed as file:<id> after a reload, and gone from both when deleted', async () => {
    const db = fakeDb('kept-reload');
    const engine = createServedEngine();
    const store = createAppStore();
    store.getState().attachUserDatasetEngine(engine);
    store.getState().attachKept(db, engine);
    await store.getState().openCheckpointFiles([ptFile('graphit-tox21.pth')], { heads: 4 });
    expect(store.getState().userDatasetLoad).toMatchObject({ status: 'idle' });
    const [item] = store.getState().kept;
    expect(item).toMatchObject({ kind: 'checkpoint', name: 'graphit-tox21.pth', meta: { options: { heads: 4 } } });
    expect(store.getState().modelEntryId).toBe(`file:${item.id}`);

    // A reload: a new page store and a new engine on the same database.
    const engineAfter = createServedEngine();
    const after = createAppStore();
    after.getState().attachKept(db, engineAfter);
    await after.getState().restoreKeptCheckpoints();
    const listed = await engineAfter.listModels('tox21');
    expect(listed[0]).toMatchObject({ id: `file:${item.id}`, heads: 4, model: 'graphit' });
    expect(after.getState().keptMessage).toBeNull();

    await after.getState().forgetKept(item.id);
    expect(after.getState().kept).toEqual([]);
    expect((await engineAfter.listModels('tox21')).some((e) => e.id === `file:${item.id}`)).toBe(false);
    db.close();
  }, 120_000);

  it('a PyTorch file that does not fit is refused by name and not kept', async () => {
    const db = fakeDb('kept-refused');
    const engine = createServedEngine();
    const store = createAppStore();
    store.getState().attachUserDatasetEngine(engine);
    store.getState().attachKept(db, engine);
    await store.getState().openCheckpointFiles([ptFile('graphit-tox21.pth')], { heads: 3 });
    expect(store.getState().userDatasetLoad.message).toMatch(
      /graphit-tox21\.pth could not be opened: graphit-tox21\.pth: width 16 .* is not divisible by 3 heads/,
    );
    expect(store.getState().kept).toEqual([]);
    expect(await db.list()).toEqual([]);
    db.close();
  }, 60_000);
});

describe('kept training runs', () => {
  it('keeps the run after every epoch and resumes it in a new store and engine to the end', async () => {
    const db = fakeDb('kept-run');
    const engine = createServedEngine();
    const store = createAppStore();
    store.getState().attachTrainingEngine(engine);
    store.getState().attachKept(db, engine);
    const seen: string[] = [];
    const unsubscribe = store.subscribe((s) => {
      const name = s.kept[0]?.name;
      if (name && seen.at(-1) !== name) seen.push(name);
    });
    store.getState().setTrainingSettings({ family: 'small-san', epochs: 2, subset: 16, scanGraphs: 4 });
    await store.getState().startTraining();
    unsubscribe();
    expect(seen).toEqual(['training small-san-zinc (1 of 2 epochs)', 'training small-san-zinc (2 of 2 epochs)']);

    // Pretend the page went away after epoch 1: keep a one-epoch snapshot, then resume it after a "reload".
    const first = await engine.trainRun({ ...store.getState().trainingRun!.request, epochs: 1 });
    const snapshot = (await engine.trainRunSnapshot(first.runId))!;
    const item = await db.put(
      'run',
      'training small-san-zinc (1 of 2 epochs)',
      [
        { name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(snapshot.modelJson)) },
        { name: 'weights.bin', bytes: new Uint8Array(snapshot.weights) },
        { name: 'optimizer.bin', bytes: new Uint8Array(snapshot.optimizer) },
      ],
      { request: store.getState().trainingRun!.request, epochsDone: 1 },
    );
    const after = createAppStore();
    const engineAfter = createServedEngine();
    after.getState().attachTrainingEngine(engineAfter);
    after.getState().attachKept(db, engineAfter);
    await after.getState().refreshKept();
    await after.getState().resumeKeptRun(item.id);
    expect(after.getState().trainingRun).toMatchObject({ status: 'done' });
    expect(after.getState().trainingRun!.records.map((r) => r.epoch)).toEqual([1, 2]);
    expect(after.getState().kept.find((k) => k.id === item.id)?.name).toBe('training small-san-zinc (2 of 2 epochs)');
    db.close();
  }, 240_000);
});

describe('kept dataset analyses', () => {
  it('keep one analysis per model, split and limit, read back equal (typed arrays too) at the same threshold', async () => {
    const db = fakeDb('kept-analysis');
    const engine = createServedEngine();
    const store = createAppStore();
    store.getState().attachKept(db, engine);
    const request = {
      modelEntry: 'base:small-gt-zinc',
      dataset: 'zinc',
      split: 'test',
      threshold: 100,
      limit: 4,
    } as const;
    const result = await engine.scanDataset(request);
    await store.getState().keepAnalysis(request, result);
    await store
      .getState()
      .keepAnalysis({ ...request, threshold: 1000 }, await engine.scanDataset({ ...request, threshold: 1000 }));
    expect(store.getState().kept.filter((k) => k.kind === 'analysis')).toHaveLength(1);
    expect(await store.getState().keptAnalysis(request)).toBeNull(); // kept at 1000 now
    const kept = await store.getState().keptAnalysis({ ...request, threshold: 1000 });
    expect(kept).toEqual(await engine.scanDataset({ ...request, threshold: 1000 }));
    expect(store.getState().kept[0].size).toBeGreaterThan(0);

    await store.getState().keepAnalysis({ ...request, modelEntry: 'session:run-1' }, result);
    expect(store.getState().kept.filter((k) => k.kind === 'analysis')).toHaveLength(1); // a session model is not kept
    db.close();
  }, 120_000);
});
