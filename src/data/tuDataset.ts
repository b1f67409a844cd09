/**
 * The TU text-file format (TUDataset: `<DS>_A.txt`, `_graph_indicator`, `_graph_labels`, optional `_node_labels`,
 * `_node_attributes`, `_edge_labels`; 1-based node ids, one record a line) -> graphs.
 * Node input: the node label (one categorical column) plus the node attributes as continuous values. Edge input:
 * the edge label if the dataset has one, else the unordered pair of the two node labels (docs/DESIGN.md: PROTEINS has no
 * edge features; 3 secondary-structure types give 6 pairs). Graph label -> class index 0..C-1, one target.
 * Each undirected edge is kept once. Bad lines are skipped and reported with file and line number.
 */
import type { Graph } from './graph';
import { DataFileError } from './gzip';
import { quoteValue, type SkippedRow, type UserDataset } from './loadReport';

export type TuFiles = Map<string, string>;

export interface TuOptions {
  /** Cap on nodes per graph (default 5000). */
  maxNodes?: number;
}

interface NumberLine {
  line: number;
  /** Position among the file's non-blank lines (0-based): edge labels pair with edges by it. */
  index: number;
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

const DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
/** Node and edge labels index embedding tables: past this a label is not a category. */
const MAX_LABEL = 1000;

/** Every non-blank line of a file as numbers; a line that is not a comma-separated list of numbers is reported. */
function numberLines(text: string, file: string, skipped: SkippedRow[]): NumberLine[] {
  const out: NumberLine[] = [];
  let index = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    index++;
    // Decimal numbers only: Number() would also read "0x1f", "1_0" is refused by it, and "" would be 0.
    const values = raw.split(',').map((cell) => (DECIMAL.test(cell) ? Number(cell) : NaN));
    if (values.some((v) => !Number.isFinite(v)))
      skipped.push({ file, line: i + 1, reason: `${quoteValue(raw)} is not a list of numbers` });
    else out.push({ line: i + 1, index: index - 1, values });
  });
  return out;
}

/**
 * Files with one line per node (graph_indicator, node_labels, node_attributes) or per graph (graph_labels) must
 * have every line right: one bad or missing line would shift every line after it to the wrong node or graph.
 * Throws a DataFileError naming the file, the line and what the format expects.
 */
function strictLines(
  text: string,
  file: string,
  expects: { what: string; integer?: boolean; min?: number; max?: number; width?: 'one' | 'same' },
): NumberLine[] {
  const skipped: SkippedRow[] = [];
  const lines = numberLines(text, file, skipped);
  if (skipped.length)
    throw new DataFileError(`${file} line ${skipped[0].line}: ${skipped[0].reason} (${expects.what})`);
  const width = lines[0]?.values.length ?? 0;
  for (const { line, values } of lines) {
    const where = `${file} line ${line}`;
    if (expects.width === 'one' && values.length !== 1)
      throw new DataFileError(`${where} has ${values.length} values; ${expects.what}`);
    if (expects.width === 'same' && values.length !== width)
      throw new DataFileError(
        `${where} has ${values.length} values, line ${lines[0].line} has ${width}; ${expects.what}`,
      );
    const bad = values.find(
      (v) =>
        (expects.integer && !Number.isInteger(v)) || v < (expects.min ?? -Infinity) || v > (expects.max ?? Infinity),
    );
    if (bad !== undefined) throw new DataFileError(`${where} has ${bad}; ${expects.what}`);
  }
  return lines;
}

const maxOf = (values: readonly number[], start = 0) => values.reduce((m, v) => (v > m ? v : m), start);

export function pairCategory(a: number, b: number, numLabels: number): number {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return lo * numLabels - (lo * (lo - 1)) / 2 + (hi - lo);
}

export function pairNames(labels: readonly string[]): string[] {
  const names: string[] = [];
  labels.forEach((a, i) => labels.slice(i).forEach((b) => names.push(`${a}-${b}`)));
  return names;
}

/** Nodes over all graphs of a TU dataset (PROTEINS has 43 471; the reader holds a few arrays of this length). */
const MAX_TOTAL_NODES = 2_000_000;

/**
 * TU lists nodes graph by graph with ids 1..G: the ids must never go down (else a node's features would go to
 * another graph) and never skip one (graph 1e9 after graph 3 would mean a billion empty graphs).
 */
