/** Hostile checkpoints, CLI options and URL hashes. */
import { INJECTIONS, type Rng } from './random';
import type { HostileCase } from './types';

const SMALL_CONFIG = {
  model: 'gt',
  dataset: 'zinc',
  layers: 2,
  heads: 2,
  hidden: 8,
  residual: true,
  readout: 'mean',
  dropout: 0,
  ebt: false,
  seed: 1,
  training: { batchSize: 8, initLr: 0.001, lrFactor: 0.5, patience: 5, minLr: 1e-5, maxEpochs: 1 },
};

export function checkpointCases(r: Rng): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, edit: Record<string, unknown>, expect?: HostileCase['expect']) =>
    cases.push({ kind: 'checkpoint', name, data: { config: SMALL_CONFIG, edit }, expect });
  add('valid', {}, 'accept');
  const names = [
    'embedding_h.weight',
    'layers.0.attention.Q.weight',
    'layers.1.O_h.weight',
    'MLP_layer.FC_layers.2.weight',
    'MLP_layer.FC_layers.2.bias',
    'layers.0.batch_norm1_h.running_var',
  ];
  for (const value of ['NaN', 'Infinity', '-Infinity', '1e39'])
    for (const name of names) {
      add(`${value} in ${name}`, { weight: name, value, at: r.int(0, 3) }, 'reject');
      add(`${value} in ${name} (float16)`, { weight: name, value, at: r.int(0, 3), float16: true }, 'reject');
    }
  for (let i = 0; i < 60; i++) add(`random bytes in weights #${i}`, { randomizeWeights: r.int(0, 1e9) });
  for (const n of [-4, -1, 1, 4, 1000])
    add(`weights.bin ${n > 0 ? 'longer' : 'shorter'} by ${Math.abs(n)}`, { resize: n }, 'reject');
  const jsonEdits: [string, unknown][] = [
    ['config.hidden', 65536],
    ['config.hidden', 1e9],
    ['config.hidden', -8],
    ['config.hidden', 8.5],
    ['config.heads', 0],
    ['config.heads', 3],
    ['config.layers', 1000000],
    ['config.layers', 0],
    ['config.dataset', 'constructor'],
    ['config.dataset', '__proto__'],
    ['config.model', 'toString'],
    ['config.seed', 'NaN'],
    ['config.dropout', 2],
    ['config.training.batchSize', 1e12],
    ['format', 'other'],
    ['version', 2],
    ['weightsManifest', []],
    ['weightsManifest', 'x'],
    ['weightsManifest.0.weights.0.shape', [1e9, 1e9]],
    ['weightsManifest.0.weights.0.shape', [-1]],
    ['weightsManifest.0.weights.0.dtype', 'int32'],
    ['weightsManifest.0.weights.0.dtype', 'float64'],
    ['weightsManifest.0.weights.0.name', '__proto__'],
    ['weightsManifest.0.weights.0.name', 'constructor'],
    ['training', null],
    ['training.metrics', { test: { mae: 'x' } }],
    ['__proto__', { polluted: true }],
    ['training.variant', INJECTIONS[0]],
  ];
  for (const [path, value] of jsonEdits) add(`${path} = ${JSON.stringify(value).slice(0, 30)}`, { json: path, value });
  for (const text of [
    '',
    'not json',
    '{',
    'null',
    '[]',
    '1',
    '"x"',
    '{"format":"ma-explorer-checkpoint"}',
    '{"__proto__":{"x":1}}',
  ])
    add(`model.json text ${JSON.stringify(text)}`, { text }, 'reject');
  add('missing weight', { drop: names[1] }, 'reject');
  add('extra weight', { extra: 'layers.9.Q.weight' });
  add('duplicate weight', { duplicate: names[2] });
  return cases;
}

const MODEL = 'public/models/gt-zinc-base';
const TOX_MODEL = 'public/models/gt-tox21-base';

