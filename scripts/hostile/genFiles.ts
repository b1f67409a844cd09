/** Hostile TU datasets, OGB node-property folders and gzip files. */
import { GOOD_SMILES, type Rng } from './random';
import type { HostileCase } from './types';

type Files = Record<string, string>;

/** Three small graphs (triangles and a path) in the TU text format, as lists of lines per part. */
function tuBase(): Record<string, string[]> {
  const indicator = ['1', '1', '1', '2', '2', '2', '3', '3', '3', '3'];
  const A = ['1, 2', '2, 1', '2, 3', '3, 2', '1, 3', '3, 1', '4, 5', '5, 4', '5, 6', '6, 5', '7, 8', '8, 9', '9, 10'];
  return {
    A,
    graph_indicator: indicator,
    graph_labels: ['1', '2', '1'],
    node_labels: ['0', '1', '2', '0', '1', '2', '0', '0', '1', '2'],
    node_attributes: indicator.map((_, i) => `${(i * 0.1).toFixed(1)}, ${i}`),
  };
}

function tuFiles(parts: Record<string, string[]>): Files {
  return Object.fromEntries(Object.entries(parts).map(([part, lines]) => [`DS_${part}.txt`, lines.join('\n') + '\n']));
}

export function tuCases(r: Rng): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, parts: Record<string, string[]>, expect?: HostileCase['expect']) =>
    cases.push({ kind: 'tu', name, data: { files: tuFiles(parts) }, expect });
  add('valid', tuBase(), { check: 'loaded', value: 3 });
  const mutations: [string, (p: Record<string, string[]>) => void][] = [
    ['ragged node attributes', (p) => (p.node_attributes[r.int(1, 9)] = '0.5')],
    ['attribute row too wide', (p) => (p.node_attributes[r.int(1, 9)] = '0.5, 1, 2')],
    [
      'unsorted graph indicator',
      (p) => ([p.graph_indicator[2], p.graph_indicator[3]] = [p.graph_indicator[3], p.graph_indicator[2]]),
    ],
    ['graph label -3', (p) => (p.graph_labels[r.int(0, 2)] = '-3')],
    ['graph label 0.5', (p) => (p.graph_labels[r.int(0, 2)] = '0.5')],
    ['graph id 0', (p) => (p.graph_indicator[0] = '0')],
    ['graph id 1.5', (p) => (p.graph_indicator[r.int(0, 9)] = '1.5')],
    ['graph id -1', (p) => (p.graph_indicator[r.int(0, 9)] = '-1')],
    ['graph id 1e9', (p) => (p.graph_indicator[9] = '1000000000')],
    ['graph id 1e300', (p) => (p.graph_indicator[9] = '1e300')],
    ['edge id 1.5', (p) => (p.A[r.int(0, 12)] = '1.5, 2')],
    ['edge id 0', (p) => (p.A[r.int(0, 12)] = '0, 2')],
    ['edge id 1e12', (p) => (p.A[r.int(0, 12)] = '1, 1000000000000')],
    ['edge with three ids', (p) => (p.A[r.int(0, 12)] = '1, 2, 3')],
    ['node label -1', (p) => (p.node_labels[r.int(0, 9)] = '-1')],
    ['node label 2.5', (p) => (p.node_labels[r.int(0, 9)] = '2.5')],
    ['node label 1e9', (p) => (p.node_labels[r.int(0, 9)] = '1000000000')],
    ['non-number line', (p) => (p.A[r.int(0, 12)] = 'one, two')],
    ['NaN attribute', (p) => (p.node_attributes[r.int(0, 9)] = 'NaN, 1')],
    ['Infinity attribute', (p) => (p.node_attributes[r.int(0, 9)] = 'Infinity, 1')],
    ['fewer node labels', (p) => p.node_labels.pop()],
    ['more graph labels', (p) => p.graph_labels.push('1')],
    ['fewer graph labels', (p) => p.graph_labels.pop()],
    ['missing graph labels', (p) => delete (p as Record<string, unknown>).graph_labels],
    ['empty A', (p) => (p.A = [])],
    ['hex numbers', (p) => (p.A[0] = '0x1, 0x2')],
    ['blank number', (p) => (p.A[0] = ', 2')],
    ['edge label file of other length', (p) => (p.edge_labels = ['0', '1'])],
    ['edge label -2', (p) => (p.edge_labels = p.A.map((_, i) => (i === 3 ? '-2' : '0')))],
    ['edge label 0.5', (p) => (p.edge_labels = p.A.map((_, i) => (i === 3 ? '0.5' : '0')))],
  ];
  // Valid variations of the format: they must load (graph labels may be negative; labels may be absent).
  const valid = new Set(['graph label -3', 'missing graph labels']);
  for (const [name, mutate] of mutations) {
    for (let k = 0; k < 5; k++) {
      const parts = tuBase();
      mutate(parts);
      add(`${name} #${k}`, parts, valid.has(name) ? 'accept' : { check: 'reported' });
    }
  }
  const big = (n: number) => {
    const parts = tuBase();
    parts.graph_indicator = Array.from({ length: n }, () => '1');
    parts.A = Array.from({ length: n - 1 }, (_, i) => `${i + 1}, ${i + 2}`);
    delete (parts as Record<string, unknown>).node_labels;
    delete (parts as Record<string, unknown>).node_attributes;
    parts.graph_labels = ['1'];
    return parts;
  };
  cases.push({
    kind: 'tu',
    name: '300,000 nodes in one graph',
    data: { files: tuFiles(big(300_000)) },
    expect: { check: 'reported' },
    slow: true,
  });
  add('6000 nodes in one graph', big(6000), { check: 'reported' });
  return cases;
}

