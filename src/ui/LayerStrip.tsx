/**
 * Per layer, for the molecule shown: how many bonds the active criterion flags and the largest bond value (MA
 * ratio, or attention-top value), from the analysis already in the store. Clicking a cell colours the bonds by that layer; "max" by the
 * maximum over layers.
 */
import { useMemo } from 'react';
import type { MoleculeAnalysis } from '../engine/api';
import { isMassive } from '../ma/edgeRatios';
import { analysisForDrawing, bondRatiosForLayer } from '../state/selectors';
import { bondMaView, flaggedPerLayer, referenceOf } from '../state/criterionView';
import { describeCriterion } from '../ma/criterion';
import { useCriterion } from './molecule/useBondColors';
import type { LayerChoice } from '../state/store';
import { formatRatio } from './format';
import { maColorScaleFor } from './maColorScale';
import { useAppStore } from './StoreContext';

interface LayerCount {
  layer: LayerChoice;
  massive: number;
  peak: number;
}

/** Bonds above the threshold and the largest ratio (NaN skipped; NaN when no bond has one). */
export function layerCounts(analysis: MoleculeAnalysis, threshold: number): LayerCount[] {
  const layers: LayerChoice[] = [...analysis.bondRatios.map((_, l) => l), 'max'];
  return layers.map((layer) => {
    const ratios = Array.from(bondRatiosForLayer(analysis, layer)).filter((r) => !Number.isNaN(r));
    return {
      layer,
      massive: ratios.filter((r) => isMassive(r, threshold)).length,
      peak: ratios.length ? Math.max(...ratios) : NaN,
    };
  });
}

export function LayerStrip() {
  const analysis = useAppStore(analysisForDrawing);
  const threshold = useAppStore((s) => s.threshold);
  const chosen = useAppStore((s) => s.layer);
  const setLayer = useAppStore((s) => s.setLayer);
  const criterion = useCriterion();
  const reference = useAppStore((s) => referenceOf(s, analysis?.modelEntry ?? null));
  const counts = useMemo(() => {
    if (!analysis) return [];
    const perLayer = flaggedPerLayer(analysis, criterion, reference);
    const view = bondMaView(analysis, 'max', criterion, reference);
    const peaks = perLayer.map((l) => l.peak).filter((p) => !Number.isNaN(p));
    return [
      ...perLayer.map((l, layer) => ({
        layer: layer as LayerChoice,
        massive: l.count,
        peak: l.peak,
        cutoff: l.cutoff,
      })),
      {
        layer: 'max' as LayerChoice,
        massive: view.massive.filter(Boolean).length,
        peak: peaks.length ? Math.max(...peaks) : NaN,
        cutoff: view.cutoff,
      },
    ];
  }, [analysis, criterion, reference]);
  const colors = maColorScaleFor(threshold);
  if (!analysis) return null;
  const what = criterion.kind === 'attention-top' ? 'attention-top value' : 'ratio';
  return (
    <div className="layer-strip" role="group" aria-label="Bonds with an MA per layer" data-testid="layer-strip">
      {/* The key names both numbers of a cell: the count in bold, the highest value under it. */}
      <span
        className="layer-strip-title muted"
        data-testid="layer-strip-key"
        title={`Bonds massive under ${describeCriterion(criterion)}, and the largest ${what}`}
      >
        <span>
          <strong>n</strong> bonds with an MA
        </span>
        <span className="layer-strip-key">
          <i aria-hidden="true" /> highest bond {what}
        </span>
      </span>
      {counts.map(({ layer, massive, peak, cutoff }) => {
        const name = layer === 'max' ? 'max' : `L${layer + 1}`;
        return (
          <button
            key={name}
            type="button"
            className={`layer-cell${layer === chosen ? ' layer-cell-chosen' : ''}${massive ? ' layer-cell-ma' : ''}`}
            data-testid={`layer-strip-${layer === 'max' ? 'max' : layer}`}
            data-count={massive}
            data-max-ratio={peak}
            data-cutoff={String(cutoff)}
            aria-pressed={layer === chosen}
            aria-label={`${layer === 'max' ? 'Maximum over layers' : `Layer ${layer + 1}`}: ${massive} of ${
              analysis.numBonds
            } bonds massive; largest ${what} ${formatRatio(peak)}`}
            title={`${layer === 'max' ? 'Maximum over layers' : `Layer ${layer + 1}`}: ${massive} of ${
              analysis.numBonds
            } bonds massive (${describeCriterion(criterion)}${Number.isFinite(cutoff) ? `, cut-off ${formatRatio(cutoff)}` : ''}); largest ${what} ${formatRatio(peak)}`}
            onClick={() => setLayer(layer)}
          >
            <span className="layer-cell-name">{name}</span>
            <span className="layer-cell-count">{massive}</span>
            <span className="layer-cell-peak">
              {criterion.kind !== 'attention-top' && (
                <i style={{ background: colors.color(peak) }} aria-hidden="true" />
              )}
              {formatRatio(peak)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
