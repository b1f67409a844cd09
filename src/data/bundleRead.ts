/**
 * Loads a bundled dataset: validates the manifest with zod, decompresses the .bin, and turns each split into
 * Graph objects that are views on a few decoded arrays (no copying per graph).
 */
import { manifestSchema, typedView, type DatasetManifest } from './bundleFormat';
import type { DatasetRecord } from './bundleWrite';
import type { FeatureSpec, Graph } from './graph';
import { DataFileError, maybeGunzip } from './gzip';
import { SPLIT_NAMES, type SplitName } from './split';

export interface LoadedDataset {
  manifest: DatasetManifest;
  spec: FeatureSpec;
  splits: Record<SplitName, Graph[]>;
  /** Per graph: its source line, and its SMILES (and ZINC `exact` flag) where the dataset has them. */
  records: Record<SplitName, DatasetRecord[]>;
}

/** Reads one file of the bundle folder: the manifest as text, the data as bytes. */
export interface BundleSource {
  text(file: string): Promise<string>;
  bytes(file: string): Promise<Uint8Array>;
}

export function parseManifest(text: string, file: string): DatasetManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DataFileError(`${file} is not valid JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataFileError(`${file} is not a dataset manifest: ${issue.path.join('.') || 'root'}: ${issue.message}`);
  }
  return parsed.data;
}

export async function loadBundle(name: string, source: BundleSource): Promise<LoadedDataset> {
  const manifest = parseManifest(await source.text(`${name}.json`), `${name}.json`);
  const bytes = await maybeGunzip(await source.bytes(manifest.data.file), manifest.data.file);
  return decodeBundle(manifest, bytes);
}

export function decodeBundle(manifest: DatasetManifest, bytes: Uint8Array): LoadedDataset {
  if (bytes.length !== manifest.data.bytes)
    throw new DataFileError(
      `${manifest.data.file} has ${bytes.length} bytes, the manifest says ${manifest.data.bytes}`,
    );
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const read = (name: string) => {
    const entry = manifest.data.arrays[name];
    if (!entry) return undefined;
    if (entry.offset + entry.length > aligned.length)
      throw new DataFileError(`${manifest.data.file}: ${name} is cut off`);
    return typedView(aligned.buffer, entry.dtype, aligned.byteOffset + entry.offset, entry.length);
  };
  const required = (name: string) => {
    const view = read(name);
    if (!view) throw new DataFileError(`${manifest.data.file} has no ${name} array`);
    return view;
  };
  const asInt32 = (name: string) => Int32Array.from(required(name));
  const nodeOffset = required('nodeOffset');
  const bondOffset = required('bondOffset');
  const [bondBegin, bondEnd] = [asInt32('bondBegin'), asInt32('bondEnd')];
  const [nodeFeatures, bondFeatures] = [asInt32('nodeFeatures'), asInt32('bondFeatures')];
  const targets = required('targets') as Float32Array;
  const targetMask = required('targetMask') as Uint8Array;
  const nodeValues = (read('nodeValues') as Float32Array | undefined) ?? new Float32Array(0);
  const sourceLine = required('sourceLine');
  const exact = read('exact');
  const smilesBytes = read('smiles');
  const smiles = smilesBytes ? new TextDecoder().decode(smilesBytes).split('\n') : undefined;

  const spec: FeatureSpec = manifest.spec;
  const [fn, fe, w, t] = [spec.nodeVocab.length, spec.edgeVocab.length, spec.nodeValueWidth, spec.numTargets];
  const graphAt = (i: number): Graph => {
    const [n0, n1, b0, b1] = [nodeOffset[i], nodeOffset[i + 1], bondOffset[i], bondOffset[i + 1]];
    return {
      numNodes: n1 - n0,
      bondBegin: bondBegin.subarray(b0, b1),
      bondEnd: bondEnd.subarray(b0, b1),
      nodeFeatures: nodeFeatures.subarray(n0 * fn, n1 * fn),
      bondFeatures: bondFeatures.subarray(b0 * fe, b1 * fe),
      nodeValues: nodeValues.subarray(n0 * w, n1 * w),
      target: targets.subarray(i * t, (i + 1) * t),
      targetMask: targetMask.subarray(i * t, (i + 1) * t),
    };
  };
  const recordAt = (i: number): DatasetRecord => ({
    sourceLine: sourceLine[i],
    ...(smiles ? { smiles: smiles[i] } : {}),
    ...(exact ? { exact: exact[i] === 1 } : {}),
  });

  const splits = {} as LoadedDataset['splits'];
  const records = {} as LoadedDataset['records'];
  let start = 0;
  for (const name of SPLIT_NAMES) {
    const count = manifest.splits[name].graphs;
    const indices = Array.from({ length: count }, (_, k) => start + k);
    splits[name] = indices.map(graphAt);
    records[name] = indices.map(recordAt);
    start += count;
  }
  if (start + 1 !== nodeOffset.length) throw new DataFileError(`${manifest.data.file}: graph counts do not add up`);
  return { manifest, spec, splits, records };
}
