/**
 * The export serialisers in Node: the CSV parses back (metadata from its comment line, every number exactly the
 * value that colours the bond), the JSON parses back with NaN as null, and the standalone SVG is well-formed
 * text with one group per bond and escaped captions.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { MoleculeAttribution } from '../../src/engine/api';
import {
  activationExport,
  activationsCsv,
  activationsJson,
  escapeXml,
  exportFileName,
  standaloneSvg,
  type ExportMetadata,
} from '../../src/ui/export/serialize';
import { fakeAnalysis, fakeDrawing } from './ui-state/helpers';

const metadata: ExportMetadata = {
  model: { id: 'base:small-gt-zinc', label: 'GT small (untrained)' },
  dataset: 'mine.csv, "quoted", featurised for ZINC',
  molecule: { title: 'mine.csv · #2 (line 4)', smiles: 'CCO', ref: { kind: 'user', datasetId: 'user-1', index: 2 } },
  threshold: 100,
  layerShown: 'max',
  ablations: ['remove-bond:1', 'ma-all'],
  backend: 'webgpu',
  attribution: null,
};

const ratios = [
  [1.5, 0.1 + 0.2, NaN],
  [1234.5678901234, 2, Infinity],
];
const drawing = fakeDrawing(3);
const analysis = fakeAnalysis(ratios);
const shown = Float64Array.from([1234.5678901234, 2, Infinity]);

function fakeAttribution(): MoleculeAttribution {
  const values = Float32Array.from([0.25, -1e-7, NaN]);
  return {
    computed: ['occlusion', 'maAblation', 'gradInput', 'integratedGradients'],
    modelEntry: 'base:small-gt-zinc',
    target: 3,
    targetName: 'NR-Aromatase',
    threshold: 100,
    prediction: 0.5,
    bonds: { occlusion: values, maAblation: values, gradInput: values, integratedGradients: values },
    atoms: { gradInput: new Float32Array(4), integratedGradients: new Float32Array(4) },
    edgeBaselineGap: 0,
    nodeBaselineGap: 0,
    steps: 32,
    ms: 1,
  };
}

describe('activations as CSV', () => {
  it('parses back: metadata from the comment line, one row per bond, numbers exactly as shown', () => {
    const csv = activationsCsv(
      activationExport({ metadata, drawing, analysis, shownRatios: shown, attribution: null }),
    );
    const [comment] = csv.split('\n');
    expect(comment.startsWith('# ma-explorer-activations {')).toBe(true);
    expect(JSON.parse(comment.slice(comment.indexOf('{')))).toEqual(metadata);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([
      'bond',
      'begin',
      'end',
      'begin_atom',
      'end_atom',
      'bond_type',
      'ma_ratio_shown',
      'ma_ratio_layer_1',
      'ma_ratio_layer_2',
    ]);
    expect(parsed.data.map((r) => Number(r.ma_ratio_shown))).toEqual(Array.from(shown));
    expect(parsed.data.map((r) => r.ma_ratio_shown)).toEqual(Array.from(shown, String));
    expect(parsed.data.map((r) => Number(r.ma_ratio_layer_1))).toEqual([1.5, 0.1 + 0.2, NaN]);
    expect(parsed.data[1]).toMatchObject({ bond: '1', begin: '1', end: '2', begin_atom: 'C', bond_type: 'SINGLE' });
  });

  it('adds one column per attribution method when attributions were computed', () => {
    const withAttribution = { ...metadata, attribution: { target: 3, targetName: 'NR-Aromatase', prediction: 0.5 } };
    const data = activationExport({
      metadata: withAttribution,
      drawing,
      analysis,
      shownRatios: shown,
      attribution: fakeAttribution(),
    });
    const parsed = Papa.parse<Record<string, string>>(activationsCsv(data), {
      header: true,
      comments: '#',
      skipEmptyLines: true,
    });
    expect(parsed.meta.fields?.slice(-4)).toEqual([
      'attribution_occlusion',
      'attribution_maAblation',
      'attribution_gradInput',
      'attribution_integratedGradients',
    ]);
    expect(parsed.data.map((r) => Number(r.attribution_occlusion))).toEqual([0.25, Math.fround(-1e-7), NaN]);
  });
});

describe('activations as JSON', () => {
  it('parses back with metadata, per-layer ratios and NaN or Infinity as null', () => {
    const data = activationExport({ metadata, drawing, analysis, shownRatios: shown, attribution: fakeAttribution() });
    const back = JSON.parse(activationsJson(data));
    expect(back.format).toBe('ma-explorer-activations');
    expect(back.metadata).toEqual(metadata);
    expect(back.bonds).toHaveLength(3);
    expect(back.bonds[0].ratios).toEqual([1.5, 1234.5678901234]);
    expect(back.bonds[2].ratios).toEqual([null, null]);
    expect(back.bonds[0].attribution.occlusion).toBe(0.25);
    expect(back.bonds[2].attribution.gradInput).toBeNull();
  });
});

describe('standalone SVG', () => {
  const molecule = {
    markup:
      '<svg xmlns="http://www.w3.org/2000/svg" class="molecule-svg" viewBox="0 0 100 50" width="10">' +
      '<g class="bond" data-testid="bond-0"><line x1="0"/></g><g class="bond" data-testid="bond-1"><line x1="1"/></g>' +
      '</svg>',
    width: 400,
    height: 200,
  };
  const legend = {
    markup: '<svg xmlns="http://www.w3.org/2000/svg" width="390" height="52"><rect/></svg>',
    width: 390,
    height: 52,
  };

  it('places the molecule and the legend under an escaped caption, sized explicitly', () => {
    const { svg, width, height } = standaloneSvg({ molecule, legend, caption: ['<b>x</b> & "y"', 'second'] });
    expect(width).toBe(432);
    expect(height).toBeGreaterThan(200 + 52);
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('viewBox="0 0 100 50" width="400" height="200"');
    expect(svg.match(/<g class="bond"/g)).toHaveLength(2);
    // Well-formed enough: every opening tag has its closing tag.
    const opened = (svg.match(/<(svg|g)\b/g) ?? []).length;
    const closed = (svg.match(/<\/(svg|g)>/g) ?? []).length;
    expect(opened).toBe(closed);
  });

  it('escapes XML and makes safe file names', () => {
    expect(escapeXml(`a<'b'>&`)).toBe('a&lt;&apos;b&apos;&gt;&amp;');
    expect(exportFileName('mine.csv · #2 (line 4)', 'svg')).toBe('ma-explorer-mine.csv-2-line-4.svg');
    expect(exportFileName('', 'png')).toBe('ma-explorer-molecule.png');
  });
});
