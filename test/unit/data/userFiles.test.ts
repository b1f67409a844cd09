/** The user's own files, as the app and `load --file` read them: formats, column choice, and every rejection path. */
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRDKit, withMol } from '../../../src/chem/rdkit';
import { loadSummary } from '../../../src/data/loadReport';
import { loadUserFiles, type UserFile } from '../../../src/data/userFile';

const text = (name: string, content: string): UserFile => ({ name, bytes: new TextEncoder().encode(content) });
const load = (file: UserFile, options = {}) => loadUserFiles([file], options);

beforeAll(async () => {
  await initRDKit();
});

describe('CSV and TSV', () => {
  const csv = [
    'id,SMILES,logS,active',
    '1,CCO,-0.5,1',
    '2,C1CC,1.0,0',
    '3,"c1ccccc1O",2.5,',
    '4,[Na+].[Cl-],0.1,1',
    '5,CCN',
    '6,CC(=O)O,abc,1',
  ].join('\n');

  it('finds the SMILES column by name, takes numeric columns as targets, and reports each skipped row', async () => {
    const data = await load(text('mine.csv', csv));
    // logS is a target although one cell is "abc": that row is reported, the column kept; id is an id.
    expect(data.targetNames).toEqual(['logS', 'active']);
    expect(data.loaded).toBe(2);
    expect(data.skipped).toEqual([
      {
        line: 3,
        reason:
          'RDKit could not read the SMILES "C1CC": a ring is opened but never closed (a ring-closure digit is unmatched)',
      },
      { line: 5, reason: 'the molecule has no bonds (a single atom or separate ions)' },
      { line: 6, reason: 'has 2 columns; the header has 4' },
      { line: 7, reason: 'column "logS" has "abc", which is not a number; the row is skipped, the column kept' },
    ]);
    expect(loadSummary(data)).toBe('loaded 2 of 6 molecules; 4 skipped');
    expect(data.records.map((r) => r.line)).toEqual([2, 4]);
    expect(Array.from(data.graphs[1].targetMask)).toEqual([1, 0]); // empty cell = missing label
  });

  it('skips a row whose chosen target is not a number, naming the column', async () => {
    const data = await load(text('mine.csv', csv), { targetColumns: ['logS'] });
    expect(data.skipped).toContainEqual({
      line: 7,
      reason: 'column "logS" has "abc", which is not a number; the row is skipped, the column kept',
    });
    expect(Array.from(data.graphs[0].target)).toEqual([-0.5]);
  });

  it('finds the SMILES column by content, in a TSV without a header', async () => {
    const data = await load(text('plain.tsv', 'mol-1\tCCO\t3\nmol-2\tc1ccncc1\t4\n'));
    expect(data.format).toBe('tsv');
    expect(data.loaded).toBe(2);
    expect(data.notes[0]).toMatch(/column 2.*no header/);
  });

  it('uses the ZINC featurisation when asked, rejecting atoms outside its 28 types by name', async () => {
    const data = await load(text('z.csv', 'smiles\nCC[C@H](N)C(=O)[O-]\nC[Se]C\n'), { featurizer: 'zinc' });
    expect(data.spec.nodeVocab).toEqual([28]);
    expect(data.skipped).toEqual([{ line: 3, reason: 'atom 2 (Se) has ZINC type "Se", not one of the 28' }]);
  });

  it('reads .csv.gz', async () => {
    const data = await load({ name: 'mine.csv.gz', bytes: gzipSync(csv) });
    expect(data.loaded).toBe(2);
  });

  it.each([
    ['an empty file', text('empty.csv', ''), /empty.csv is empty/],
    ['a header without rows', text('h.csv', 'smiles,y\n'), /h.csv has a header but no rows/],
    ['no SMILES column', text('n.csv', 'a,b\n1,2\n3,4\n'), /n.csv has no SMILES column/],
    ['a missing chosen column', text('m.csv', 'smiles\nCCO\n'), /m.csv has no column named "structure"/],
    [
      'binary junk',
      { name: 'junk.csv', bytes: Uint8Array.from({ length: 500 }, (_, i) => (i * 37) % 256) },
      /junk.csv is not a text file/,
    ],
    [
      'only an unterminated quote',
      text('q.csv', '"smiles\n'),
      /q.csv is not valid CSV: line 1: quoted field unterminated/,
    ],
    [
      'a truncated gzip',
      { name: 't.csv.gz', bytes: gzipSync('smiles\n' + 'CCO\n'.repeat(5000)).subarray(0, 60) },
      /t.csv.gz is truncated/,
    ],
  ])('rejects %s with a message', async (_what, file, message) => {
    const options = file.name === 'm.csv' ? { smilesColumn: 'structure' } : {};
    await expect(load(file, options)).rejects.toThrow(message);
  });

  it('refuses a file over the size limit before reading it', async () => {
    await expect(load(text('big.csv', 'smiles\n' + 'CCO\n'.repeat(1000)), { maxFileBytes: 1000 })).rejects.toThrow(
      'big.csv is 3.9 KB; the limit is 1000 bytes',
    );
  });

  it('skips a huge molecule with the atom limit in the message', async () => {
    const data = await load(text('h.csv', `smiles\nCCO\n${'C'.repeat(120)}\n`), { maxAtoms: 100 });
    expect(data.skipped).toEqual([{ line: 3, reason: 'the SMILES has 120 atoms; the limit is 100' }]);
  });
});

