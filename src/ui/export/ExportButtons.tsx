/**
 * Export the molecule view as a standalone SVG (styles inlined, with the legend and a caption) or a PNG at twice
 * its size, and the activations as CSV or JSON (serialize.ts). The picture is what is on screen; the numbers are
 * the shown analysis and, when computed, its attributions.
 */
import { useState, type RefObject } from 'react';
import { analysisForDrawing, attributionForDrawing, bondRatiosForLayer } from '../../state/selectors';
import type { AppStore } from '../../state/store';
import { showToast } from '../Toasts';
import { useAppStore, useAppStoreApi } from './storeAccess';
import { downloadBlob, inlinedSvgMarkup, svgToPng } from './domExport';
import { exportCaption, exportMetadata } from './exportData';
import { bondMaView, criterionOf, referenceOf } from '../../state/criterionView';
import { activationExport, activationsCsv, activationsJson, exportFileName, standaloneSvg } from './serialize';

type Kind = 'svg' | 'png' | 'csv' | 'json';

/** The panel's molecule and legend as one standalone SVG. */
function pictureOf(panel: HTMLElement, store: AppStore) {
  const molecule = panel.querySelector<SVGSVGElement>('svg.molecule-svg');
  if (!molecule) throw new Error('there is no molecule on screen');
  const legend = panel.querySelector<SVGSVGElement>('figure.ma-legend svg');
  const box = molecule.getBoundingClientRect();
  const state = store.getState();
  return standaloneSvg({
    molecule: { markup: inlinedSvgMarkup(molecule), width: box.width, height: box.height },
    legend: legend
      ? { markup: inlinedSvgMarkup(legend), width: legend.width.baseVal.value, height: legend.height.baseVal.value }
      : null,
    caption: exportCaption(state, attributionForDrawing(state)),
  });
}

function activationsOf(store: AppStore) {
  const state = store.getState();
  const analysis = analysisForDrawing(state);
  const drawing = state.drawingResult.value;
  if (!analysis || !drawing) throw new Error('the model has not run on this molecule yet');
  const attribution = attributionForDrawing(state);
  return activationExport({
    metadata: exportMetadata(state, analysis, attribution),
    drawing,
    analysis,
    shownRatios: bondRatiosForLayer(analysis, state.layer),
    massive: bondMaView(analysis, state.layer, criterionOf(state), referenceOf(state, analysis.modelEntry)).massive,
    attribution,
  });
}

/** Saves the file and says what was saved: its name, size and what it holds. */
async function exportAs(kind: Kind, panel: HTMLElement, store: AppStore): Promise<string> {
  const title = store.getState().drawingResult.value?.title ?? 'molecule';
  const name = exportFileName(title, kind);
  if (kind === 'svg' || kind === 'png') {
    const picture = pictureOf(panel, store);
    const blob =
      kind === 'svg'
        ? new Blob([picture.svg], { type: 'image/svg+xml' })
        : await svgToPng(picture.svg, picture.width, picture.height, 2);
    downloadBlob(blob, name);
    return `Saved ${name} (${sizeText(blob.size)}): the molecule view with its legend`;
  }
  const data = activationsOf(store);
  const text = kind === 'csv' ? activationsCsv(data) : activationsJson(data);
  const blob = new Blob([text], { type: kind === 'csv' ? 'text/csv' : 'application/json' });
  downloadBlob(blob, name);
  return `Saved ${name} (${sizeText(blob.size)}): MA ratio of every bond in every layer${
    attributionForDrawing(store.getState()) ? ', with attributions' : ''
  }`;
}

const sizeText = (bytes: number) =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(0)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const LABELS: Record<Kind, string> = { svg: 'SVG', png: 'PNG', csv: 'CSV', json: 'JSON' };

export function ExportButtons({ panel }: { panel: RefObject<HTMLElement | null> }) {
  const store = useAppStoreApi();
  const hasDrawing = useAppStore((s) => s.drawingResult.value !== null);
  const hasAnalysis = useAppStore((s) => analysisForDrawing(s) !== null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const run = (kind: Kind) => {
    setError(null);
    setSaved(null);
    if (!panel.current) return;
    exportAs(kind, panel.current, store).then(
      (message) => {
        setSaved(message);
        showToast(message);
      },
      (e: unknown) => setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  return (
    <div className="export-buttons" role="group" aria-label="Export">
      <span className="muted">Export</span>
      {(['svg', 'png', 'csv', 'json'] as const).map((kind) => (
        <button
          key={kind}
          type="button"
          data-testid={`export-${kind}`}
          disabled={kind === 'svg' || kind === 'png' ? !hasDrawing : !hasAnalysis}
          title={
            kind === 'csv' || kind === 'json'
              ? 'MA ratio per bond per layer (and attributions if computed)'
              : 'The molecule view with its legend'
          }
          onClick={() => run(kind)}
        >
          {LABELS[kind]}
        </button>
      ))}
      {saved && (
        <span className="muted export-saved" data-testid="export-saved">
          ✓ {saved}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert" data-testid="export-error">
          {error}
        </span>
      )}
    </div>
  );
}
