/**
 * The bundled-dataset format: `<name>.json` (the manifest, validated with zod when loaded) and `<name>.bin`
 * (typed arrays back to back, each 8-byte aligned, the whole file gzip-compressed). Graphs are stored in split
 * order (all train, then val, then test); per-graph offsets index the node and bond arrays. Chosen for load speed:
 * a split becomes Graph objects as views on a few decoded arrays, with no per-molecule parsing.
 */
import { z } from 'zod';

export const BUNDLE_FORMAT = 'ma-explorer-dataset';
export const BUNDLE_VERSION = 1;

export const DTYPES = ['uint8', 'uint16', 'uint32', 'int32', 'float32', 'utf8'] as const;
export type DType = (typeof DTYPES)[number];

const arrayEntry = z.object({
  dtype: z.enum(DTYPES),
  /** Byte offset in the decompressed .bin. */
  offset: z.number().int().nonnegative(),
  /** Elements (bytes for utf8). */
  length: z.number().int().nonnegative(),
});
export type ArrayEntry = z.infer<typeof arrayEntry>;

const column = z.object({ name: z.string(), values: z.array(z.string()) });
const splitCounts = z.object({
  graphs: z.number().int().nonnegative(),
  nodes: z.number().int().nonnegative(),
  bonds: z.number().int().nonnegative(),
});

export const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  name: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  description: z.string(),
  /** Where the data came from and what was changed, for the About panel. */
  source: z.string(),
  task: z.enum(['regression', 'multilabel-binary', 'classification']),
  /** The FeatureSpec of src/data/graph.ts. */
  spec: z.object({
    nodeVocab: z.array(z.number().int().positive()),
    edgeVocab: z.array(z.number().int().positive()),
    nodeValueWidth: z.number().int().nonnegative(),
    numTargets: z.number().int().positive(),
  }),
  /** One entry per categorical column: its name and the meaning of each value. */
  vocabularies: z.object({ node: z.array(column), edge: z.array(column) }),
  nodeValueNames: z.array(z.string()),
  targetNames: z.array(z.string()),
  /** How a graph is drawn: a molecule from its SMILES, a molecule from the ZINC graph, or a plain graph. */
  drawing: z.enum(['smiles', 'zinc-graph', 'graph']),
  split: z.object({
    method: z.enum(['given', 'scaffold', 'random']),
    seed: z.number().int().nullable(),
    description: z.string(),
  }),
  splits: z.object({ train: splitCounts, val: splitCounts, test: splitCounts }),
  /** Source rows left out, with the reason (line numbers are 1-based lines of the source file). */
  rejected: z.array(z.object({ line: z.number().int(), text: z.string(), reason: z.string() })),
  data: z.object({
    file: z.string(),
    /** Size of the decompressed data, a check against truncation. */
    bytes: z.number().int().positive(),
    arrays: z.record(z.string(), arrayEntry),
  }),
});
export type DatasetManifest = z.infer<typeof manifestSchema>;

export function bytesPerElement(dtype: DType): number {
  return { uint8: 1, uint16: 2, uint32: 4, int32: 4, float32: 4, utf8: 1 }[dtype];
}

/** The smallest unsigned dtype that holds every value of a non-negative integer array. */
export function smallestUnsigned(values: ArrayLike<number>): 'uint8' | 'uint16' | 'uint32' {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max < 256 ? 'uint8' : max < 65536 ? 'uint16' : 'uint32';
}

/** A typed view of one stored array (little-endian, as every platform that runs the app is). */
export function typedView(buffer: ArrayBufferLike, dtype: DType, offset: number, length: number) {
  switch (dtype) {
    case 'uint8':
    case 'utf8':
      return new Uint8Array(buffer, offset, length);
    case 'uint16':
      return new Uint16Array(buffer, offset, length);
    case 'uint32':
      return new Uint32Array(buffer, offset, length);
    case 'int32':
      return new Int32Array(buffer, offset, length);
    case 'float32':
      return new Float32Array(buffer, offset, length);
  }
}
