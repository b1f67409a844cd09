/**
 * Encodes a dataset into the bundle format (bundleFormat.ts). Used by scripts/build-datasets.ts; pure, so the
 * round trip is tested in Node without files.
 */
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  bytesPerElement,
  smallestUnsigned,
  typedView,
  type ArrayEntry,
  type DatasetManifest,
  type DType,
} from './bundleFormat';
import type { FeatureSpec, Graph } from './graph';
import { SPLIT_NAMES, type SplitName } from './split';

export interface DatasetRecord {
  /** 1-based line (or graph id) in the source file. */
  sourceLine: number;
  smiles?: string;
  /** ZINC: 1 when the graph is the benchmark's own. */
  exact?: boolean;
}

export interface BundleInput {
  manifest: Omit<DatasetManifest, 'format' | 'version' | 'splits' | 'data' | 'spec'> & { spec: FeatureSpec };
  splits: Record<SplitName, { graphs: Graph[]; records: DatasetRecord[] }>;
}

type Arrays = Record<string, { dtype: DType; values: ArrayLike<number> | Uint8Array }>;

export function encodeBundle(input: BundleInput): { manifest: DatasetManifest; data: Uint8Array } {
  const graphs = SPLIT_NAMES.flatMap((name) => input.splits[name].graphs);
  const records = SPLIT_NAMES.flatMap((name) => input.splits[name].records);
  const { spec } = input.manifest;
  const nodeOffset = new Uint32Array(graphs.length + 1);
  const bondOffset = new Uint32Array(graphs.length + 1);
  graphs.forEach((g, i) => {
    nodeOffset[i + 1] = nodeOffset[i] + g.numNodes;
    bondOffset[i + 1] = bondOffset[i] + g.bondBegin.length;
  });
  const concat = <T extends Int32Array | Float32Array | Uint8Array>(parts: T[], make: (n: number) => T): T => {
    const out = make(parts.reduce((sum, p) => sum + p.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  };
  const int32 = (pick: (g: Graph) => Int32Array) => concat(graphs.map(pick), (n) => new Int32Array(n));
  const withSmallest = (values: Int32Array) => ({ dtype: smallestUnsigned(values), values });
  const arrays: Arrays = {
    nodeOffset: { dtype: 'uint32', values: nodeOffset },
    bondOffset: { dtype: 'uint32', values: bondOffset },
    bondBegin: withSmallest(int32((g) => g.bondBegin)),
    bondEnd: withSmallest(int32((g) => g.bondEnd)),
    nodeFeatures: withSmallest(int32((g) => g.nodeFeatures)),
    bondFeatures: withSmallest(int32((g) => g.bondFeatures)),
    targets: {
      dtype: 'float32',
      values: concat(
        graphs.map((g) => g.target),
        (n) => new Float32Array(n),
      ),
    },
    targetMask: {
      dtype: 'uint8',
      values: concat(
        graphs.map((g) => g.targetMask),
        (n) => new Uint8Array(n),
      ),
    },
    sourceLine: { dtype: 'uint32', values: records.map((r) => r.sourceLine) },
  };
  if (spec.nodeValueWidth > 0)
    arrays.nodeValues = {
      dtype: 'float32',
      values: concat(
        graphs.map((g) => g.nodeValues),
        (n) => new Float32Array(n),
      ),
    };
  if (records.every((r) => r.smiles !== undefined))
    arrays.smiles = { dtype: 'utf8', values: new TextEncoder().encode(records.map((r) => r.smiles).join('\n')) };
  if (records.every((r) => r.exact !== undefined))
    arrays.exact = { dtype: 'uint8', values: records.map((r) => (r.exact ? 1 : 0)) };

  const { bytes, entries } = pack(arrays);
  const splits = Object.fromEntries(
    SPLIT_NAMES.map((name) => {
      const list = input.splits[name].graphs;
      return [
        name,
        { graphs: list.length, nodes: sum(list, (g) => g.numNodes), bonds: sum(list, (g) => g.bondBegin.length) },
      ];
    }),
  ) as DatasetManifest['splits'];
  const manifest: DatasetManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    ...input.manifest,
    spec: { ...spec, nodeVocab: [...spec.nodeVocab], edgeVocab: [...spec.edgeVocab] },
    splits,
    data: { file: `${input.manifest.name}.bin`, bytes: bytes.length, arrays: entries },
  };
  return { manifest, data: bytes };
}

function sum<T>(items: T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

function pack(arrays: Arrays): { bytes: Uint8Array; entries: Record<string, ArrayEntry> } {
  const entries: Record<string, ArrayEntry> = {};
  let size = 0;
  for (const [name, { dtype, values }] of Object.entries(arrays)) {
    size = Math.ceil(size / 8) * 8;
    entries[name] = { dtype, offset: size, length: values.length };
    size += values.length * bytesPerElement(dtype);
  }
  const bytes = new Uint8Array(Math.ceil(size / 8) * 8);
  for (const [name, { dtype, values }] of Object.entries(arrays)) {
    const { offset, length } = entries[name];
    typedView(bytes.buffer, dtype, offset, length).set(values as ArrayLike<number>);
  }
  return { bytes, entries };
}
