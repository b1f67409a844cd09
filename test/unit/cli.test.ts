/** The CLI contracts, run in-process: train (resumable checkpoints) and inspect (its JSON shape). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectCommand } from '../../src/cli/inspectCommand';
import { redistributionCommand } from '../../src/cli/redistributionCommand';
import { scanCommand } from '../../src/cli/scanCommand';
import { baseTailRatioThreshold } from '../../src/ma/criterion';
import { trainCommand } from '../../src/cli/trainCommand';

const out = mkdtempSync(join(tmpdir(), 'ma-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('train and inspect', () => {
  it('trains a small GT for one epoch on 48 ZINC graphs, then resumes it for a second', async () => {
    const args = ['--preset', 'small-gt-zinc', '--dataset', 'zinc', '--out', out, '--limit', '48'];
    const first = (await trainCommand([...args, '--epochs', '1'])) as {
      training: { epochs: number; metrics: Record<string, { mae: number }> };
    };
    expect(first.training.epochs).toBe(1);
    expect(first.training.metrics.test.mae).toBeGreaterThan(0);
    const second = (await trainCommand([...args, '--epochs', '2'])) as {
      training: { epochs: number; history: unknown[] };
    };
    expect(second.training.epochs).toBe(2);
    expect(second.training.history).toHaveLength(2);
    const saved = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(saved.format).toBe('ma-explorer-checkpoint');
    expect(saved.trainingState.epoch).toBe(2);
    // A stop file ends training before the next epoch, resumably, as a spent time budget does.
    const stopFile = join(out, 'stop');
    writeFileSync(stopFile, '');
    const stopped = (await trainCommand([...args, '--epochs', '4', '--stop-file', stopFile])) as {
      training: { epochs: number; stopReason: string };
    };
    expect(stopped.training).toMatchObject({ epochs: 2, stopReason: 'time-budget' });
    rmSync(stopFile);
    const resumed = (await trainCommand([...args, '--epochs', '3', '--stop-file', stopFile])) as {
      training: { epochs: number; stopReason: string };
    };
    expect(resumed.training).toMatchObject({ epochs: 3, stopReason: 'max-epochs' });
  });

  it('inspects a test molecule: one row per directed edge, D features, H heads, per layer', async () => {
    const result = (await inspectCommand(['--model', out, '--dataset', 'zinc', '--split', 'test', '--index', '3'])) as {
      backend: string;
      prediction: number[];
      edges: { src: number[]; dst: number[]; bond: number[]; bondType: number[] };
      layers: { edgeScore: number[][]; attention: number[][] }[];
      attribution: Record<'occlusion' | 'maAblation' | 'gradInput' | 'integratedGradients', number[]>;
      atomAttribution: Record<'gradInput' | 'integratedGradients', number[]>;
    };
    expect(result.backend).toBe('wasm');
    expect(result.prediction).toHaveLength(1);
    const E = result.edges.src.length;
    expect(E % 2).toBe(0);
    result.edges.bond.forEach((bond, e) => expect(bond).toBe(Math.floor(e / 2)));
    for (let k = 0; k < E / 2; k++) {
      expect(result.edges.src[2 * k]).toBe(result.edges.dst[2 * k + 1]);
      expect([1, 2, 3]).toContain(result.edges.bondType[2 * k]);
    }
    for (const method of ['occlusion', 'maAblation', 'gradInput', 'integratedGradients'] as const)
      expect(result.attribution[method]).toHaveLength(E / 2);
    expect(result.atomAttribution.gradInput).toHaveLength(Math.max(...result.edges.src) + 1);
    expect(Math.max(...result.attribution.occlusion.map(Math.abs))).toBeGreaterThan(0);
    expect(result.layers).toHaveLength(4);
    for (const layer of result.layers) {
      expect(layer.edgeScore).toHaveLength(E);
      expect(layer.edgeScore[0]).toHaveLength(64);
      expect(layer.attention[0]).toHaveLength(8);
    }
  });

  it('scans 30 test molecules against the same checkpoint as base and writes the per-layer report', async () => {
    const file = join(out, 'scan.json');
    await scanCommand([
      '--model',
      out,
      '--dataset',
      'zinc',
      '--split',
      'test',
      '--limit',
      '30',
      '--base',
      out,
      '--json',
      file,
    ]);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.graphs).toBe(30);
    expect(report.layers).toHaveLength(4);
    for (const layer of report.layers) {
      expect(layer.gamma.a).toBeGreaterThan(0);
      // scored against itself as base, its base KS equals its own
      expect(layer.againstBase.ks).toBeCloseTo(layer.ks, 6);
      expect(layer.rateByBondType.map((r: { bondType: number }) => r.bondType)).toEqual(
        [1, 2, 3].slice(0, layer.rateByBondType.length),
      );
      expect(layer.heatmaps.heads).toBe(8);
      expect(layer.heatmaps.panels[0].percentMassive).toHaveLength(64);
    }
    expect(report.perGraph.maxRatio).toHaveLength(30);
    // curvature enrichment: every edge in one bin; per layer MA counts add up to edges above the threshold
    expect(report.curvature.edgesByBin.reduce((a: number, b: number) => a + b, 0)).toBe(report.edges);
    for (const layer of report.layers) {
      const massive = layer.curvatureEnrichment.reduce((a: number, b: { massive: number }) => a + b.massive, 0);
      expect(massive).toBe(Math.round(layer.fractionEdgesMassive * report.edges));
    }
    expect(report.perGraph.maxRatioByLayer[2][0]).toBeLessThanOrEqual(report.perGraph.maxRatio[0]);
  });

  it('applies the chosen MA criterion: base-tail cut-offs from the base fit, attention-top from the split', async () => {
    const run = async (...extra: string[]) => {
      const file = join(out, `scan-${extra.join('')}.json`);
      const args = ['--model', out, '--dataset', 'zinc', '--limit', '30', '--base', out, '--json', file];
      await scanCommand([...args, ...extra]);
      return JSON.parse(readFileSync(file, 'utf8'));
    };
    const tail = await run('--criterion', 'base-tail', '--alpha', '0.001');
    tail.layers.forEach((layer: { gamma: { a: number; loc: number; scale: number } }, l: number) => {
      const expected = baseTailRatioThreshold(layer.gamma, 0.001); // scored against itself as base
      expect(tail.criterion.layers[l].cutoff / expected).toBeCloseTo(1, 9);
    });
    const bonferroni = await run('--criterion', 'base-tail', '--bonferroni');
    expect(bonferroni.criterion.layers[0].cutoff).toBeGreaterThan(tail.criterion.layers[0].cutoff);
    const top = await run('--criterion', 'attention-top', '--percentile', '90');
    // numpy-style interpolation puts the 90th percentile at index 0.9 (n - 1): at most 10% + 1 edge lie above
    for (const layer of top.criterion.layers)
      expect(layer.fractionEdgesMassive).toBeLessThanOrEqual(0.1 + 1 / top.edges);
    await expect(scanCommand(['--model', out, '--dataset', 'zinc', '--criterion', 'base-tail'])).rejects.toThrow(
      /needs --base/,
    );
  });

  it('writes the redistribution table for 3 test molecules', async () => {
    const file = join(out, 'redistribution.json');
    await redistributionCommand([
      '--model',
      out,
      '--dataset',
      'zinc',
      '--limit',
      '3',
      '--steps',
      '4',
      '--threshold',
      '5',
      '--json',
      file,
    ]);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.molecules).toBe(3);
    expect(report.rows.map((r: { bondType: number }) => r.bondType)).toEqual(expect.arrayContaining([1, 2]));
    const share = (key: 'before' | 'after') =>
      report.rows.reduce((s: number, r: Record<string, Record<string, number>>) => s + r[key].occlusion, 0);
    expect(share('before')).toBeCloseTo(1, 8);
    expect(share('after')).toBeCloseTo(1, 8);
    expect(report.spearman.integratedGradients.molecules).toBeGreaterThan(0);
  });

  it('reports bad calls in one line with exit code 2', async () => {
    await expect(inspectCommand(['--model', out, '--smiles', 'C1CC'])).rejects.toMatchObject({
      exitCode: 2,
      message: /could not read the SMILES/,
    });
    await expect(
      inspectCommand(['--model', out, '--dataset', 'zinc', '--split', 'test', '--index', '5000']),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: /--index must be 0..999/,
    });
    await expect(trainCommand(['--dataset', 'zinc', '--out', out])).rejects.toMatchObject({ exitCode: 2 });
  });
});
