/**
 * The "base versus trained" figure (docs/METHOD.md §8.2): per layer, every molecule's largest edge ratio m_n, sorted
 * ascending (the shown layer drawn strong), over the band from the base model's smallest to largest m_n. Drag
 * up or down over the chart to pick a ratio range: the molecule list then shows the molecules whose largest ratio
 * (in the shown layer, or in any layer for "max") lies in it. Hover (or focus and use the arrow keys) for a
 * readout of the molecule under the pointer; a click without a drag opens it.
 */
import { YGrid, XTicks, decadeTicks } from '../charts/axes';
import { line, scaleLinear, scaleLog } from 'd3';
import { useMemo, useRef, useState } from 'react';
import type { DatasetScanResult } from '../../engine/api';
import type { LayerChoice } from '../../state/store';
import { formatRatio, formatTick } from '../format';
import { useAppStore } from '../StoreContext';
import { useOpenMolecule } from './AnalysisMatches';
import { rangeFilter } from './brushing';

const SIZE = { width: 420, height: 230 };
const MARGIN = { top: 26, right: 12, bottom: 38, left: 52 };
const BOTTOM = SIZE.height - MARGIN.bottom;

function buildScales(scan: DatasetScanResult) {
  const peak = Math.max(1, ...scan.layers.map((l) => l.maxGraphRatio ?? 1), scan.base?.band.max ?? 1);
  const top = Math.max(1e4, scan.threshold * 3, peak * 2);
  return {
    x: scaleLinear()
      .domain([0, Math.max(1, scan.graphs - 1)])
      .range([MARGIN.left, SIZE.width - MARGIN.right]),
    y: scaleLog().domain([1, top]).range([BOTTOM, MARGIN.top]).clamp(true),
  };
}

type Scales = ReturnType<typeof buildScales>;

function Axes({ x, y, graphs }: Scales & { graphs: number }) {
  return (
    <g>
      <YGrid y={y} ticks={decadeTicks(y)} left={MARGIN.left} right={SIZE.width - MARGIN.right} />
      <XTicks x={x} ticks={x.ticks(6)} bottom={BOTTOM} format={(t) => t.toLocaleString('en')} />
      <line className="axis-line" x1={MARGIN.left} x2={SIZE.width - MARGIN.right} y1={BOTTOM} y2={BOTTOM} />
      <text className="axis-title" x={(MARGIN.left + SIZE.width - MARGIN.right) / 2} y={SIZE.height - 4}>
        molecules, sorted by their largest ratio ({graphs.toLocaleString('en')})
      </text>
      <text className="axis-title" transform={`translate(12,${(MARGIN.top + BOTTOM) / 2}) rotate(-90)`}>
        largest ratio m_n (log)
      </text>
    </g>
  );
}

interface Props {
  scan: DatasetScanResult;
  layer: number;
  choice: LayerChoice;
}

