/**
 * What the export buttons write, as pure functions of plain data (no DOM, so Node tests parse them back):
 * the activations of the shown molecule as CSV (metadata in one `#` comment line) and JSON, and the standalone SVG
 * that wraps the molecule's and the legend's serialised markup with a caption.
 */
import Papa from 'papaparse';
import {
  ATTRIBUTION_METHODS,
  type AttributionMethod,
  type MoleculeAnalysis,
  type MoleculeAttribution,
  type MoleculeDrawing,
} from '../../engine/explorerTypes';

export const EXPORT_FORMAT = 'ma-explorer-activations';

/** Who and what the numbers are about. */
export interface ExportMetadata {
  model: { id: string; label: string };
  dataset: string;
  molecule: { title: string; smiles: string | null; ref: unknown };
  threshold: number;
  /** The active MA criterion (src/ma/criterion.ts) and its cut-off per layer (null where it has none). */
  criterion?: { kind: string; description: string; cutoffs: (number | null)[] };
  /** The layer the bonds are coloured by: 1-based, or "max" (the maximum over layers). */
  layerShown: number | 'max';
  /** The ablation stack as the link writes it (e.g. "remove-bond:5"). */
  ablations: string[];
  backend: string;
  /** The output the attributions explain (null when none were computed). */
  attribution: { target: number; targetName: string; prediction: number } | null;
}

export interface BondActivation {
  bond: number;
  begin: number;
  end: number;
  beginAtom: string;
  endAtom: string;
  type: string;
  /** [layer] MA ratio max|s| / median|s|. */
  ratios: number[];
  /** The ratio the bond is coloured by (its data-ma-ratio). */
  shownRatio: number;
  /** Massive under the active criterion in the layer shown. */
  massive?: boolean;
  attribution: Record<AttributionMethod, number> | null;
}

export interface ActivationExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  metadata: ExportMetadata;
  bonds: BondActivation[];
}

interface ExportInput {
  metadata: ExportMetadata;
  drawing: MoleculeDrawing;
  analysis: MoleculeAnalysis;
  /** The ratio each bond is coloured by (bondRatiosForLayer). */
  shownRatios: ArrayLike<number>;
  /** Per bond, massive under the active criterion (criterionView.ts). */
  massive?: boolean[];
  attribution: MoleculeAttribution | null;
}

export function activationExport({
  metadata,
  drawing,
  analysis,
  shownRatios,
  massive,
  attribution,
}: ExportInput): ActivationExport {
  const bonds = drawing.bonds.map((bond, k) => ({
    bond: k,
    begin: bond.begin,
    end: bond.end,
    beginAtom: drawing.atoms[bond.begin].element,
    endAtom: drawing.atoms[bond.end].element,
    type: bond.modelType,
    ratios: analysis.bondRatios.map((layer) => layer[k]),
    shownRatio: shownRatios[k],
    ...(massive && { massive: massive[k] }),
    attribution: attribution
      ? (Object.fromEntries(ATTRIBUTION_METHODS.map((m) => [m, attribution.bonds[m][k]])) as Record<
          AttributionMethod,
          number
        >)
      : null,
  }));
  return { format: EXPORT_FORMAT, version: 1, metadata, bonds };
}

/** Column names of the CSV, in order. */
export function csvColumns(data: ActivationExport): string[] {
  const layers = data.bonds[0]?.ratios.length ?? 0;
  return [
    'bond',
    'begin',
    'end',
    'begin_atom',
    'end_atom',
    'bond_type',
    'ma_ratio_shown',
    ...Array.from({ length: layers }, (_, l) => `ma_ratio_layer_${l + 1}`),
    ...(data.metadata.attribution ? ATTRIBUTION_METHODS.map((m) => `attribution_${m}`) : []),
  ];
}

/**
 * One `#` line of JSON metadata, then a header and one row per bond. Numbers are written as JavaScript prints
 * them (String(x)), so they equal the view's data attributes exactly; NaN and Infinity stay as words.
 */
export function activationsCsv(data: ActivationExport): string {
  const rows = data.bonds.map((b) => [
    b.bond,
    b.begin,
    b.end,
    b.beginAtom,
    b.endAtom,
    b.type,
    String(b.shownRatio),
    ...b.ratios.map(String),
    ...(data.metadata.attribution ? ATTRIBUTION_METHODS.map((m) => String(b.attribution?.[m] ?? NaN)) : []),
  ]);
  const table = Papa.unparse({ fields: csvColumns(data), data: rows }, { newline: '\n' });
  return `# ${EXPORT_FORMAT} ${JSON.stringify(data.metadata)}\n${table}\n`;
}

/** JSON has no NaN or Infinity: they are written as null (a ratio 0/0, or a bond an ablation removed). */
export function activationsJson(data: ActivationExport): string {
  return JSON.stringify(
    data,
    (_, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value),
    2,
  );
}

/** Text safe inside an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}

export interface SvgPart {
  /** Serialised <svg> element (from XMLSerializer). */
  markup: string;
  width: number;
  height: number;
}

const MARGIN = 16;
const LINE_HEIGHT = 18;

/**
 * One standalone SVG: the caption lines, the molecule, then the legend, each placed by a wrapping <g>. Nested
 * <svg> elements keep their own viewBox, so the molecule's coordinates are untouched.
 */
export function standaloneSvg({
  molecule,
  legend,
  caption,
}: {
  molecule: SvgPart;
  legend: SvgPart | null;
  caption: string[];
}): {
  svg: string;
  width: number;
  height: number;
} {
  const width = Math.ceil(Math.max(molecule.width, legend?.width ?? 0) + 2 * MARGIN);
  const captionHeight = caption.length * LINE_HEIGHT;
  const moleculeY = MARGIN + captionHeight + (caption.length ? 8 : 0);
  const legendY = moleculeY + molecule.height + 8;
  const height = Math.ceil(legendY + (legend ? legend.height : 0) + MARGIN);
  const lines = caption.map(
    (line, i) =>
      `<text x="${MARGIN}" y="${MARGIN + (i + 1) * LINE_HEIGHT - 4}" font-family="system-ui, sans-serif" font-size="${i === 0 ? 15 : 13}" fill="${i === 0 ? '#1d2433' : '#5b6478'}">${escapeXml(line)}</text>`,
  );
  return {
    width,
    height,
    svg: [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
      `<rect width="100%" height="100%" fill="#ffffff"/>`,
      ...lines,
      `<g transform="translate(${MARGIN} ${moleculeY})">${sized(molecule)}</g>`,
      legend ? `<g transform="translate(${MARGIN} ${legendY})">${sized(legend)}</g>` : '',
      `</svg>`,
    ].join('\n'),
  };
}

/** The part's root <svg> with explicit width and height (replacing any it had). */
function sized(part: SvgPart): string {
  return part.markup.replace(/^<svg\b([^>]*)>/, (_, attributes: string) => {
    const kept = attributes.replace(/\s(width|height)="[^"]*"/g, '');
    return `<svg${kept} width="${part.width}" height="${part.height}">`;
  });
}

/** A file name from the molecule's title: letters, digits, dots and dashes only. */
export function exportFileName(title: string, extension: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `ma-explorer-${slug || 'molecule'}.${extension}`;
}
