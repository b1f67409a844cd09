/**
 * Atoms coloured by their node MA ratio, max|h_att| / median|h_att| (docs/METHOD.md §8.1 on the node tensor; the
 * NoEdge GT's measure, §10.2), on the same log scale as the bonds' MA ratios (maColorScale.ts): one scale spanning
 * the values shown and the threshold, so a panel and its legend agree. An atom is massive above the threshold.
 */
import { isMassive } from '../../ma/edgeRatios';
import { maColorScaleFor, spanOf, type MaColorScale } from '../maColorScale';

export interface NodeShade {
  ratio: number;
  color: string;
  massive: boolean;
}

/** The shared scale for one or more panes' node ratios. */
export const nodeColorScale = (values: ArrayLike<number>[], threshold: number): MaColorScale =>
  maColorScaleFor(
    threshold,
    spanOf(
      values.flatMap((v) => Array.from(v)),
      threshold,
    ),
  );

export function nodeShades(ratios: ArrayLike<number>, colors: MaColorScale, threshold: number): NodeShade[] {
  return Array.from(ratios, (ratio) => ({ ratio, color: colors.color(ratio), massive: isMassive(ratio, threshold) }));
}
