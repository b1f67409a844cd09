/**
 * OGB's node-property raw layout, for ogbn-proteins from the user's own copy (docs/DESIGN.md: it cannot be bundled):
 * raw/edge.csv(.gz) "src,dst" (each undirected edge once), raw/edge-feat.csv(.gz) 8 floats in [0, 1],
 * raw/node_species.csv(.gz) one species id a line, raw/node-label.csv(.gz) 112 0/1 columns, and
 * split/species/{train,valid,test}.csv(.gz) node ids. Files are streamed line by line; bad lines are skipped and
 * reported. Edge features are kept as thousandths in a Uint16Array (STRING scores are integers / 1000), half the
 * memory of float32 for the 39.6 M edges of the real dataset. Subgraphs for the model: neighborSampler.ts.
 */
import { DataFileError } from './gzip';
import { forEachLine, type NamedBlob } from './lineStream';
import type { SkippedRow } from './loadReport';

export interface NodePropertyGraph {
  numNodes: number;
  numEdges: number;
  /** Undirected edge k joins edgeSrc[k] and edgeDst[k]. */
  edgeSrc: Int32Array;
  edgeDst: Int32Array;
  edgeFeatureWidth: number;
  /** [numEdges * width], value * 1000 rounded. */
  edgeFeatures: Uint16Array;
  /** Species index per node (0..species.length-1) and the original ids in index order. */
  nodeSpecies: Int32Array;
  species: number[];
  numLabels: number;
  /** [numNodes * numLabels] 0/1. */
  labels: Uint8Array;
  split: { train: Int32Array; valid: Int32Array; test: Int32Array };
  skipped: SkippedRow[];
  /** Skipped lines beyond the first MAX_REPORTED. */
  moreSkipped: number;
}

export interface OgbOptions {
  /** Refuse graphs with more undirected edges than this (memory; default 45 million). */
  maxEdges?: number;
}

const MAX_REPORTED = 1000;
const ROLES = {
  edge: /(^|\/)edge\.csv(\.gz)?$/,
  edgeFeat: /(^|\/)edge[-_]feat\.csv(\.gz)?$/,
  species: /(^|\/)node[-_]species\.csv(\.gz)?$/,
  labels: /(^|\/)node[-_]label\.csv(\.gz)?$/,
  train: /(^|\/)train\.csv(\.gz)?$/,
  valid: /(^|\/)valid\.csv(\.gz)?$/,
  test: /(^|\/)test\.csv(\.gz)?$/,
};
type Role = keyof typeof ROLES;

export function isOgbNodePropertyLayout(names: Iterable<string>): boolean {
  const list = [...names];
  return list.some((n) => ROLES.edge.test(n)) && list.some((n) => ROLES.species.test(n));
}

export async function loadOgbNodeProperty(
  files: readonly NamedBlob[],
  options: OgbOptions = {},
): Promise<NodePropertyGraph> {
  const find = (role: Role) => files.find((f) => ROLES[role].test(f.name));
  const require = (role: Role) => {
    const file = find(role);
    if (!file)
      throw new DataFileError(`the OGB node-property layout needs ${ROLES[role].source.replace(/[\\()|^$?]/g, '')}`);
    return file;
  };
  const skipped: SkippedRow[] = [];
  let moreSkipped = 0;
  const skip = (file: string, line: number, reason: string) => {
    if (skipped.length < MAX_REPORTED) skipped.push({ file, line, reason });
    else moreSkipped++;
  };
  const numbers = async (file: NamedBlob, width: number | null, onRow: (values: number[], line: number) => void) =>
    forEachLine(file, (text, line) => {
      if (text.trim() === '') return;
      const values = text.split(',').map(Number);
      if (values.some((v) => !Number.isFinite(v)) || (width !== null && values.length !== width))
        skip(file.name, line, width === null ? 'is not a list of numbers' : `should hold ${width} numbers`);
      else onRow(values, line);
    });

  const speciesIds: number[] = [];
  await numbers(require('species'), 1, ([id]) => speciesIds.push(id));
  const numNodes = speciesIds.length;
  if (numNodes === 0) throw new DataFileError(`${require('species').name} lists no nodes`);
  const species = [...new Set(speciesIds)].sort((a, b) => a - b);
  const nodeSpecies = Int32Array.from(speciesIds, (id) => species.indexOf(id));

  const { maxEdges = 45_000_000 } = options;
  const src = new GrowableInt32();
  const dst = new GrowableInt32();
  const kept: number[] = []; // line -> kept edge, to align edge features
  await numbers(require('edge'), 2, ([u, v], line) => {
    if (!(Number.isInteger(u) && Number.isInteger(v) && u >= 0 && v >= 0 && u < numNodes && v < numNodes))
      return skip(require('edge').name, line, `edge ${u}-${v} names a node outside 0..${numNodes - 1}`);
    if (src.length >= maxEdges)
      throw new DataFileError(`the graph has more than ${maxEdges} edges, the most the app holds`);
    src.push(u);
    dst.push(v);
    kept[line] = src.length - 1;
  });
  const numEdges = src.length;
  const edgeFeatFile = find('edgeFeat');
  let width = 0;
  let edgeFeatures = new Uint16Array(0);
  if (edgeFeatFile) {
    await numbers(edgeFeatFile, null, (values, line) => {
      if (width === 0) {
        width = values.length;
        edgeFeatures = new Uint16Array(numEdges * width);
      }
      const edge = kept[line];
      if (edge === undefined)
        return skip(
          edgeFeatFile.name,
          line,
          `has no edge: line ${line} of ${require('edge').name} is missing or was skipped`,
        );
      if (values.length !== width) return skip(edgeFeatFile.name, line, `should hold ${width} numbers`);
      for (let c = 0; c < width; c++)
        edgeFeatures[edge * width + c] = Math.round(Math.min(1, Math.max(0, values[c])) * 1000);
    });
  }
  const labelsFile = find('labels');
  let numLabels = 0;
  let labels = new Uint8Array(0);
  if (labelsFile) {
    let row = 0;
    await numbers(labelsFile, null, (values, line) => {
      if (numLabels === 0) {
        numLabels = values.length;
        labels = new Uint8Array(numNodes * numLabels);
      }
      if (values.length !== numLabels) {
        skip(labelsFile.name, line, `should hold ${numLabels} labels, as the first line does; node ${row} gets none`);
        row++; // the row stays node `row`'s, so the nodes after it keep their own labels
        return;
      }
      if (row < numNodes)
        labels.set(
          values.map((v) => (v > 0 ? 1 : 0)),
          row++ * numLabels,
        );
    });
  }
  const splitOf = async (role: 'train' | 'valid' | 'test') => {
    const file = find(role);
    const ids: number[] = [];
    if (file)
      await numbers(file, 1, ([id], line) =>
        Number.isInteger(id) && id >= 0 && id < numNodes
          ? ids.push(id)
          : skip(file.name, line, `node ${id} does not exist`),
      );
    return Int32Array.from(ids);
  };
  return {
    numNodes,
    numEdges,
    edgeSrc: src.toArray(),
    edgeDst: dst.toArray(),
    edgeFeatureWidth: width,
    edgeFeatures,
    nodeSpecies,
    species,
    numLabels,
    labels,
    split: { train: await splitOf('train'), valid: await splitOf('valid'), test: await splitOf('test') },
    skipped,
    moreSkipped,
  };
}

class GrowableInt32 {
  private data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
