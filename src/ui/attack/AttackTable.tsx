/** The attack's numbers per model, source and σ: both losses, GAIN, the ascent epochs and why the ascent stopped. */
import { formatGain, formatLoss, shortLabel, type AttackSeries } from './attackSeries';

const STOP_REASONS = { 'max-epochs': 'limit', 'min-lr': 'lr < 1e-6', cancelled: 'cancelled' } as const;

export function AttackTable({ series }: { series: AttackSeries[] }) {
  return (
    <div className="compare-table-wrap attack-table-wrap">
      <table className="compare-table attack-table" data-testid="attack-table">
        <thead>
          <tr>
            <th scope="col">model</th>
            <th scope="col">σ</th>
            <th scope="col">L_rand</th>
            <th scope="col">L_opt</th>
            <th scope="col">GAIN</th>
            <th scope="col">epochs</th>
            <th scope="col" title="why the ascent stopped: the epoch limit, lr below 1e-6 (the paper's end), or Cancel">
              stop
            </th>
          </tr>
        </thead>
        <tbody>
          {series.flatMap((s) =>
            s.results.map((r) => (
              <tr
                key={`${s.key}:${r.sigma}`}
                data-testid="attack-row"
                data-model={s.modelEntry}
                data-source={s.source}
                data-sigma={r.sigma}
                data-loss-random={r.lossRandom}
                data-loss-optimised={r.lossOptimised}
                data-stop={r.stopReason}
              >
                <th scope="row" title={`${s.label} (${s.note})`}>
                  <span className="attack-swatch" style={{ background: s.color }} aria-hidden="true" /> {shortLabel(s)}
                </th>
                <td>{r.sigma}</td>
                <td>{formatLoss(r.lossRandom)}</td>
                <td>{formatLoss(r.lossOptimised)}</td>
                <td data-gain={r.gain}>{formatGain(r.gain)}</td>
                <td>{r.epochs}</td>
                <td>{STOP_REASONS[r.stopReason]}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
