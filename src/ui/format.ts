/**
 * Numbers for people (d3-format). MA ratios have one format everywhere (tooltip, inspector, lists, strip): four
 * significant digits with a thousands separator, so a bond never reads 2,465 in one place and 2,470 in another.
 */
import { format } from 'd3';

const ratioDigits = format(',.4~r');
const exponent = format('.3~e');
const fixed = format('.3~f');

export function formatRatio(ratio: number): string {
  if (Number.isNaN(ratio)) return 'n/a (0/0)';
  if (ratio === Infinity) return '∞';
  if (ratio >= 1e6) return exponent(ratio);
  return ratioDigits(ratio);
}

/** Model outputs and targets: three decimals, or an exponent when tiny or huge. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return '—';
  const size = Math.abs(value);
  return size !== 0 && (size < 1e-3 || size >= 1e5) ? exponent(value) : fixed(value);
}

/** "1k", "10k" for log-axis ticks. */
export function formatTick(value: number): string {
  if (value < 1) return format('~g')(value);
  return value >= 1e6 ? format('.0e')(value) : format('~s')(value);
}

const signedThree = format('+.3~g');
const signedExponent = format('+.2~e');

/** Signed small numbers (attributions, prediction changes): "+0.0131", "−2.4e-5", "0". */
export function formatSigned(value: number): string {
  if (Number.isNaN(value)) return '—';
  if (value === 0) return '0';
  const size = Math.abs(value);
  return size < 1e-3 || size >= 1e5 ? signedExponent(value) : signedThree(value);
}
