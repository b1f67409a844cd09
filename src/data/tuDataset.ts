/**
 * The TU text-file format (TUDataset: `<DS>_A.txt`, `_graph_indicator`, `_graph_labels`, optional `_node_labels`,
 * `_node_attributes`, `_edge_labels`; 1-based node ids, one record a line) -> graphs.
 * Node input: the node label (one categorical column) plus the node attributes as continuous values. Edge input:
 * the edge label if the dataset has one, else the unordered pair of the two node labels (DESIGN: PROTEINS has no
 * edge features; 3 secondary-structure types give 6 pairs). Graph label -> class index 0..C-1, one target.
 * Each undirected edge is kept once. Bad lines are skipped and reported with file and line number.
 */
import type { Graph } from './graph';
import { DataFileError } from './gzip';
import type { SkippedRow, UserDataset } from './loadReport';

export type TuFiles = Map<string, string>;

export interface TuOptions {
  /** Cap on nodes per graph (default 5000). */
  maxNodes?: number;
}

interface NumberLine {
  line: number;
  values: number[];
}

const SUFFIXES = ['A', 'graph_indicator', 'graph_labels', 'node_labels', 'node_attributes', 'edge_labels'] as const;
type Part = (typeof SUFFIXES)[number];

/** Finds the TU parts among file names such as PROTEINS_A.txt; returns the dataset name and file per part. */
export function tuParts(fileNames: Iterable<string>): { name: string; files: Partial<Record<Part, string>> } | null {
  const files: Partial<Record<Part, string>> = {};
  let name = '';
  for (const file of fileNames) {
    const base = file.split('/').pop() ?? file;
    for (const part of SUFFIXES) {
      const match = new RegExp(`^(.+)_${part}\\.txt$`).exec(base);
      if (match) {
        files[part] = file;
        name = match[1];
      }
    }
  }
  return files.A && files.graph_indicator ? { name, files } : null;
}

function numberLines(text: string, file: string, skipped: SkippedRow[]): NumberLine[] {
  const out: NumberLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const values = raw.split(',').map((cell) => Number(cell.trim()));
    if (values.some((v) => !Number.isFinite(v)))
      skipped.push({ file, line: i + 1, reason: 'is not a list of numbers' });
    else out.push({ line: i + 1, values });
  });
  return out;
}

export function pairCategory(a: number, b: number, numLabels: number): number {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return lo * numLabels - (lo * (lo - 1)) / 2 + (hi - lo);
}

export function pairNames(labels: readonly string[]): string[] {
  const names: string[] = [];
  labels.forEach((a, i) => labels.slice(i).forEach((b) => names.push(`${a}-${b}`)));
  return names;
}