export function cliCases(r: Rng): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, argv: string[], expect?: HostileCase['expect'], slow?: boolean, deadlineMs = 60_000) =>
    cases.push({ kind: 'cli', name, data: { argv }, expect, slow, deadlineMs });
  for (const name of [
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '',
    'INFO',
    'nope',
    '--help',
    INJECTIONS[0],
  ])
    add(`command ${JSON.stringify(name)}`, [name], 'reject');
  const numbers = [
    '1e9',
    '-5',
    '1.5',
    'abc',
    'NaN',
    'Infinity',
    '-Infinity',
    '',
    '0x10',
    '1e-9',
    '9007199254740993',
    ' 3',
    '0',
  ];
  const inspect = ['inspect', '--model', MODEL, '--smiles', 'CCO'];
  for (const v of numbers) {
    add(
      `inspect --steps ${JSON.stringify(v)}`,
      [...inspect, '--steps', v],
      v === '0x10' ? undefined : undefined,
      false,
      30_000,
    );
    add(`inspect --target ${JSON.stringify(v)}`, [...inspect, '--target', v], undefined, false, 30_000);
    add(
      `inspect --index ${JSON.stringify(v)}`,
      ['inspect', '--model', MODEL, '--dataset', 'zinc', '--split', 'test', '--index', v],
      undefined,
      false,
      30_000,
    );
    add(
      `train --epochs ${JSON.stringify(v)}`,
      [
        'train',
        '--preset',
        'small-gt-zinc',
        '--out',
        '/tmp/ma-hostile-train',
        '--limit',
        '2',
        '--epochs',
        v,
        '--minutes',
        '0.02',
      ],
      undefined,
      false,
      30_000,
    );
    add(
      `train --limit ${JSON.stringify(v)}`,
      ['train', '--preset', 'small-gt-zinc', '--out', '/tmp/ma-hostile-train', '--epochs', '0', '--limit', v],
      undefined,
      false,
      30_000,
    );
    add(
      `train --minutes ${JSON.stringify(v)}`,
      [
        'train',
        '--preset',
        'small-gt-zinc',
        '--out',
        '/tmp/ma-hostile-train',
        '--limit',
        '2',
        '--epochs',
        '1',
        '--minutes',
        v,
      ],
      undefined,
      false,
      30_000,
    );
    add(
      `train --seed ${JSON.stringify(v)}`,
      [
        'train',
        '--preset',
        'small-gt-zinc',
        '--out',
        '/tmp/ma-hostile-train',
        '--limit',
        '2',
        '--epochs',
        '0',
        '--seed',
        v,
      ],
      undefined,
      false,
      30_000,
    );
    add(
      `scan --threshold ${JSON.stringify(v)}`,
      ['scan', '--model', MODEL, '--dataset', 'zinc', '--limit', '2', '--threshold', v],
      undefined,
      false,
      30_000,
    );
    add(
      `scan --limit ${JSON.stringify(v)}`,
      ['scan', '--model', MODEL, '--dataset', 'zinc', '--limit', v],
      undefined,
      false,
      30_000,
    );
    add(
      `redistribution --steps ${JSON.stringify(v)}`,
      ['redistribution', '--model', MODEL, '--dataset', 'zinc', '--limit', '1', '--steps', v],
      undefined,
      false,
      30_000,
    );
    add(
      `redistribution --top-k ${JSON.stringify(v)}`,
      ['redistribution', '--model', MODEL, '--dataset', 'zinc', '--limit', '1', '--steps', '2', '--top-k', v],
      undefined,
      false,
      30_000,
    );
    add(
      `load --max-atoms ${JSON.stringify(v)}`,
      ['load', '--file', 'test/fixtures/hostile-none.csv', '--max-atoms', v],
      undefined,
      false,
      30_000,
    );
  }
  for (const split of ['__proto__', 'constructor', 'toString', 'TEST', '', 'valueOf']) {
    add(
      `inspect --split ${split}`,
      ['inspect', '--model', MODEL, '--dataset', 'zinc', '--split', split, '--index', '0'],
      'reject',
    );
    add(
      `scan --split ${split}`,
      ['scan', '--model', MODEL, '--dataset', 'zinc', '--split', split, '--limit', '1'],
      'reject',
    );
  }
  for (const ds of ['__proto__', 'constructor', 'zinc ', 'ZINC', ''])
    add(`scan --dataset ${JSON.stringify(ds)}`, ['scan', '--model', MODEL, '--dataset', ds, '--limit', '1'], 'reject');
  for (const featurizer of ['constructor', '__proto__', 'OGB'])
    add(`load --featurizer ${featurizer}`, ['load', '--file', 'x.csv', '--featurizer', featurizer], 'reject');
  for (const preset of ['constructor', '__proto__', 'toString', 'small-gt-zinc ', INJECTIONS[1]])
    add(
      `train --preset ${JSON.stringify(preset)}`,
      ['train', '--preset', preset, '--out', '/tmp/ma-hostile-train', '--epochs', '0'],
      'reject',
    );
  for (const smiles of ['C', 'O', '[Na+].[Cl-]', 'C.C', '[He]', 'CCO😀', '\x07CCO', 'C\tC', 'CC O', 'C'.repeat(1000)])
    add(
      `inspect --smiles ${JSON.stringify(smiles).slice(0, 30)}`,
      ['inspect', '--model', r.pick([MODEL, TOX_MODEL]), '--smiles', smiles, '--steps', '2'],
      undefined,
      false,
      60_000,
    );
  for (const ablate of [
    '{',
    '[]',
    'null',
    '{"removeBonds":[999]}',
    '{"removeBonds":[-1]}',
    '{"removeBonds":["__proto__"]}',
    '{"__proto__":{"x":1}}',
    '{"features":[{"layer":99}]}',
    '"x"',
  ])
    add(`inspect --ablate ${ablate}`, [...inspect, '--ablate', ablate], undefined, false, 30_000);
  for (const n of [150, 250, 400, 500])
    add(
      `inspect a ${n}-atom chain`,
      ['inspect', '--model', MODEL, '--smiles', 'C'.repeat(n), '--steps', '2'],
      'accept',
      true,
      600_000,
    );
  for (const args of [
    ['stats'],
    ['stats', '--input'],
    ['stats', '--input', '/nonexistent'],
    ['load'],
    ['load', '--file'],
    ['load', '--file', '/nonexistent'],
    ['inspect'],
    ['train'],
    ['scan'],
    ['redistribution'],
    ['inspect', '--model', '/nonexistent', '--smiles', 'CCO'],
    ['inspect', '--model', MODEL, '--bogus', '1'],
  ])
    add(`missing or unknown: ${args.join(' ')}`, args, 'reject');
  // Whole outputs through a pipe (a real process): JSON of every size must arrive whole.
  cases.push({
    kind: 'cli',
    name: 'pipe: datasets',
    data: { argv: ['datasets'], pipe: true },
    expect: 'accept',
    slow: true,
    deadlineMs: 60_000,
  });
  cases.push({
    kind: 'cli',
    name: 'pipe: inspect (over 64 KB)',
    data: {
      argv: ['inspect', '--model', MODEL, '--dataset', 'zinc', '--split', 'test', '--index', '0', '--steps', '2'],
      pipe: true,
    },
    expect: 'accept',
    slow: true,
    deadlineMs: 120_000,
  });
  return cases;
}

