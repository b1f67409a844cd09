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