export function loadTuDataset(files: TuFiles, options: TuOptions = {}): UserDataset & { nodeLabelCount: number } {
  const parts = tuParts(files.keys());
  if (!parts) throw new DataFileError('a TU dataset needs at least <name>_A.txt and <name>_graph_indicator.txt');
  const skipped: SkippedRow[] = [];
  const read = (part: Part) => {
    const file = parts.files[part];
    return file ? { file, lines: numberLines(files.get(file) ?? '', file, skipped) } : null;
  };
  const indicator = read('graph_indicator')!;
  const graphOf = indicator.lines.map((l) => l.values[0]);
  const numGraphs = Math.max(0, ...graphOf);
  const labels = read('graph_labels');
  const nodeLabels = read('node_labels')?.lines.map((l) => l.values[0]);
  const attributes = read('node_attributes')?.lines.map((l) => l.values);
  const edgeLabelFile = read('edge_labels');
  if (nodeLabels && nodeLabels.length !== graphOf.length)
    throw new DataFileError(
      `${parts.files.node_labels} has ${nodeLabels.length} lines; there are ${graphOf.length} nodes`,
    );
  if (attributes && attributes.length !== graphOf.length)
    throw new DataFileError(
      `${parts.files.node_attributes} has ${attributes.length} lines; there are ${graphOf.length} nodes`,
    );

  // Nodes per graph, and each node's local index.
  const firstNode = new Array<number>(numGraphs + 2).fill(-1);
  const counts = new Array<number>(numGraphs + 1).fill(0);
  const local = graphOf.map((g, node) => {
    if (firstNode[g] < 0) firstNode[g] = node;
    return counts[g]++;
  });
  const numLabels = nodeLabels ? Math.max(...nodeLabels) + 1 : 1;
  const classes = labels ? [...new Set(labels.lines.map((l) => l.values[0]))].sort((a, b) => a - b) : [];

  const edges = collectEdges(read('A')!, edgeLabelFile?.lines, graphOf, skipped);
  const edgeVocab = edgeLabelFile
    ? Math.max(0, ...edgeLabelFile.lines.map((l) => l.values[0])) + 1
    : (numLabels * (numLabels + 1)) / 2;
  const width = attributes?.[0]?.length ?? 0;
  const graphs: Graph[] = [];
  const records: UserDataset['records'] = [];
  const { maxNodes = 5000 } = options;
  for (let g = 1; g <= numGraphs; g++) {
    const list = edges.get(g) ?? [];
    if (counts[g] === 0) continue;
    if (counts[g] > maxNodes) {
      skipped.push({
        file: indicator.file,
        line: firstNode[g] + 1,
        reason: `graph ${g} has ${counts[g]} nodes; the limit is ${maxNodes}`,
      });
      continue;
    }
    if (list.length === 0) {
      skipped.push({ file: indicator.file, line: firstNode[g] + 1, reason: `graph ${g} has no edges` });
      continue;
    }
    const nodes = Array.from({ length: counts[g] }, (_, k) => firstNode[g] + k);
    const label = labels?.lines[g - 1]?.values[0];
    graphs.push({
      numNodes: counts[g],
      bondBegin: Int32Array.from(list, (e) => local[e.u]),
      bondEnd: Int32Array.from(list, (e) => local[e.v]),
      nodeFeatures: Int32Array.from(nodes, (n) => nodeLabels?.[n] ?? 0),
      bondFeatures: Int32Array.from(
        list,
        (e) => e.label ?? (nodeLabels ? pairCategory(nodeLabels[e.u], nodeLabels[e.v], numLabels) : 0),
      ),
      nodeValues: Float32Array.from(nodes.flatMap((n) => attributes?.[n] ?? [])),
      target: Float32Array.of(label === undefined ? NaN : classes.indexOf(label)),
      targetMask: Uint8Array.of(label === undefined ? 0 : 1),
    });
    records.push({ line: g, name: `graph ${g}` });
  }
  return {
    kind: 'graphs',
    format: 'tu',
    itemName: 'graphs',
    loaded: graphs.length,
    total: numGraphs,
    skipped,
    graphs,
    records,
    spec: { nodeVocab: [numLabels], edgeVocab: [Math.max(1, edgeVocab)], nodeValueWidth: width, numTargets: 1 },
    targetNames: ['class'],
    notes: [
      `${parts.name}: ${classes.length} classes (${classes.join(', ')} -> 0..${classes.length - 1})`,
      edgeLabelFile ? 'edge input: edge labels' : 'edge input: unordered pair of the two node labels',
    ],
    nodeLabelCount: numLabels,
  };
}

interface TuEdge {
  u: number;
  v: number;
  label?: number;
}

function collectEdges(
  a: { file: string; lines: NumberLine[] },
  edgeLabels: NumberLine[] | undefined,
  graphOf: number[],
  skipped: SkippedRow[],
): Map<number, TuEdge[]> {
  const byGraph = new Map<number, TuEdge[]>();
  const seen = new Set<number>();
  a.lines.forEach(({ line, values }, i) => {
    const [u, v] = [values[0] - 1, values[1] - 1];
    const bad = (reason: string) => skipped.push({ file: a.file, line, reason });
    if (values.length !== 2) return bad('should hold two node ids');
    if (!(u >= 0 && u < graphOf.length && v >= 0 && v < graphOf.length))
      return bad(`edge ${u + 1}-${v + 1} names a node outside 1..${graphOf.length}`);
    if (u === v) return bad(`edge ${u + 1}-${v + 1} is a self-loop`);
    if (graphOf[u] !== graphOf[v])
      return bad(`edge ${u + 1}-${v + 1} joins graph ${graphOf[u]} and graph ${graphOf[v]}`);
    const [lo, hi] = u < v ? [u, v] : [v, u];
    const key = lo * graphOf.length + hi;
    if (seen.has(key)) return; // the other direction of an edge already kept
    seen.add(key);
    const list = byGraph.get(graphOf[u]) ?? [];
    list.push({ u: lo, v: hi, label: edgeLabels?.[i]?.values[0] });
    byGraph.set(graphOf[u], list);
  });
  return byGraph;
}
