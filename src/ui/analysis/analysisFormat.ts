/** Numbers of the analysis panels, for people: statistics to three significant digits, shares as percentages. */
import { format } from 'd3';

const stat = format('.3~r');
const statSmall = format('.3~e');
const percentFine = format('.2~%');
const percentCoarse = format('.3~r');

/** KS statistics and mean log-likelihoods; "—" when there is none. */
export function formatStat(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value !== 0 && Math.abs(value) < 1e-3 ? statSmall(value) : stat(value);
}

/** A share 0..1 as a percentage: "0.15%", "12.5%", "0%"; "—" for NaN (nothing to count). */
export function formatShare(share: number): string {
  if (Number.isNaN(share)) return '—';
  if (share === 0 || share >= 0.1) return `${percentCoarse(100 * share)}%`;
  return percentFine(share);
}

export const formatCount = format(',');
