/**
 * Reads a file written by torch.save (the zip format of torch >= 1.6): `<name>/data.pkl` is a pickle whose
 * persistent ids `('storage', torch.FloatStorage, key, location, numel)` point at raw little-endian storages in
 * `<name>/data/<key>`, and tensors are rebuilt by `torch._utils._rebuild_tensor_v2(storage, offset, size, stride,
 * ...)`. fflate opens the zip and pickleparser parses the pickle (it builds plain objects and calls only the
 * functions registered below, so nothing in the file runs). Returns the state_dict: the file's own, or the one a
 * dict wraps (`model_state_dict`, `state_dict`, ...).
 */
import { unzipSync } from 'fflate';
import { NameRegistry, Parser } from 'pickleparser';
import { getFloat16 } from '@petamoriken/float16';

export type TorchDtype = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'uint8' | 'bool';

/** One tensor, made contiguous and widened to float32 (int64 values become numbers). */
export interface TorchTensor {
  shape: number[];
  dtype: TorchDtype;
  values: Float32Array;
}

export type StateDict = Map<string, TorchTensor>;

const STORAGE_DTYPES: Record<string, TorchDtype> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};
const BYTES: Record<TorchDtype, number> = {
  float32: 4,
  float64: 8,
  float16: 2,
  bfloat16: 2,
  int64: 8,
  int32: 4,
  uint8: 1,
  bool: 1,
};
/** Keys under which training scripts commonly keep the model's weights in a checkpoint dict. */
const WRAPPER_KEYS = ['model_state_dict', 'state_dict', 'model', 'net', 'model_state', 'weights'];

interface Storage {
  dtype: TorchDtype;
  bytes: Uint8Array;
}
/** Marker for a storage class named in the pickle (torch.FloatStorage, ...). */
class StorageType {
  constructor(readonly dtype: TorchDtype) {}
}
class RebuiltTensor {
  constructor(readonly tensor: TorchTensor) {}
}

export class TorchFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TorchFileError';
  }
}

/** The state_dict in a torch.save file. `name` is the file's name, used in messages. */
export function readTorchStateDict(bytes: Uint8Array, name: string): StateDict {
  const entries = openZip(bytes, name);
  const pklName = [...Object.keys(entries)].find((n) => /^[^/]+\/data\.pkl$/.test(n));
  if (!pklName) throw new TorchFileError(`${name} has no <name>/data.pkl: it is a zip but not one torch.save wrote`);
  const prefix = pklName.slice(0, -'data.pkl'.length);
  const storages = new Map<string, Storage>();
  const storageFor = (pid: unknown): Storage => {
    if (!Array.isArray(pid) || pid[0] !== 'storage' || !(pid[1] instanceof StorageType))
      throw new TorchFileError(`${name}: unsupported persistent id in data.pkl (${describe(pid)})`);
    const key = String(pid[2]);
    let storage = storages.get(key);
    if (!storage) {
      const raw = entries[`${prefix}data/${key}`];
      if (!raw) throw new TorchFileError(`${name} lacks the storage ${prefix}data/${key}`);
      storage = { dtype: pid[1].dtype, bytes: raw };
      storages.set(key, storage);
    }
    return storage;
  };
  const names = new NameRegistry()
    .register('collections', 'OrderedDict', () => new Map())
    .register(
      'torch._utils',
      '_rebuild_tensor_v2',
      (storage: Storage, offset: number, size: number[], stride: number[]) =>
        new RebuiltTensor(rebuildTensor(storage, offset, size, stride, name)),
    )
    .register('torch._utils', '_rebuild_parameter', (tensor: unknown) => tensor)
    .register('torch._utils', '_rebuild_parameter_with_state', (tensor: unknown) => tensor);
  // A storage class (torch.FloatStorage, ...) is a GLOBAL that is only named in persistent ids, never called.
  const resolve = names.resolve.bind(names);
  names.resolve = (module: string, global: string) => {
    const dtype = module === 'torch' ? STORAGE_DTYPES[global] : undefined;
    return dtype ? (new StorageType(dtype) as never) : resolve(module, global);
  };
  let root: unknown;
  try {
    root = new Parser({
      nameResolver: names,
      persistentResolver: { resolve: storageFor },
      unpicklingTypeOfDictionary: 'Map',
    }).parse(entries[pklName]);
  } catch (error) {
    if (error instanceof TorchFileError) throw error;
    throw new TorchFileError(`${name}: data.pkl could not be read (${error instanceof Error ? error.message : error})`);
  }
  return findStateDict(root, name);
}

