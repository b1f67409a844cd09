/**
 * The ablations a person stacks in the explorer, and the one engine Ablation they stand for. Each item is one
 * toggle of journey 3; items apply together and are undone one by one, last first.
 */
import type { Ablation } from '../engine/api';

export type AblationItem =
  /** The bond's two directed edges get zero attention weight. */
  | { kind: 'remove-bond'; bond: number }
  /** The bond's massive score dimensions are zeroed in every layer. */
  | { kind: 'ma-bond'; bond: number }
  /** Every edge's massive score dimensions are zeroed in every layer. */
  | { kind: 'ma-all' }
  /** Every bond type replaced by a random valid one (fixed seed). */
  | { kind: 'randomize' }
  /** A virtual node joined to every atom. */
  | { kind: 'global-node' };

export type AblationKind = AblationItem['kind'];

export const ABLATION_KINDS: readonly AblationKind[] = ['remove-bond', 'ma-bond', 'ma-all', 'randomize', 'global-node'];

/** The seed of the bond-type randomisation, so a shared link shows the same randomised molecule. */
export const RANDOMIZE_SEED = 1;

export const isBondAblation = (item: AblationItem): item is Extract<AblationItem, { bond: number }> =>
  item.kind === 'remove-bond' || item.kind === 'ma-bond';

export function sameAblation(a: AblationItem, b: AblationItem): boolean {
  return a.kind === b.kind && (!isBondAblation(a) || (isBondAblation(b) && a.bond === b.bond));
}

/** Adds the item at the top of the stack, or takes it out if it is already there. */
export function toggleItem(items: readonly AblationItem[], item: AblationItem): AblationItem[] {
  return items.some((i) => sameAblation(i, item)) ? items.filter((i) => !sameAblation(i, item)) : [...items, item];
}

/** Does the stack ablate massive features (so the MA threshold changes what it does)? */
export const usesThreshold = (items: readonly AblationItem[]) =>
  items.some((i) => i.kind === 'ma-bond' || i.kind === 'ma-all');

/**
 * The engine Ablation for a stack: bonds removed, massive features zeroed (the bond's two directed edges 2k and
 * 2k+1, or all edges; all layers; at `threshold`, or at each layer's own ratio cut-off when `layerThresholds` is
 * given, as base-tail has), bond types randomised, a global node. Undefined when empty.
 */
export function toEngineAblation(
  items: readonly AblationItem[],
  threshold: number,
  layerThresholds?: number[],
): Ablation | undefined {
  if (items.length === 0) return undefined;
  const ablation: Ablation = {};
  const removeBonds = items.flatMap((i) => (i.kind === 'remove-bond' ? [i.bond] : []));
  if (removeBonds.length) ablation.removeBonds = removeBonds;
  const perLayer = (spec: { edges?: number[] }) =>
    layerThresholds
      ? layerThresholds.map((t, layer) => ({ mode: 'zero' as const, threshold: t, layers: [layer], ...spec }))
      : [{ mode: 'zero' as const, threshold, ...spec }];
  const features = items.flatMap((i) =>
    i.kind === 'ma-bond' ? perLayer({ edges: [2 * i.bond, 2 * i.bond + 1] }) : i.kind === 'ma-all' ? perLayer({}) : [],
  );
  if (features.length) ablation.features = features;
  if (items.some((i) => i.kind === 'randomize')) ablation.randomizeBondTypes = { seed: RANDOMIZE_SEED };
  if (items.some((i) => i.kind === 'global-node')) ablation.globalNode = true;
  return ablation;
}

/** Items whose bond exists in a molecule of `numBonds` bonds, and those that do not. */
export function splitByBondRange(items: readonly AblationItem[], numBonds: number) {
  const fits = (i: AblationItem) => !isBondAblation(i) || i.bond < numBonds;
  return { kept: items.filter(fits), dropped: items.filter((i) => !fits(i)) };
}

/** The stack without the items that name a bond (for another molecule, whose bond k is another bond). */
export const withoutBondAblations = (items: readonly AblationItem[]) => items.filter((i) => !isBondAblation(i));

/** "remove-bond:5", "ma-all": the item as the URL writes it. */
export function ablationToken(item: AblationItem): string {
  return isBondAblation(item) ? `${item.kind}:${item.bond}` : item.kind;
}

/** Words for a stack chip. */
export function describeAblation(item: AblationItem, bondName?: (bond: number) => string): string {
  const bond = (k: number) => `bond ${k}${bondName ? ` (${bondName(k)})` : ''}`;
  switch (item.kind) {
    case 'remove-bond':
      return `${bond(item.bond)} removed`;
    case 'ma-bond':
      return `MAs of ${bond(item.bond)} zeroed`;
    case 'ma-all':
      return 'all MAs zeroed';
    case 'randomize':
      return `bond types randomised (seed ${RANDOMIZE_SEED})`;
    case 'global-node':
      return 'global node added';
  }
}
