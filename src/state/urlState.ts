/**
 * The URL hash: one typed table of the state a link carries (TensorFlow Playground's state.ts is the model), and
 * pure encodeUrl / decodeUrl. A hash reads like `#v=1&ds=zinc&split=test&i=17&m=base:small-gt-zinc&layer=3&thr=1000
 * &color=ma&abl=remove-bond:5,ma-all&bond=5&panels=about` (or `smi=<SMILES>` instead of split and i). Each key
 * has a zod codec (URL text <-> state value); a value its codec rejects, an unknown key or a link of another
 * version falls back to the default and is named in `ignored`, so the page can say what it did not use.
 */
import type { AttributionMethod, BundledDatasetName, CriterionKind, SplitName } from '../engine/api';
import { withoutBondAblations, type AblationItem } from './ablations';
import { DEFAULT_THRESHOLD, PANELS, type ColorMode, type LayerChoice, type PanelName } from './slices/viewSlice';
import {
  ablationList,
  choice,
  count,
  fileName,
  flag,
  layerNumber,
  modelIdList,
  percentileChoice,
  probability,
  modelId,
  nullable,
  panelList,
  renamed,
  smiles,
  threshold,
  type Codec,
} from './urlCodecs';

export const URL_VERSION = 1;

/** The store fields a link carries (same names as in the store). */
export interface UrlState {
  datasetName: BundledDatasetName;
  split: SplitName;
  moleculeIndex: number;
  smiles: string | null;
  modelEntryId: string | null;
  layer: LayerChoice;
  threshold: number;
  colorMode: ColorMode;
  attributionMethod: AttributionMethod;
  ablations: AblationItem[];
  selectedBond: number | null;
  openPanels: PanelName[];
  predictionTarget: number;
  userFileName: string | null;
  criterionKind: CriterionKind;
  alpha: number;
  bonferroni: boolean;
  percentile: number;
  compareModels: string[] | null;
}

interface UrlField<K extends keyof UrlState> {
  state: K;
  url: string;
  codec: Codec<UrlState[K]>;
  fallback: UrlState[K];
  /** What a valid value looks like, for the notice. */
  expects: string;
}

/** One row of the table. */
const row = <K extends keyof UrlState>(
  state: K,
  url: string,
  codec: Codec<UrlState[K]>,
  fallback: UrlState[K],
  expects: string,
): UrlField<K> => ({ state, url, codec, fallback, expects });

const METHOD_NAMES = { occlusion: 'occ', maAblation: 'maabl', gradInput: 'gxi', integratedGradients: 'ig' } as const;

/** The table: store field, URL key, codec, default, and what a valid value looks like (for the notice). */
export const URL_FIELDS = [
  row('datasetName', 'ds', choice(['zinc', 'tox21', 'proteins']), 'zinc', 'zinc, tox21 or proteins'),
  row('split', 'split', choice(['test', 'val', 'train']), 'test', 'test, val or train'),
  row('moleculeIndex', 'i', count(10_000_000), 0, 'a row number 0, 1, 2, …'),
  row('smiles', 'smi', smiles, null, 'a SMILES string'),
  row('modelEntryId', 'm', modelId, null, 'a model id such as base:small-gt-zinc'),
  row('layer', 'layer', layerNumber, 'max', 'max or a layer number 1, 2, …'),
  row('threshold', 'thr', threshold, DEFAULT_THRESHOLD, 'a number of at least 1'),
  row('colorMode', 'color', choice(['ma', 'attribution', 'change', 'node']), 'ma', 'ma, attribution, change or node'),
  row('attributionMethod', 'attr', renamed<AttributionMethod>(METHOD_NAMES), 'occlusion', 'occ, maabl, gxi or ig'),
  row('ablations', 'abl', ablationList, [], 'a comma list of remove-bond:K, ma-bond:K, ma-all, randomize, global-node'),
  row('selectedBond', 'bond', nullable(count(100_000)), null, 'a bond number 0, 1, 2, …'),
  row('openPanels', 'panels', panelList, [], `a list of ${PANELS.join(', ')}`),
  row('predictionTarget', 'tgt', count(11), 0, 'a TOX21 task number 0 to 11'),
  row('userFileName', 'file', fileName, null, 'a file name'),
  // Added within version 1: a link without them shows what it showed before (the ratio criterion, one model).
  row(
    'criterionKind',
    'crit',
    choice(['ratio', 'base-tail', 'attention-top']),
    'ratio',
    'ratio, base-tail or attention-top',
  ),
  row('alpha', 'alpha', probability, 1e-4, 'a probability between 0 and 1, e.g. 1e-4'),
  row('bonferroni', 'bonf', flag, false, '1 or 0'),
  row('percentile', 'pct', percentileChoice, 95, '90, 95, 99 or 99.9'),
  row('compareModels', 'cmp', nullable(modelIdList), null, 'two or three model ids separated by commas'),
] as const;

