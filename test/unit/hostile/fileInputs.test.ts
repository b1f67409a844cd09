/** Hostile files: every good row kept, every bad one reported where it is, limits applied while streaming. */
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRDKit } from '../../../src/chem/rdkit';
import { loadOgbNodeProperty } from '../../../src/data/ogbNodeProperty';
import { loadUserFiles, type UserFile } from '../../../src/data/userFile';
import { UserDatasets } from '../../../src/engine/userDatasets';

beforeAll(async () => {
  await initRDKit();
});

const text = (name: string, content: string): UserFile => ({ name, bytes: new TextEncoder().encode(content) });

describe('CSV', () => {
  it('keeps every good row around one bad quote and reports that line', async () => {
    const data = await loadUserFiles([text('q.csv', 'smiles,y\nCCO,1\n"CCN,2\nCCC,3\nc1ccccc1,4\n')]);
    expect(data.loaded).toBe(3);
    expect(data.skipped).toEqual([{ line: 3, reason: expect.stringMatching(/quote/) }]);
  });

  it('reads a CSV with a "$$$$" row as a CSV', async () => {
    const data = await loadUserFiles([text('d.csv', 'smiles,y\nCCO,1\n$$$$,\nCCN,2\n')]);
    expect(data.format).toBe('csv');
    expect(data.loaded).toBe(2);
    expect(data.skipped).toHaveLength(1);
  });

  it.each(['inf', 'Infinity', '1e309', 'not-a-number'])(
    'keeps the target column around a %s cell and reports that row',
    async (bad) => {
      const data = await loadUserFiles([text('t.csv', `smiles,y\nCCO,1\nCCN,${bad}\nCCC,2.5\nCCCC,3\nCCCCC,4\n`)]);
      expect(data.targetNames).toEqual(['y']);
      expect(data.loaded).toBe(4);
      expect(data.skipped).toEqual([{ line: 3, reason: expect.stringMatching(/^column "y" has ".*", which is/) }]);
    },
  );

  it('takes a "y" column as the target and lists names, not SMILES', async () => {
    const datasets = new UserDatasets();
    const report = await datasets.load([text('n.csv', 'name,smiles,y\nethanol,CCO,1\nphenol,c1ccccc1O,2\n')], 'tox21');
    expect(report.targetNames).toEqual(['y']);
    expect(report.listing.names).toEqual(['ethanol', 'phenol']);
    expect(report.listing.smiles).toEqual(['CCO', 'c1ccccc1O']);
  });

  it('reports pentavalent carbon with the word valence', async () => {
    const data = await loadUserFiles([text('v.csv', 'smiles\nC(C)(C)(C)(C)C\nCCO\n')]);
    expect(data.skipped[0].reason).toMatch(/valence 5/);
  });

  it('decodes a Windows-1252 / Latin-1 CSV instead of calling it binary', async () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('smiles,name\nCCO,caf'), 0xe9, 0x0a]);
    const data = await loadUserFiles([{ name: 'l.csv', bytes }]);
    expect(data.loaded).toBe(1);
    expect(data.records[0].name).toBe('café');
  });
});

describe('TU', () => {
  const base = {
    'D_A.txt': '1, 2\n2, 3\n4, 5\n',
    'D_graph_indicator.txt': '1\n1\n1\n2\n2\n',
    'D_graph_labels.txt': '1\n0\n',
    'D_node_attributes.txt': '0.1, 1\n0.2, 2\n0.3, 3\n0.4, 4\n0.5, 5\n',
  };
  const load = (changes: Record<string, string>) =>
    loadUserFiles(Object.entries({ ...base, ...changes }).map(([name, content]) => text(name, content)));

  it('reads the valid files', async () => {
    expect((await load({})).loaded).toBe(2);
  });

  it.each([
    [
      'node attributes of different widths',
      { 'D_node_attributes.txt': '0.1, 1\n0.2\n0.3, 3\n0.4, 4\n0.5, 5\n' },
      /D_node_attributes.txt line 2 has 1 values, line 1 has 2/,
    ],
    ['an unsorted graph indicator', { 'D_graph_indicator.txt': '1\n2\n1\n2\n2\n' }, /line 3 has graph 1 after graph 2/],
    ['graph id 0', { 'D_graph_indicator.txt': '0\n1\n1\n2\n2\n' }, /line 1 has 0; each line holds the graph id/],
    ['graph id 1.5', { 'D_graph_indicator.txt': '1\n1.5\n1\n2\n2\n' }, /line 2 has 1.5/],
    ['graph id 1e9', { 'D_graph_indicator.txt': '1\n1\n1\n2\n1000000000\n' }, /jumps from graph 2 to graph 1000000000/],
    ['a fractional graph label', { 'D_graph_labels.txt': '1\n0.5\n' }, /D_graph_labels.txt line 2 has 0.5/],
    ['too few graph labels', { 'D_graph_labels.txt': '1\n' }, /has 1 lines; there are 2 graphs/],
    ['a negative node label', { 'D_node_labels.txt': '0\n-3\n0\n0\n0\n' }, /D_node_labels.txt line 2 has -3/],
  ])('refuses %s, saying which file and line', async (_what, changes, message) => {
    await expect(load(changes)).rejects.toThrow(message);
  });

  it('reports an edge with a fractional node id instead of misplacing it', async () => {
    const data = await load({ 'D_A.txt': '1, 2\n2, 3\n1.5, 2\n4, 5\n' });
    expect(data.skipped).toEqual([
      { file: 'D_A.txt', line: 3, reason: 'edge 1.5-2 names a node that is not a whole number' },
    ]);
  });

  it('reads 300,000 nodes without overflowing the stack (the graph is over the per-graph limit)', async () => {
    const n = 300_000;
    const data = await load({
      'D_graph_indicator.txt': '1\n'.repeat(n),
      'D_A.txt': Array.from({ length: n - 1 }, (_, i) => `${i + 1}, ${i + 2}`).join('\n'),
      'D_graph_labels.txt': '1\n',
      'D_node_attributes.txt': '1\n'.repeat(n),
    });
    expect(data.loaded).toBe(0);
    expect(data.skipped[0].reason).toMatch(/graph 1 has 300000 nodes; the limit is 5000/);
  });
});

describe('gzip and streamed files', () => {
  it('stops inflating a gzip bomb at the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024)); // 256 MB of zeros in about 250 KB
    const start = performance.now();
    await expect(loadUserFiles([{ name: 'bomb.csv.gz', bytes: bomb }], { maxFileBytes: 1024 * 1024 })).rejects.toThrow(
      'bomb.csv.gz decompresses to more than 1.0 MB; the limit is 1.0 MB',
    );
    expect(performance.now() - start).toBeLessThan(1000); // inflating it all took several seconds
  });

  it('says a damaged gzip is damaged, without a browser fetch message', async () => {
    const bytes = gzipSync('smiles\nCCO\n');
    bytes[12] ^= 0xff;
    await expect(loadUserFiles([{ name: 'd.csv.gz', bytes }])).rejects.toThrow(
      /d.csv.gz is (not valid gzip|truncated)/,
    );
  });

  it('refuses an OGB edge file with no line break once a line passes 64 KB', async () => {
    const files = [
      { name: 'raw/node_species.csv', blob: new Blob(['1\n1\n']) },
      { name: 'raw/edge.csv', blob: new Blob([new Uint8Array(8 * 1024 * 1024).fill(0x31)]) },
    ];
    await expect(loadOgbNodeProperty(files)).rejects.toThrow(
      /raw\/edge.csv line 1 runs past 64 KB without a line break/,
    );
  });
});
