/** `cli train` flags for the paper's variants (docs/METHOD.md §5.2, §10.2): what they write into the config, what they refuse. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainCommand } from '../../src/cli/trainCommand';

const out = mkdtempSync(join(tmpdir(), 'ma-cli-variants-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const base = (preset: string, dir: string, ...flags: string[]) =>
  trainCommand(['--preset', preset, '--out', join(out, dir), '--epochs', '0', '--limit', '4', ...flags]);
const savedConfig = (dir: string) => JSON.parse(readFileSync(join(out, dir, 'model.json'), 'utf8')).config;

describe('train flags for the paper variants', () => {
  it('records ebtForm, noEdge, globalNode and randomBondTypes in the checkpoint config', async () => {
    await base('small-san-zinc', 'san-paper', '--ebt', '--ebt-form', 'paper');
    expect(savedConfig('san-paper')).toMatchObject({ model: 'san', ebt: true, ebtForm: 'paper' });
    await base('small-gt-zinc-noedge', 'noedge');
    expect(savedConfig('noedge')).toMatchObject({ model: 'gt', noEdge: true });
    await base('small-gt-zinc', 'global', '--global-node', '--random-bond-types');
    expect(savedConfig('global')).toMatchObject({ globalNode: true, randomBondTypes: true });
    await base('small-gt-zinc', 'plain');
    const plain = savedConfig('plain');
    for (const key of ['ebtForm', 'noEdge', 'globalNode', 'randomBondTypes']) expect(key in plain).toBe(false);
  }, 120_000);

  it('refuses combinations the paper never ran, in one line', async () => {
    await expect(base('small-san-zinc', 'x', '--ebt-form', 'paper')).rejects.toMatchObject({
      message: /--ebt-form goes with --ebt/,
    });
    await expect(base('small-gt-zinc', 'x', '--ebt', '--ebt-form', 'paper')).rejects.toMatchObject({
      exitCode: 2,
      message: /san or graphit/,
    });
    await expect(base('small-gt-tox21', 'x', '--global-node')).rejects.toMatchObject({ message: /ZINC variants/ });
    await expect(base('small-gt-zinc-noedge', 'x', '--ebt')).rejects.toMatchObject({ message: /without EBT/ });
    await expect(base('small-gt-zinc', 'x', '--ebt', '--ebt-form', 'buggy')).rejects.toMatchObject({
      message: /--ebt-form must be one of intended, paper/,
    });
  });
});