describe('SDF', () => {
  it('reads molblocks with numeric data items as targets, skipping bad records by line', async () => {
    const block = (smiles: string) => withMol(smiles, (mol) => mol.get_molblock());
    const sdf = [
      block('CCO').replace(/^[^\n]*/, 'ethanol') + '> <logS>\n1.1\n\n$$$$',
      'broken\n  no molblock here\n$$$$',
      block('c1ccccc1') + '> <logS>\n2.2\n\n> <note>\naromatic\n\n$$$$',
    ].join('\n');
    const data = await load(text('m.sdf', sdf));
    expect(data.format).toBe('sdf');
    expect(data.targetNames).toEqual(['logS']);
    expect(data.loaded).toBe(2);
    expect(data.skipped).toHaveLength(1);
    expect(data.skipped[0].reason).toMatch(/no "M {2}END"/);
    expect(data.records[0].name).toBe('ethanol');
    expect(Array.from(data.graphs[1].target)).toEqual([Math.fround(2.2)]);
  });
});

describe('TU files', () => {
  it('reads a small TU dataset, deriving the edge input from node-label pairs and reporting bad lines', async () => {
    const files = [
      text('T_A.txt', '1, 2\n2, 1\n2, 3\n3, 2\n4, 5\n5, 4\n1, 4\n6, 6\nx\n'),
      text('T_graph_indicator.txt', '1\n1\n1\n2\n2\n3\n'),
      text('T_graph_labels.txt', '1\n2\n1\n'),
      text('T_node_labels.txt', '0\n1\n2\n2\n2\n0\n'),
      text('T_node_attributes.txt', '1.5\n2\n3\n4\n5\n6\n'),
    ];
    const data = await loadUserFiles(files);
    expect(data.kind).toBe('graphs');
    expect(data.spec).toEqual({ nodeVocab: [3], edgeVocab: [6], nodeValueWidth: 1, numTargets: 1 });
    expect(data.loaded).toBe(2);
    expect(data.skipped).toEqual([
      { file: 'T_A.txt', line: 9, reason: '"x" is not a list of numbers' },
      { file: 'T_A.txt', line: 7, reason: 'edge 1-4 joins graph 1 and graph 2' },
      { file: 'T_A.txt', line: 8, reason: 'edge 6-6 is a self-loop' },
      { file: 'T_graph_indicator.txt', line: 6, reason: 'graph 3 has no edges' },
    ]);
    const [first, second] = data.graphs;
    expect(Array.from(first.bondFeatures)).toEqual([1, 4]); // pairs 0-1 and 1-2 of 0-0,0-1,0-2,1-1,1-2,2-2
    expect(Array.from(second.bondFeatures)).toEqual([5]);
    expect(Array.from(first.nodeValues)).toEqual([1.5, 2, 3]);
    expect([first.target[0], second.target[0]]).toEqual([0, 1]);
  });
});
