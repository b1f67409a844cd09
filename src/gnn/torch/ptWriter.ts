/**
 * Writes a state_dict as torch.save does (zip format), so that `torch.load(path)` returns an OrderedDict of tensors.
 *
 * Layout: `archive/data.pkl`, `archive/data/<k>` (raw little-endian storages, one per tensor), `archive/version`
 * ("3") and `archive/byteorder` ("little", read by torch >= 2.1), stored uncompressed. fflate writes the zip. The
 * pickle is written here by hand: no maintained npm package writes pickles, and this one needs eight opcodes
 * (protocol 2): an OrderedDict whose values are `torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False,
 * OrderedDict())`, each storage a persistent id `('storage', torch.FloatStorage | torch.LongStorage, '<k>', 'cpu',
 * numel)`. Those are the only globals it names, all on torch.load's weights_only allow-list.
 */
import { zipSync, type Zippable } from 'fflate';

export interface TensorToWrite {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int64';
  values: Float32Array | number[];
}

const ARCHIVE = 'archive';

export function writeTorchStateDict(tensors: readonly TensorToWrite[]): Uint8Array {
  const files: Zippable = {};
  const pickle = new PickleWriter();
  pickle.proto(2);
  pickle.global('collections', 'OrderedDict');
  pickle.emptyTuple();
  pickle.reduce();
  pickle.mark();
  tensors.forEach((tensor, key) => {
    files[`${ARCHIVE}/data/${key}`] = [storageBytes(tensor), { level: 0 }];
    pickle.unicode(tensor.name);
    writeTensor(pickle, tensor, String(key));
  });
  pickle.setItems();
  pickle.stop();
  return zipSync(
    {
      [`${ARCHIVE}/data.pkl`]: [pickle.bytes(), { level: 0 }],
      ...files,
      [`${ARCHIVE}/version`]: [new TextEncoder().encode('3\n'), { level: 0 }],
      [`${ARCHIVE}/byteorder`]: [new TextEncoder().encode('little'), { level: 0 }],
    },
    { level: 0 },
  );
}

function writeTensor(pickle: PickleWriter, tensor: TensorToWrite, key: string): void {
  const numel = tensor.shape.reduce((a, b) => a * b, 1);
  const strides = tensor.shape.map((_, i) => tensor.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  pickle.global('torch._utils', '_rebuild_tensor_v2');
  pickle.mark();
  pickle.mark(); // the persistent id of the storage
  pickle.unicode('storage');
  pickle.global('torch', tensor.dtype === 'int64' ? 'LongStorage' : 'FloatStorage');
  pickle.unicode(key);
  pickle.unicode('cpu');
  pickle.int(numel);
  pickle.tuple();
  pickle.binPersId();
  pickle.int(0); // storage offset
  pickle.intTuple(tensor.shape);
  pickle.intTuple(strides);
  pickle.bool(false); // requires_grad
  pickle.global('collections', 'OrderedDict'); // backward hooks
  pickle.emptyTuple();
  pickle.reduce();
  pickle.tuple();
  pickle.reduce();
}

function storageBytes(tensor: TensorToWrite): Uint8Array {
  const count = tensor.values.length;
  if (tensor.dtype === 'float32') return new Uint8Array(Float32Array.from(tensor.values).buffer);
  const out = new DataView(new ArrayBuffer(8 * count));
  for (let i = 0; i < count; i++) out.setBigInt64(8 * i, BigInt(Math.round(tensor.values[i])), true);
  return new Uint8Array(out.buffer);
}

/** The few pickle opcodes (protocol 2) that a state_dict needs. */
class PickleWriter {
  private readonly chunks: number[] = [];
  private readonly encoder = new TextEncoder();

  proto(version: number) {
    this.chunks.push(0x80, version);
  }
  mark() {
    this.chunks.push(0x28); // (
  }
  tuple() {
    this.chunks.push(0x74); // t
  }
  emptyTuple() {
    this.chunks.push(0x29); // )
  }
  reduce() {
    this.chunks.push(0x52); // R
  }
  setItems() {
    this.chunks.push(0x75); // u
  }
  binPersId() {
    this.chunks.push(0x51); // Q
  }
  stop() {
    this.chunks.push(0x2e); // .
  }
  bool(value: boolean) {
    this.chunks.push(value ? 0x88 : 0x89);
  }
  global(module: string, name: string) {
    this.chunks.push(0x63, ...this.encoder.encode(`${module}\n${name}\n`)); // c
  }
  unicode(text: string) {
    const bytes = this.encoder.encode(text);
    this.chunks.push(0x58, ...uint32(bytes.length), ...bytes); // X: BINUNICODE
  }
  int(value: number) {
    if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff)
      throw new Error(`cannot pickle ${value} as an int`);
    if (value < 0x100)
      this.chunks.push(0x4b, value); // K: BININT1
    else if (value < 0x10000)
      this.chunks.push(0x4d, value & 0xff, value >> 8); // M: BININT2
    else this.chunks.push(0x4a, ...uint32(value)); // J: BININT
  }
  intTuple(values: readonly number[]) {
    if (values.length === 0) return this.emptyTuple();
    this.mark();
    for (const v of values) this.int(v);
    this.tuple();
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

const uint32 = (value: number) => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff];