function openZip(bytes: Uint8Array, name: string): Record<string, Uint8Array> {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) {
    const legacy = bytes.length >= 2 && bytes[0] === 0x80; // a bare pickle: torch's legacy format or pickle.dump
    throw new TorchFileError(
      legacy
        ? `${name} is a bare pickle (torch's legacy format, or pickle.dump): re-save it with torch.save(state_dict, path) in torch 1.6 or later`
        : `${name} is not a PyTorch checkpoint: torch.save writes a zip archive`,
    );
  }
  try {
    return unzipSync(bytes);
  } catch (error) {
    throw new TorchFileError(`${name} is a damaged zip (${error instanceof Error ? error.message : error})`);
  }
}

function rebuildTensor(storage: Storage, offset: number, size: number[], stride: number[], file: string): TorchTensor {
  const isIndex = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  if (!isIndex(offset) || !Array.isArray(size) || !Array.isArray(stride) || size.length !== stride.length)
    throw new TorchFileError(`${file}: a tensor has an unreadable size or stride`);
  if (!size.every(isIndex) || !stride.every(isIndex))
    throw new TorchFileError(`${file}: a tensor has a negative or non-integer size or stride`);
  const shape = [...size];
  const count = shape.reduce((a, b) => a * b, 1);
  const width = BYTES[storage.dtype];
  const available = storage.bytes.length / width;
  // The last element a view reaches must lie in its storage; checked before anything is allocated.
  const last = offset + shape.reduce((n, s, k) => n + Math.max(s - 1, 0) * stride[k], 0);
  if (count > 0 && last >= available)
    throw new TorchFileError(`${file}: a tensor of shape [${shape}] reads past the end of its storage`);
  const view = new DataView(storage.bytes.buffer, storage.bytes.byteOffset, storage.bytes.byteLength);
  const read = elementReader(storage.dtype, view);
  const values = new Float32Array(count);
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < count; i++) {
    let at = offset;
    for (let k = 0; k < shape.length; k++) at += index[k] * stride[k];
    values[i] = read(at);
    for (let k = shape.length - 1; k >= 0; k--) {
      if (++index[k] < shape[k]) break;
      index[k] = 0;
    }
  }
  return { shape, dtype: storage.dtype, values };
}

function elementReader(dtype: TorchDtype, view: DataView): (i: number) => number {
  switch (dtype) {
    case 'float32':
      return (i) => view.getFloat32(4 * i, true);
    case 'float64':
      return (i) => view.getFloat64(8 * i, true);
    case 'float16':
      return (i) => getFloat16(view, 2 * i, true);
    case 'bfloat16':
      return (i) => {
        const scratch = new DataView(new ArrayBuffer(4));
        scratch.setUint32(0, view.getUint16(2 * i, true) << 16);
        return scratch.getFloat32(0);
      };
    case 'int64':
      return (i) => Number(view.getBigInt64(8 * i, true));
    case 'int32':
      return (i) => view.getInt32(4 * i, true);
    default:
      return (i) => view.getUint8(i);
  }
}

/** A Map whose values are all tensors is a state_dict; otherwise look one level down under the usual keys. */
function findStateDict(root: unknown, name: string): StateDict {
  const asStateDict = (value: unknown): StateDict | null => {
    if (!(value instanceof Map) || value.size === 0) return null;
    const out: StateDict = new Map();
    for (const [key, item] of value) {
      if (typeof key !== 'string' || !(item instanceof RebuiltTensor)) return null;
      out.set(key, item.tensor);
    }
    return out;
  };
  const direct = asStateDict(root);
  if (direct) return direct;
  if (root instanceof Map) {
    for (const key of WRAPPER_KEYS) {
      const inner = asStateDict(root.get(key));
      if (inner) return inner;
    }
    for (const value of root.values()) {
      const inner = asStateDict(value);
      if (inner) return inner;
    }
    const keys = [...root.keys()].map(String).slice(0, 8);
    throw new TorchFileError(`${name} holds a dict without a state_dict in it (keys: ${keys.join(', ')})`);
  }
  throw new TorchFileError(
    `${name} holds ${describe(root)}, not a state_dict: save model.state_dict() (or a dict holding it) instead`,
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  const proto = Object.getPrototypeOf(value) as { __module__?: string; __name__?: string } | null;
  if (proto?.__name__) return `a pickled ${proto.__module__}.${proto.__name__}`;
  return `a ${typeof value}`;
}
