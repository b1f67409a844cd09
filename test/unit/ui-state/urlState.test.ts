/**
 * The URL codec in Node: round trips, each key invalid in turn, unknown keys, another version, garbage; a
 * readable hash; defaults that are the store's own.
 */
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/state/store';
import { urlStateOf } from '../../../src/state/urlSync';
import {
  decodeUrl,
  describeIgnored,
  encodeUrl,
  URL_DEFAULTS,
  URL_FIELDS,
  type UrlState,
} from '../../../src/state/urlState';

const full: UrlState = {
  datasetName: 'tox21',
  split: 'val',
  moleculeIndex: 17,
  smiles: null,
  modelEntryId: 'ckpt:gt-tox21-base',
  layer: 2,
  threshold: 250.5,
  colorMode: 'attribution',
  attributionMethod: 'integratedGradients',
  ablations: [
    { kind: 'remove-bond', bond: 5 },
    { kind: 'ma-all' },
    { kind: 'ma-bond', bond: 0 },
    { kind: 'randomize' },
  ],
  selectedBond: 5,
  openPanels: ['about'],
  predictionTarget: 0,
  userFileName: null,
  criterionKind: 'base-tail',
  alpha: 0.001,
  bonferroni: true,
  percentile: 99,
  compareModels: ['ckpt:gt-tox21-base', 'ckpt:gt-tox21-trained'],
};

describe('the URL table', () => {
  it('has one row per state key, each URL key once, and the store’s initial values as defaults', () => {
    const urlKeys = URL_FIELDS.map((f) => f.url);
    expect(new Set(urlKeys).size).toBe(urlKeys.length);
    expect(urlStateOf(createAppStore().getState())).toEqual(URL_DEFAULTS);
  });

  it('writes a readable hash and reads it back', () => {
    const hash = encodeUrl(full);
    expect(hash).toBe(
      'v=1&ds=tox21&split=val&i=17&m=ckpt:gt-tox21-base&layer=3&thr=250.5&color=attribution&attr=ig' +
        '&abl=remove-bond:5,ma-all,ma-bond:0,randomize&bond=5&panels=about&crit=base-tail&alpha=0.001&bonf=1&pct=99' +
        '&cmp=ckpt:gt-tox21-base,ckpt:gt-tox21-trained',
    );
    expect(decodeUrl(`#${hash}`)).toEqual({ state: full, present: expect.any(Array), ignored: [] });
  });

  it('round-trips the defaults, every layer choice, method and ablation kind', () => {
    expect(decodeUrl(encodeUrl(URL_DEFAULTS)).state).toEqual(URL_DEFAULTS);
    expect(encodeUrl(URL_DEFAULTS)).toBe('v=1&ds=zinc&split=test&i=0&layer=max&thr=1000&color=ma&attr=occ');
    for (const attributionMethod of ['occlusion', 'maAblation', 'gradInput', 'integratedGradients'] as const)
      for (const layer of ['max', 0, 11] as const) {
        const state = { ...full, attributionMethod, layer, ablations: [{ kind: 'global-node' as const }] };
        expect(decodeUrl(encodeUrl(state)).state).toEqual(state);
      }
  });

  it('carries a SMILES instead of split and row, with its characters readable where they can be', () => {
    const state = { ...full, datasetName: 'zinc' as const, smiles: 'C[NH3+]C#N.[O-]c1ccc(Br)cc1/C=C\\C%10' };
    const hash = encodeUrl(state);
    expect(hash).toContain('smi=C[NH3+]C%23N.[O-]c1ccc(Br)cc1/C=C\\C%2510');
    expect(hash).not.toMatch(/[&]i=|split=/);
    const decoded = decodeUrl(hash);
    expect(decoded.state).toEqual({ ...state, moleculeIndex: 0, split: 'test' });
    expect(decoded.ignored).toEqual([]);
  });

  it('carries every kind of model id: base, shipped checkpoint, trained here, opened from files', () => {
    for (const id of ['base:small-gt-zinc', 'ckpt:gt-zinc-ebt', 'session:run-2', 'file:3'])
      expect(decodeUrl(encodeUrl({ ...URL_DEFAULTS, modelEntryId: id })).state.modelEntryId).toBe(id);
  });

  it('reads a link made before criteria and compare panes as it was: the ratio criterion, one model', () => {
    const decoded = decodeUrl('#v=1&ds=zinc&i=3&m=ckpt:gt-zinc-trained&layer=8&thr=1000&color=ma');
    expect(decoded.ignored).toEqual([]);
    expect(decoded.state).toMatchObject({ criterionKind: 'ratio', compareModels: null, threshold: 1000 });
  });

  it('carries the node MA ratio colour mode (NoEdge models)', () => {
    const decoded = decodeUrl('#v=1&ds=zinc&m=ckpt:gt-zinc-noedge-base&color=node');
    expect(decoded.ignored).toEqual([]);
    expect(decoded.state.colorMode).toBe('node');
    expect(encodeUrl({ ...URL_DEFAULTS, colorMode: 'node' })).toContain('color=node');
  });

  it('leaves out of the hash a value no link can carry, rather than failing', () => {
    expect(encodeUrl({ ...URL_DEFAULTS, threshold: 1e15 })).not.toContain('thr=');
  });
});