function checkGraphIds(lines: NumberLine[], file: string): void {
  let previous = 0;
  for (const { line, values } of lines) {
    const g = values[0];
    if (g < previous)
      throw new DataFileError(
        `${file} line ${line} has graph ${g} after graph ${previous}; TU files list the nodes graph by graph, in order`,
      );
    if (g > previous + 1)
      throw new DataFileError(
        `${file} line ${line} jumps from graph ${previous} to graph ${g}; graph ids run 1, 2, 3, ...`,
      );
    previous = g;
  }
}

export function loadTuDataset(files: TuFiles, options: TuOptions = {}): UserDataset & { nodeLabelCount: number } {
  const parts = tuParts(files.keys());
  if (!parts) throw new DataFileError('a TU dataset needs at least <name>_A.txt and <name>_graph_indicator.txt');
  const skipped: SkippedRow[] = [];
  const text = (part: Part) => files.get(parts.files[part] ?? '') ?? '';
  const strict = (part: Part, expects: Parameters<typeof strictLines>[2]) =>
    parts.files[part] ? { file: parts.files[part], lines: strictLines(text(part), parts.files[part], expects) } : null;
  const indicator = strict('graph_indicator', {
    what: 'each line holds the graph id (1, 2, ...) of one node',
    integer: true,
    min: 1,
    width: 'one',
  })!;
  const graphOf = indicator.lines.map((l) => l.values[0]);
  checkGraphIds(indicator.lines, indicator.file);
  const numGraphs = maxOf(graphOf);
  const labels = strict('graph_labels', {
    what: 'each line holds the integer class of one graph',
    integer: true,
    width: 'one',
  });
  if (labels && labels.lines.length !== numGraphs)
    throw new DataFileError(`${labels.file} has ${labels.lines.length} lines; there are ${numGraphs} graphs`);
  const nodeLabels = strict('node_labels', {
    what: `each line holds the label (0, 1, ... up to ${MAX_LABEL}) of one node`,
    integer: true,
    min: 0,
    max: MAX_LABEL,
    width: 'one',
  })?.lines.map((l) => l.values[0]);
  const attributes = strict('node_attributes', {
    what: 'every node has the same number of attributes',
    width: 'same',
  })?.lines.map((l) => l.values);
  const edgeLabelFile = strict('edge_labels', {
    what: `each line holds the label (0, 1, ... up to ${MAX_LABEL}) of one edge of _A.txt`,
    integer: true,
    min: 0,
    max: MAX_LABEL,
    width: 'one',
  });
  if (graphOf.length > MAX_TOTAL_NODES)
    throw new DataFileError(
      `${indicator.file} lists ${graphOf.length} nodes; the most this app reads is ${MAX_TOTAL_NODES}`,
    );
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
  const numLabels = nodeLabels ? maxOf(nodeLabels) + 1 : 1;
  const classes = labels ? [...new Set(labels.lines.map((l) => l.values[0]))].sort((a, b) => a - b) : [];

  const a = { file: parts.files.A!, lines: numberLines(text('A'), parts.files.A!, skipped) };
  if (edgeLabelFile && edgeLabelFile.lines.length !== a.lines.length + skipped.filter((s) => s.file === a.file).length)
    throw new DataFileError(
      `${edgeLabelFile.file} has ${edgeLabelFile.lines.length} lines; ${a.file} has ${a.lines.length} edges (one label per edge)`,
    );
  const edges = collectEdges(a, edgeLabelFile?.lines, graphOf, skipped);
  const edgeVocab = edgeLabelFile
    ? maxOf(edgeLabelFile.lines.map((l) => l.values[0])) + 1
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
  a.lines.forEach(({ line, index, values }) => {
    const [u, v] = [values[0] - 1, values[1] - 1];
    const bad = (reason: string) => skipped.push({ file: a.file, line, reason });
    if (values.length !== 2) return bad(`holds ${values.length} numbers; an edge is two node ids`);
    if (!Number.isInteger(values[0]) || !Number.isInteger(values[1]))
      return bad(`edge ${values[0]}-${values[1]} names a node that is not a whole number`);
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
    list.push({ u: lo, v: hi, label: edgeLabels?.[index]?.values[0] });
    byGraph.set(graphOf[u], list);
  });
  return byGraph;
}
