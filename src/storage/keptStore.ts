/**
 * The person's work kept across reloads, in the browser's IndexedDB through Dexie: dropped datasets, opened or
 * trained checkpoints, training runs and dataset-analysis results. Two tables: `items` (what the "My data" list
 * shows: kind, name, size, when) and `files` (the bytes, read only when an item is opened). Nothing leaves the
 * machine. A full disk or quota is said in words (KeptStoreError); the item is then simply not kept.
 */
import Dexie, { type Table } from 'dexie';

export type KeptKind = 'dataset' | 'checkpoint' | 'run' | 'analysis';

export interface KeptItem {
  id: string;
  kind: KeptKind;
  /** What the list shows: the file's name, or the run's / analysis's description. */
  name: string;
  /** Bytes of its files. */
  size: number;
  created: number;
  /** What reopening needs besides the files (a dataset's family, a PyTorch file's form, a run's request...). */
  meta: Record<string, unknown>;
}

export interface KeptFile {
  name: string;
  bytes: Uint8Array;
}

interface KeptFiles {
  id: string;
  files: KeptFile[];
  /** A structured-clonable value (typed arrays included), for results kept as they are (dataset analyses). */
  value?: unknown;
}

export class KeptStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeptStoreError';
  }
}

class KeptDatabase extends Dexie {
  items!: Table<KeptItem, string>;
  files!: Table<KeptFiles, string>;

  constructor(name: string, dependencies?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    super(name, dependencies);
    this.version(1).stores({ items: 'id, kind, created', files: 'id' });
  }
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1)} MB`;

export class KeptStore {
  private readonly db: KeptDatabase;

  /** `dependencies` lets Node tests pass fake-indexeddb; the browser's own IndexedDB is used otherwise. */
  constructor(name = 'ma-explorer', dependencies?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    this.db = new KeptDatabase(name, dependencies);
  }

  /** Everything kept, newest first. */
  async list(): Promise<KeptItem[]> {
    return this.guard('read what is kept', () => this.db.items.orderBy('created').reverse().toArray());
  }

  async get(id: string): Promise<KeptItem | undefined> {
    return this.guard('read what is kept', () => this.db.items.get(id));
  }

  async files(id: string): Promise<KeptFile[] | null> {
    const row = await this.guard('read a kept file', () => this.db.files.get(id));
    return row?.files ?? null;
  }

  /** Keeps the files (copied) and returns the new item; a quota or disk error becomes a KeptStoreError. */
  async put(
    kind: KeptKind,
    name: string,
    files: readonly KeptFile[],
    meta: Record<string, unknown> = {},
  ): Promise<KeptItem> {
    const item: KeptItem = {
      id: newId(),
      kind,
      name,
      size: files.reduce((n, f) => n + f.bytes.byteLength, 0),
      created: Date.now(),
      meta,
    };
    const copies = files.map((f) => ({ name: f.name, bytes: f.bytes.slice() }));
    await this.guard(`keep ${name} (${megabytes(item.size)})`, () =>
      this.db.transaction('rw', this.db.items, this.db.files, async () => {
        await this.db.files.put({ id: item.id, files: copies });
        await this.db.items.put(item);
      }),
    );
    return item;
  }

  /** Keeps a value as it is (IndexedDB clones typed arrays too); `size` is what the list shows. */
  async putValue(kind: KeptKind, name: string, value: unknown, meta: Record<string, unknown> = {}): Promise<KeptItem> {
    const item: KeptItem = { id: newId(), kind, name, size: approximateBytes(value), created: Date.now(), meta };
    await this.guard(`keep ${name} (${megabytes(item.size)})`, () =>
      this.db.transaction('rw', this.db.items, this.db.files, async () => {
        await this.db.files.put({ id: item.id, files: [], value });
        await this.db.items.put(item);
      }),
    );
    return item;
  }

  async value(id: string): Promise<unknown> {
    const row = await this.guard('read a kept result', () => this.db.files.get(id));
    return row?.value;
  }

  /** Updates what an item records (a run's progress, say) and optionally its files. */
  async update(
    id: string,
    changes: Pick<KeptItem, 'meta'> & Partial<Pick<KeptItem, 'name'>>,
    files?: readonly KeptFile[],
  ): Promise<void> {
    await this.guard('update a kept item', () =>
      this.db.transaction('rw', this.db.items, this.db.files, async () => {
        const patch: Partial<KeptItem> = { ...changes };
        if (files) {
          patch.size = files.reduce((n, f) => n + f.bytes.byteLength, 0);
          await this.db.files.put({ id, files: files.map((f) => ({ name: f.name, bytes: f.bytes.slice() })) });
        }
        await this.db.items.update(id, patch);
      }),
    );
  }

  async remove(id: string): Promise<void> {
    await this.guard('delete a kept item', () =>
      this.db.transaction('rw', this.db.items, this.db.files, async () => {
        await this.db.items.delete(id);
        await this.db.files.delete(id);
      }),
    );
  }

  close(): void {
    this.db.close();
  }

  private async guard<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw new KeptStoreError(`could not ${what}: ${explain(error)}`);
    }
  }
}

/** A storage failure in the person's words. */
export function explain(error: unknown): string {
  const names = [error, (error as { inner?: unknown } | null)?.inner].map((e) => (e as { name?: string } | null)?.name);
  if (names.includes('QuotaExceededError'))
    return 'the browser has no room left for this site (its storage quota or the disk is full); delete something in "My data" or free some disk space';
  if (names.includes('MissingAPIError') || names.includes('InvalidStateError'))
    return 'this browser does not let the page keep data (private window, or storage switched off)';
  return error instanceof Error ? error.message : String(error);
}

/** Bytes of a value's typed arrays and strings, and 8 per number: what keeping it roughly costs. */
function approximateBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === 'string') return 2 * value.length;
  if (typeof value === 'number' || typeof value === 'boolean') return 8;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + approximateBytes(v), 0);
  if (value && typeof value === 'object')
    return Object.values(value).reduce((n: number, v) => n + approximateBytes(v), 0);
  return 0;
}

/** Short, unique enough, and valid in a link (`file:<id>`): time and randomness in base 36. */
function newId(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
}