const CRITERION_FIELDS = new Set<keyof UrlState>(['criterionKind', 'alpha', 'bonferroni', 'percentile']);

export const URL_DEFAULTS: UrlState = Object.fromEntries(
  URL_FIELDS.map((f) => [f.state, f.fallback]),
) as unknown as UrlState;

/** A part of a hash that was not used, in words for the notice. */
export interface IgnoredPart {
  key: string;
  value: string;
  reason: string;
}

export interface DecodedUrl {
  state: UrlState;
  /** Fields the hash set (valid values only). */
  present: (keyof UrlState)[];
  ignored: IgnoredPart[];
}

/** Percent-encodes what must be, and leaves the characters SMILES and lists use readable. */
function escapeValue(value: string): string {
  return encodeURIComponent(value).replace(/%(3A|2C|40|2F|3D|2B|5B|5D|24|5C)/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** The hash (without '#') for a state: every key with a value, i and split only when no SMILES is shown. */
export function encodeUrl(state: UrlState): string {
  const parts = [`v=${URL_VERSION}`];
  for (const f of URL_FIELDS) {
    const value = state[f.state];
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    if (state.smiles !== null && (f.state === 'moleculeIndex' || f.state === 'split')) continue;
    // Only TOX21's 12 outputs need a target: at its default it stays out, so other links read as before.
    if (f.state === 'predictionTarget' && value === 0) continue;
    // Criterion settings at their defaults stay out too (old links and new ones for the default read the same).
    if (f.state !== 'threshold' && CRITERION_FIELDS.has(f.state) && value === f.fallback) continue;
    try {
      parts.push(`${f.url}=${escapeValue((f.codec as Codec<unknown>).encode(value))}`);
    } catch {
      // A value no link can carry (e.g. a threshold past 1e12) stays out of the link.
    }
  }
  return parts.join('&');
}

const FIELD_BY_URL = new Map<string, (typeof URL_FIELDS)[number]>(URL_FIELDS.map((f) => [f.url, f]));

function splitPair(raw: string): { key: string; value: string } | { raw: string } {
  const at = raw.indexOf('=');
  try {
    return {
      key: decodeURIComponent(at < 0 ? raw : raw.slice(0, at)),
      value: at < 0 ? '' : decodeURIComponent(raw.slice(at + 1)),
    };
  } catch {
    return { raw };
  }
}

const listKeys = (keys: string[]) =>
  keys
    .slice(0, MAX_LISTED)
    .map((k) => shorten(k))
    .join(', ') + (keys.length > MAX_LISTED ? `, and ${keys.length - MAX_LISTED} more` : '');

/** Reads a hash ('#' optional): the state it asks for (defaults for the rest) and what it did not use. */
export function decodeUrl(hash: string): DecodedUrl {
  const state: UrlState = { ...URL_DEFAULTS };
  const present: (keyof UrlState)[] = [];
  const ignored: IgnoredPart[] = [];
  const pairs: { key: string; value: string }[] = [];
  for (const raw of hash.replace(/^#/, '').split('&')) {
    if (raw === '') continue;
    const pair = splitPair(raw);
    if ('raw' in pair) ignored.push({ key: pair.raw, value: '', reason: 'not valid percent-encoding' });
    else pairs.push(pair);
  }
  if (pairs.length === 0) return { state, present, ignored };

  const version = pairs.find((p) => p.key === 'v');
  if (version?.value !== String(URL_VERSION)) {
    const keys = pairs.filter((p) => p !== version).map((p) => p.key);
    const made = version ? `made for version ${version.value}` : 'without a version (v=1)';
    ignored.push({
      key: 'v',
      value: version?.value ?? '',
      reason: `this link was ${made}, so none of it was used${keys.length ? ` (${listKeys(keys)})` : ''}`,
    });
    return { state, present, ignored };
  }

  const seen = new Set<string>(['v']);
  for (const pair of pairs) {
    if (pair === version) continue;
    const { key, value } = pair;
    if (seen.has(key)) {
      ignored.push({ key, value, reason: 'given twice; the first was used' });
      continue;
    }
    seen.add(key);
    const field = FIELD_BY_URL.get(key);
    if (!field) {
      ignored.push({ key, value, reason: 'unknown key' });
      continue;
    }
    const decoded = (field.codec as Codec<unknown>).decode(value);
    if (!decoded.success) {
      ignored.push({ key, value, reason: `expected ${field.expects}` });
      continue;
    }
    (state as unknown as Record<string, unknown>)[field.state] = decoded.data;
    present.push(field.state);
  }
  if (state.datasetName === 'proteins' && state.smiles !== null) {
    ignored.push({ key: 'smi', value: state.smiles, reason: 'PROTEINS graphs are not molecules' });
    state.smiles = null;
    present.splice(present.indexOf('smiles'), 1);
  }
  if (state.userFileName !== null) fileNotCarried(state, present, ignored);
  return { state, present, ignored };
}

/**
 * A link made while a dropped file was shown: the file stayed on that machine. The link's family (ds) and its
 * model and view settings are used; its row, bond and bond ablations belonged to the file, so they are not.
 */
function fileNotCarried(state: UrlState, present: (keyof UrlState)[], ignored: IgnoredPart[]) {
  const family = state.datasetName.toUpperCase();
  ignored.push({
    key: 'file',
    value: state.userFileName ?? '',
    reason: `a dropped file cannot travel in a link, so the ${family} dataset is shown instead (its row, bond and bond ablations were the file's)`,
  });
  const dropped = new Set<keyof UrlState>(['userFileName', 'moleculeIndex', 'split', 'selectedBond']);
  Object.assign(state, {
    userFileName: null,
    moleculeIndex: URL_DEFAULTS.moleculeIndex,
    split: URL_DEFAULTS.split,
    selectedBond: null,
    ablations: withoutBondAblations(state.ablations),
  });
  present.splice(0, present.length, ...present.filter((key) => !dropped.has(key)));
}

/** Enough for every key a link of ours can carry to be named at once; a link of thousands of keys stays short. */
const MAX_LISTED = 20;
const shorten = (value: string, max = 40) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** The notice for what a link did not use (plain text; the page shows it as text). */
export function describeIgnored(ignored: IgnoredPart[]): string | null {
  if (ignored.length === 0) return null;
  const parts = ignored.slice(0, MAX_LISTED).map((part) => {
    const what = part.value === '' ? shorten(part.key) : `${shorten(part.key)}=${shorten(part.value)}`;
    return `${what} (${shorten(part.reason, 300)})`;
  });
  // A link with thousands of bad keys gets a notice of a few lines, not one the size of the link.
  const more = ignored.length > MAX_LISTED ? `; and ${ignored.length - MAX_LISTED} more` : '';
  return `Parts of the link were not used: ${parts.join('; ')}${more}. Those settings are at their defaults.`;
}