export interface OgbFile {
  name: string;
  text?: string;
  /** A line of this many '1' characters and no newline (built in the runner). */
  longLine?: number;
}

function ogbBase(): Record<string, string[]> {
  return {
    'raw/edge.csv': ['0,1', '1,2', '2,3', '3,0'],
    'raw/edge-feat.csv': ['0.1,0.2', '0.3,0.4', '0.5,0.6', '0.7,0.8'],
    'raw/node_species.csv': ['3702', '3702', '9606', '9606'],
    'raw/node-label.csv': ['0,1', '1,0', '1,1', '0,0'],
    'split/species/train.csv': ['0', '1'],
    'split/species/valid.csv': ['2'],
    'split/species/test.csv': ['3'],
  };
}

export function ogbCases(r: Rng): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (
    name: string,
    parts: Record<string, string[]>,
    extra: OgbFile[] = [],
    expect?: HostileCase['expect'],
    deadlineMs?: number,
  ) => {
    const files: OgbFile[] = Object.entries(parts).map(([name, lines]) => ({ name, text: lines.join('\n') + '\n' }));
    cases.push({
      kind: 'ogb',
      name,
      data: { files: [...files.filter((f) => !extra.some((e) => e.name === f.name)), ...extra] },
      expect,
      deadlineMs,
    });
  };
  add('valid', ogbBase(), [], 'accept');
  const edits: [string, string, (n: number) => string][] = [
    ['edge to node 99', 'raw/edge.csv', () => '0,99'],
    ['negative node', 'raw/edge.csv', () => '-1,2'],
    ['fractional node', 'raw/edge.csv', () => '1.5,2'],
    ['edge of three', 'raw/edge.csv', () => '1,2,3'],
    ['text in edge', 'raw/edge.csv', () => 'a,b'],
    ['feature width', 'raw/edge-feat.csv', () => '0.1'],
    ['feature NaN', 'raw/edge-feat.csv', () => 'NaN,0.1'],
    ['feature 1e309', 'raw/edge-feat.csv', () => '1e309,0.1'],
    ['label width', 'raw/node-label.csv', () => '1'],
    ['label text', 'raw/node-label.csv', () => 'x,y'],
    ['species text', 'raw/node_species.csv', () => 'human'],
    ['split node 99', 'split/species/test.csv', () => '99'],
    ['split node -1', 'split/species/train.csv', () => '-1'],
    ['split node 0.5', 'split/species/valid.csv', () => '0.5'],
  ];
  for (const [name, file, line] of edits)
    for (let k = 0; k < 8; k++) {
      const parts = ogbBase();
      parts[file].splice(r.int(0, parts[file].length), 0, line(k));
      add(`${name} #${k}`, parts, [], { check: 'reported' });
    }
  for (const mb of [1, 4, 16, 64]) {
    add(
      `edge file: ${mb} MB with no newline`,
      ogbBase(),
      [{ name: 'raw/edge.csv', longLine: mb * 1024 * 1024 }],
      'reject',
      5000,
    );
  }
  add('no species file', Object.fromEntries(Object.entries(ogbBase()).filter(([n]) => !n.includes('species.csv'))));
  add('empty species file', { ...ogbBase(), 'raw/node_species.csv': [] });
  add('1e6 blank lines', { ...ogbBase(), 'split/species/test.csv': Array.from({ length: 100000 }, () => '') });
  return cases;
}