export function urlCases(r: Rng): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (name: string, hash: string, expect?: HostileCase['expect']) =>
    cases.push({ kind: 'url', name, data: { hash }, expect });
  add('valid', 'v=1&ds=zinc&i=3&m=base:small-gt-zinc&layer=max&thr=1000&color=ma', 'accept');
  add('8,000 unknown keys', 'v=1&' + Array.from({ length: 8000 }, (_, i) => `k${i}=${i}`).join('&'));
  add(
    '8,000 long unknown keys',
    'v=1&' + Array.from({ length: 8000 }, (_, i) => `${'k'.repeat(100)}${i}=${'v'.repeat(100)}`).join('&'),
  );
  add('100,000-character smi', `v=1&ds=zinc&smi=${'C'.repeat(100000)}`);
  const keys = [
    'v',
    'ds',
    'i',
    'split',
    'm',
    'layer',
    'thr',
    'color',
    'attr',
    'smi',
    'bond',
    'abl',
    'panels',
    'file',
    'target',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'prototype',
  ];
  const values = [
    '',
    '1',
    '-1',
    '1e309',
    'NaN',
    'Infinity',
    '__proto__',
    'constructor',
    '%',
    '%E0%A4%A',
    '%00',
    ...INJECTIONS.map(encodeURIComponent),
    'C'.repeat(2000),
    '1.5',
    '0x10',
    '9'.repeat(400),
    'zinc',
    'tox21',
    'proteins',
    'max',
    'base:small-gt-zinc',
    'c1ccccc1O',
    'CC%F0%9F%98%80O',
  ];
  for (let i = 0; i < 150; i++) {
    const parts = ['v=1'];
    const n = r.int(1, 6);
    for (let k = 0; k < n; k++) parts.push(`${r.pick(keys)}=${r.pick(values)}`);
    add(`random hash #${i}`, parts.join('&'));
  }
  for (const v of ['0', '2', '', '1.0', '%31', '__proto__']) add(`version ${v}`, `v=${v}&ds=zinc`);
  for (const raw of ['#', '#&&&', '#=', '#==', '#v', '#v=1&&&=&', '#v=1&ds', '#%', '#' + '&'.repeat(100000)])
    add(`raw ${raw.slice(0, 12)}`, raw);
  return cases;
}