export function MaximaChart({ scan, layer, choice }: Props) {
  const scales = useMemo(() => buildScales(scan), [scan]);
  const { x, y } = scales;
  const filter = useAppStore((s) => s.moleculeFilter);
  const setFilter = useAppStore((s) => s.setMoleculeFilter);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const openMolecule = useOpenMolecule();
  const svg = useRef<SVGSVGElement>(null);
  // Rank -> scanned row of the shown layer's sorted curve (NaN maxima left out, as the curve leaves them out).
  const order = useMemo(() => {
    const m = scan.layers[layer].perGraphMax;
    return Array.from(m.keys())
      .filter((g) => !Number.isNaN(m[g]))
      .sort((a, b) => m[a] - m[b]);
  }, [scan, layer]);
  const rankAt = (event: React.PointerEvent) => {
    const box = svg.current!.getBoundingClientRect();
    const inViewBox = ((event.clientX - box.left) * SIZE.width) / box.width;
    const rank = Math.round(x.invert(inViewBox));
    return order.length ? Math.min(Math.max(rank, 0), order.length - 1) : null;
  };
  const pointerY = (event: React.PointerEvent) => {
    const box = svg.current!.getBoundingClientRect();
    const inViewBox = ((event.clientY - box.top) * SIZE.height) / box.height;
    return Math.min(Math.max(inViewBox, MARGIN.top), BOTTOM);
  };
  const commit = (event: React.PointerEvent) => {
    if (!drag) return;
    setDrag(null);
    const [top, bottom] = [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)];
    if (bottom - top < 3) {
      const rank = rankAt(event);
      if (rank !== null) openMolecule(order[rank]);
      return;
    }
    setFilter(rangeFilter(scan, choice, y.invert(bottom), y.invert(top)));
  };
  const brushed = filter?.range?.layer === choice && filter.dataset === scan.dataset ? filter.range : null;
  const shown = drag ?? (brushed && { from: y(brushed.high), to: y(brushed.low) });
  const band = scan.base?.band;
  const path = line<number>()
    .x((_, i) => x(i))
    .y((m) => y(Math.max(m, 1)));
  return (
    <figure className="analysis-figure" data-testid="maxima-panel">
      <figcaption>Largest ratio per molecule, every layer, over the base model’s band</figcaption>
      <svg
        ref={svg}
        className="chart maxima-chart"
        viewBox={`0 0 ${SIZE.width} ${SIZE.height}`}
        role="img"
        aria-label="Sorted per-molecule maximum ratios; drag vertically to filter the molecule list, click a line to open that molecule; arrow keys move the readout, Enter opens it"
        tabIndex={0}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          setDrag({ from: pointerY(e), to: pointerY(e) });
        }}
        onPointerMove={(e) => {
          setHover(rankAt(e));
          if (drag) setDrag({ ...drag, to: pointerY(e) });
        }}
        onPointerLeave={() => setHover(null)}
        onPointerUp={commit}
        onKeyDown={(e) => {
          const step = { ArrowLeft: -1, ArrowRight: 1, PageDown: -25, PageUp: 25 }[e.key];
          if (step && order.length) {
            e.preventDefault();
            e.stopPropagation();
            setHover(Math.min(Math.max((hover ?? order.length - 1) + step, 0), order.length - 1));
          } else if (e.key === 'Enter' && hover !== null) openMolecule(order[hover]);
        }}
        onBlur={() => setHover(null)}
      >
        <Axes {...scales} graphs={scan.graphs} />
        {band && band.min !== null && (
          <rect
            className="base-band"
            data-testid="base-band"
            data-min={band.min}
            data-max={band.max ?? Infinity}
            x={MARGIN.left}
            width={SIZE.width - MARGIN.left - MARGIN.right}
            y={y(band.max ?? y.domain()[1])}
            height={y(band.min) - y(band.max ?? y.domain()[1])}
          />
        )}
        {scan.layers.map((l, i) =>
          i === layer ? null : <path key={i} className="maxima-line" d={path(Array.from(l.curve)) ?? ''} />,
        )}
        <path
          className="maxima-line maxima-line-shown"
          data-testid="maxima-shown"
          d={path(Array.from(scan.layers[layer].curve)) ?? ''}
        />
        <line
          className="threshold-line"
          x1={MARGIN.left}
          x2={SIZE.width - MARGIN.right}
          y1={y(scan.threshold)}
          y2={y(scan.threshold)}
        />
        <text className="threshold-label" x={MARGIN.left + 4} y={y(scan.threshold) - 4}>
          threshold {formatTick(scan.threshold)}
        </text>
        {shown && (
          <rect
            className="brush"
            data-testid="maxima-brush"
            x={MARGIN.left}
            width={SIZE.width - MARGIN.left - MARGIN.right}
            y={Math.min(shown.from, shown.to)}
            height={Math.abs(shown.to - shown.from)}
          />
        )}
        {hover !== null && <Readout x={x(hover)} y={y(Math.max(scan.layers[layer].perGraphMax[order[hover]], 1))} />}
      </svg>
      <ul className="chart-legend" aria-label="Legend">
        <li>
          <svg width={16} height={10} aria-hidden="true">
            <line className="key-shown" x1={0} x2={16} y1={5} y2={5} />
          </svg>
          layer {layer + 1}
        </li>
        <li>
          <svg width={16} height={10} aria-hidden="true">
            <line className="key-other" x1={0} x2={16} y1={5} y2={5} />
          </svg>
          other layers
        </li>
        {band && band.min !== null && (
          <li>
            <svg width={14} height={10} aria-hidden="true">
              <rect className="base-band" width={14} height={10} />
            </svg>
            base model, all layers
          </li>
        )}
      </ul>
      <p className="muted chart-hint maxima-readout" data-testid="maxima-readout" aria-live="polite">
        {hover !== null
          ? `Molecule #${order[hover]}: largest ratio ${formatRatio(scan.layers[layer].perGraphMax[order[hover]])} in layer ${layer + 1} (rank ${hover + 1} of ${order.length}). Click or press Enter to open it.`
          : 'Hover (or focus and use ←/→) to read a molecule; click to open it; drag up or down to list a ratio range.'}
      </p>
    </figure>
  );
}

function Readout({ x, y }: { x: number; y: number }) {
  return (
    <g className="maxima-hover" pointerEvents="none">
      <line x1={x} x2={x} y1={MARGIN.top} y2={BOTTOM} />
      <circle cx={x} cy={y} r={3.5} />
    </g>
  );
}