export function gzipCases(r: Rng): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, data: Record<string, unknown>, expect?: HostileCase['expect'], deadlineMs?: number) =>
    cases.push({ kind: 'gzip', name, data, expect, deadlineMs });
  const csvText = 'smiles,y\n' + GOOD_SMILES.map((s, i) => `${s},${i}`).join('\n') + '\n';
  add('valid csv.gz', { recipe: 'gzip', text: csvText, name: 'a.csv.gz' }, 'accept');
  add('valid, no .gz name', { recipe: 'gzip', text: csvText, name: 'a.csv' }, 'accept');
  add('double gzip', { recipe: 'gzip2', text: csvText, name: 'a.csv.gz' });
  for (let i = 0; i < 40; i++)
    add(`truncated at ${i}`, { recipe: 'truncate', text: csvText, name: 'a.csv.gz', keep: r.int(2, 60) });
  for (let i = 0; i < 60; i++)
    add(`corrupt byte #${i}`, {
      recipe: 'corrupt',
      text: csvText,
      name: 'a.csv.gz',
      at: r.int(10, 80),
      byte: r.int(0, 255),
    });
  for (const mb of [2, 8, 32, 128, 512, 1024])
    for (const limitMb of [1, 4])
      add(
        `bomb ${mb} MB of zeros, limit ${limitMb} MB`,
        { recipe: 'bomb', mb, name: 'bomb.csv.gz', limitMb, fill: 0 },
        'reject',
        2500,
      );
  for (const mb of [8, 64, 512])
    add(
      `bomb of 'C' lines ${mb} MB`,
      { recipe: 'bomb', mb, name: 'bomb.csv.gz', limitMb: 1, fill: 'C\n' },
      'reject',
      2500,
    );
  for (let i = 0; i < 30; i++)
    add(`random bytes named .gz #${i}`, {
      recipe: 'random',
      length: r.int(0, 200),
      seed: r.int(0, 1e9),
      name: 'r.csv.gz',
      magic: r.next() < 0.5,
    });
  add('gzip of binary', { recipe: 'gzipBytes', length: 1000, name: 'b.csv.gz' });
  add('gzip of empty', { recipe: 'gzip', text: '', name: 'e.csv.gz' });
  add('gzip sdf', {
    recipe: 'gzip',
    text: 'x\n\n\n  0  0  0  0  0  0  0  0  0  0999 V2000\nM  END\n$$$$\n',
    name: 'a.sdf.gz',
  });
  add(
    'gzip tu bomb',
    { recipe: 'bomb', mb: 256, name: 'DS_A.txt.gz', limitMb: 1, fill: '1, 2\n', tu: true },
    'reject',
    2500,
  );
  return cases;
}