describe('reading a bad hash', () => {
  const invalid: Record<string, string[]> = {
    ds: ['chembl', '', 'ZINC'],
    split: ['dev'],
    i: ['-3', '1.5', 'x', '99999999999'],
    smi: ['C C', '<b>x</b>', 'x'.repeat(401)],
    m: ['gt', 'base:<script>', 'ckpt:'],
    layer: ['0', '-1', 'last', '1.5'],
    thr: ['abc', '0.5', '-3', 'Infinity', 'NaN', '1e400'],
    color: ['rainbow', 'MA'],
    attr: ['occlusion', 'shap'],
    abl: ['explode', 'remove-bond', 'remove-bond:x', 'ma-all:3', 'ma-all,ma-all', 'randomize,'],
    bond: ['-1', 'b', '1.5'],
    panels: ['help', 'about,about'],
    crit: ['fixed', 'RATIO'],
    alpha: ['0', '1', '2', 'x', '-1e-4'],
    bonf: ['yes', '2'],
    pct: ['50', '100', 'x'],
    cmp: ['ckpt:a,ckpt:b,ckpt:c,ckpt:d', 'gt'],
  };

  it.each(Object.entries(invalid))('falls back to the default for a bad %s and names it', (key, values) => {
    const field = URL_FIELDS.find((f) => f.url === key)!;
    const [other, otherKey, otherValue] =
      key === 'thr' ? ['panels=about', 'openPanels', ['about']] : ['thr=7', 'threshold', 7];
    for (const value of values) {
      const decoded = decodeUrl(`v=1&${key}=${encodeURIComponent(value)}&${other}`);
      expect(decoded.state[field.state], `${key}=${value}`).toEqual(field.fallback);
      expect(decoded.ignored, `${key}=${value}`).toEqual([{ key, value, reason: expect.stringMatching(/^expected /) }]);
      expect(decoded.state[otherKey as keyof UrlState]).toEqual(otherValue); // the good keys still count
    }
  });

  it('ignores unknown and repeated keys, and says so', () => {
    const decoded = decodeUrl('#v=1&foo=<img src=x>&thr=10&thr=20&bare');
    expect(decoded.state).toEqual({ ...URL_DEFAULTS, threshold: 10 });
    expect(decoded.ignored.map((i) => [i.key, i.reason])).toEqual([
      ['foo', 'unknown key'],
      ['thr', 'given twice; the first was used'],
      ['bare', 'unknown key'],
    ]);
    expect(describeIgnored(decoded.ignored)).toBe(
      'Parts of the link were not used: foo=<img src=x> (unknown key); thr=20 (given twice; the first was used); ' +
        'bare (unknown key). Those settings are at their defaults.',
    );
  });

  it('uses none of a link of another version, or without one', () => {
    for (const hash of ['#v=0&ds=tox21&thr=10', '#v=2&ds=tox21&thr=10', '#ds=tox21&thr=10']) {
      const decoded = decodeUrl(hash);
      expect(decoded.state).toEqual(URL_DEFAULTS);
      expect(decoded.ignored).toHaveLength(1);
      expect(decoded.ignored[0].reason).toMatch(/none of it was used \(ds, thr\)/);
    }
    expect(decodeUrl('#v=0').ignored[0].reason).toBe('this link was made for version 0, so none of it was used');
  });

  it('survives garbage: bad percent-encoding, empty parts, control characters, huge input', () => {
    expect(decodeUrl('')).toEqual({ state: URL_DEFAULTS, present: [], ignored: [] });
    expect(decodeUrl('#')).toEqual({ state: URL_DEFAULTS, present: [], ignored: [] });
    expect(decodeUrl('#&&&v=1&&').ignored).toEqual([]);
    const bad = decodeUrl('#v=1&%E0%A4%A=1&ds=tox21');
    expect(bad.state.datasetName).toBe('tox21');
    expect(bad.ignored[0].reason).toBe('not valid percent-encoding');
    for (const garbage of ['%%%', '#=', '#v', '#v=1&=', '\u0000\u0001', 'x'.repeat(100_000), '#v=1&ds=zinc=zinc'])
      expect(() => decodeUrl(garbage)).not.toThrow();
    expect(describeIgnored(decodeUrl(`#v=1&${'k'.repeat(500)}=1`).ignored)!.length).toBeLessThan(200);
  });

  it('names every bad key of a link that breaks all of them, and counts the rest of a link of many', () => {
    const keys = ['ds=x', 'i=x', 'thr=x', 'layer=x', 'color=x', 'abl=x', 'bond=x', 'm=x', 'foo=x', 'attr=x', 'task=x'];
    const text = describeIgnored(decodeUrl(`#v=1&${keys.join('&')}`).ignored)!;
    for (const key of keys) expect(text).toContain(key);
    expect(text).not.toContain('more');
    const many = Array.from({ length: 30 }, (_, i) => `junk${i}=1`).join('&');
    expect(describeIgnored(decodeUrl(`#v=1&${many}`).ignored)).toContain('; and 10 more.');
  });

  it('drops a SMILES for PROTEINS, which has none', () => {
    const decoded = decodeUrl('v=1&ds=proteins&smi=CCO');
    expect(decoded.state.smiles).toBeNull();
    expect(decoded.ignored).toEqual([{ key: 'smi', value: 'CCO', reason: 'PROTEINS graphs are not molecules' }]);
  });
});
