/** The CLI with PyTorch files: inspect and scan take --model FILE.pt, export writes .pt files and checkpoint folders. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckpointFolder } from '../../src/cli/checkpointFiles';
import { exportCommand } from '../../src/cli/exportCommand';
import { inspectCommand } from '../../src/cli/inspectCommand';
import { scanCommand } from '../../src/cli/scanCommand';
import { disposeParams } from '../../src/gnn/params';
import { readTorchStateDict } from '../../src/gnn/torch/ptReader';
import { expected } from './gnn/torchFixtures';

const fixture = (file: string) => new URL(`../fixtures/torch/${file}`, import.meta.url).pathname;
const graphs = JSON.parse(readFileSync(new URL('../fixtures/torch/graphs.json', import.meta.url), 'utf8')) as Record<
  string,
  { index: number }[]
>;

describe('CLI with PyTorch checkpoints', () => {
  const out = mkdtempSync(join(tmpdir(), 'ma-cli-pt-'));

  it('inspect --model FILE.pt predicts what torch predicted', async () => {
    const c = expected.cases.find((x) => x.file === 'san-zinc.pt')!;
    const args = ['--model', fixture(c.file), '--model-kind', 'san', '--dataset', 'zinc', '--split', 'test'];
    const result = (await inspectCommand([...args, '--index', String(graphs.zinc[1].index), '--steps', '2'])) as {
      prediction: number[];
      layers: unknown[];
    };
    expect(result.layers).toHaveLength(2);
    expect(Math.abs(result.prediction[0] - c.output[1][0])).toBeLessThan(1e-5);
  });

  it('scan --model FILE.pth --heads 4 runs over a split', async () => {
    const file = join(out, 'scan.json');
    await scanCommand([
      '--model',
      fixture('graphit-tox21.pth'),
      '--heads',
      '4',
      '--dataset',
      'tox21',
      '--limit',
      '5',
      '--json',
      file,
    ]);
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      model: { config: { heads: number } };
      layers: unknown[];
    };
    expect(report.model.config.heads).toBe(4);
    expect(report.layers).toHaveLength(2);
  });

  it('export writes a .pt in the reference names and turns a .pt into a checkpoint folder', async () => {
    const pt = join(out, 'gt.pt');
    await exportCommand(['--model', fixture('gt-zinc-ebt.pt'), '--pt', pt]);
    const state = readTorchStateDict(new Uint8Array(readFileSync(pt)), pt);
    expect(state.get('layers.0.attention.k_bias')?.shape).toEqual([4, 4, 1]);
    expect(state.get('layers.1.batch_norm2_e.num_batches_tracked')?.dtype).toBe('int64');
    const dir = join(out, 'ckpt');
    await exportCommand(['--model', pt, '--checkpoint', dir]);
    const { model } = await loadCheckpointFolder(dir);
    expect(model.config).toMatchObject({ model: 'gt', dataset: 'zinc', layers: 2, heads: 4, hidden: 16, ebt: true });
    disposeParams(model.params);
  });

  it('says what is wrong with the options, as usage errors', async () => {
    await expect(
      exportCommand(['--model', fixture('san-zinc.pt'), '--model-kind', 'gat', '--pt', 'x.pt']),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/--model-kind must be one of gt, san, graphit/),
    });
    await expect(exportCommand(['--model', fixture('san-zinc.pt'), '--heads', 'two', '--pt', 'x.pt'])).rejects.toThrow(
      /--heads must be a positive integer/,
    );
  });
});
