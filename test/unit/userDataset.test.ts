/**
 * A user's file through the engine (Node, cpu): rejected rows keep their line and reason, loaded rows are listed,
 * drawn and analysed exactly as the same SMILES typed in, SDF rows work for both families, and a broken file
 * rejects with a message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { folderBundleSource } from '../../src/data/bundleNode';
import { createEngine, type Engine, type UserDatasetProgress } from '../../src/engine/api';
import { nodeWasmDir } from '../../src/engine/node';

let engine: Engine;
const bytes = (text: string) => new TextEncoder().encode(text);

const CSV = ['smiles,logp', 'CCO,0.5', 'c1ccccc1O,1.2', 'C1CC(x,3', 'N#Cc1ccccc1,2.0', 'CC(=O)Nc1ccc(O)cc1,'].join(
  '\n',
);

const SDF = `ethanol
  manual

  3  2  0  0  0  0  0  0  0  0999 V2000
    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
    1.2990    0.7500    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
    2.5981   -0.0000    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0
  1  2  1  0
  2  3  1  0
M  END
> <activity>
1

$$$$
`;

beforeAll(() => {
  engine = createEngine({
    host: 'node',
    defaultOrder: ['cpu'],
    wasmPaths: nodeWasmDir(),
    datasets: folderBundleSource(),
  });
});

describe('user datasets in the engine', () => {
  it('reports the bad row with its line and lists the others with their targets', async () => {
    const stages: UserDatasetProgress['stage'][] = [];
    const report = await engine.loadUserDataset([{ name: 'mine.csv', bytes: bytes(CSV) }], 'zinc', (p) =>
      stages.push(p.stage),
    );
    expect(stages).toEqual(['reading', 'parsing', 'listing']);
    expect(report.loaded).toBe(4);
    expect(report.total).toBe(5);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0].line).toBe(4);
    expect(report.rejected[0].reason).toMatch(/RDKit/);
    expect(report.listing.smiles).toEqual(['CCO', 'c1ccccc1O', 'N#Cc1ccccc1', 'CC(=O)Nc1ccc(O)cc1']);
    expect(report.listing.userDatasetId).toBe(report.id);
    expect(Array.from(report.listing.targets)).toEqual([0.5, 1.2000000476837158, 2, NaN]);
    expect(report.info.splits.test).toBe(4);
  });

  it('draws and analyses a row exactly as the same SMILES typed in', async () => {
    const report = await engine.loadUserDataset([{ name: 'mine.csv', bytes: bytes(CSV) }], 'zinc');
    const ref = { kind: 'user', datasetId: report.id, index: 2, dataset: 'zinc' } as const;
    const typed = { kind: 'smiles', smiles: 'N#Cc1ccccc1', dataset: 'zinc' } as const;
    const [drawn, typedDrawing] = [await engine.drawMolecule(ref), await engine.drawMolecule(typed)];
    expect(drawn.title).toBe('mine.csv · #2 (line 5)');
    expect(drawn.bonds).toEqual(typedDrawing.bonds);
    const model = 'base:small-gt-zinc';
    const a = await engine.analyzeMolecule({ modelEntry: model, molecule: ref });
    const b = await engine.analyzeMolecule({ modelEntry: model, molecule: typed });
    expect(a.bondRatios.map((r) => Array.from(r))).toEqual(b.bondRatios.map((r) => Array.from(r)));
    expect(a.prediction.raw).toEqual(b.prediction.raw);
  });

  it('reads the same file again for TOX21 models, and an SDF for both families', async () => {
    const report = await engine.loadUserDataset([{ name: 'mine.csv', bytes: bytes(CSV) }], 'zinc');
    const tox = await engine.refeaturizeUserDataset(report.id, 'tox21');
    expect(tox.family).toBe('tox21');
    const drawing = await engine.drawMolecule({ kind: 'user', datasetId: report.id, index: 1, dataset: 'tox21' });
    expect(drawing.aromaticStyle).toBe('dashed');
    for (const family of ['zinc', 'tox21'] as const) {
      const sdf = await engine.loadUserDataset([{ name: 'one.sdf', bytes: bytes(SDF) }], family);
      expect(sdf.loaded).toBe(1);
      expect(sdf.targetNames).toEqual(['activity']);
      const mol = await engine.drawMolecule({ kind: 'user', datasetId: sdf.id, index: 0, dataset: family });
      expect(mol.atoms.map((a) => a.element).sort()).toEqual(['C', 'C', 'O']);
    }
  });

  it('rejects a broken file with a message', async () => {
    const binary = Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2]);
    await expect(engine.loadUserDataset([{ name: 'x.csv', bytes: binary }], 'zinc')).rejects.toThrow(/not a text file/);
    const none = bytes('smiles\nC1CC(\nxyz(\n');
    await expect(engine.loadUserDataset([{ name: 'bad.csv', bytes: none }], 'zinc')).rejects.toThrow(/line 2/);
    await expect(
      engine.drawMolecule({ kind: 'user', datasetId: 'user-999', index: 0, dataset: 'zinc' }),
    ).rejects.toThrow(/no longer loaded/);
  });
});
