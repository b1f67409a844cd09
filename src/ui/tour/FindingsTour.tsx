/**
 * The findings tour (findings.ts): six to ten steps, each a sentence and one click (finding-<n>) that sets the
 * view through its link; the active step shows its number as the view computes it, and says when our models do
 * not reproduce the claim.
 */
import { useMemo, useState } from 'react';
import { useAppStore } from '../StoreContext';
import { buildFindings } from './findings';

export function FindingsTour() {
  const dataset = useAppStore((s) => s.datasetName);
  const scans = useAppStore((s) => (s.recordedScans?.dataset === s.datasetName ? s.recordedScans.scans : null));
  const requestScan = useAppStore((s) => s.requestScan);
  const entries = useAppStore((s) => s.modelEntries);
  const findings = useMemo(
    () => (scans?.length ? buildFindings(dataset, scans, entries) : []),
    [dataset, scans, entries],
  );
  const [active, setActive] = useState<number | null>(null);
  const scanResult = useAppStore((s) => s.scanResult);
  const compareResults = useAppStore((s) => s.compareResults);
  const analysisResult = useAppStore((s) => s.analysisResult);
  const measured =
    active !== null && findings[active]
      ? findings[active].measure({ scanResult, compareResults, analysisResult })
      : null;
  if (findings.length === 0) return null;
  return (
    <details className="findings-tour" data-testid="findings-tour">
      <summary>Findings tour: the paper’s claims on these models</summary>
      <ol>
        {findings.map((f, n) => (
          <li key={n} className={n === active ? 'finding-active' : undefined}>
            <button
              type="button"
              data-testid={`finding-${n}`}
              data-link={f.link}
              onClick={() => {
                setActive(n);
                window.location.hash = f.link;
                if (f.scan) setTimeout(requestScan, 0);
              }}
            >
              Show
            </button>{' '}
            {f.claim}
            {n === active && (
              <div
                className="finding-measure"
                data-testid={`finding-${n}-value`}
                data-reproduced={measured ? String(measured.reproduced) : ''}
              >
                {measured
                  ? `${measured.text}. ${measured.reproduced ? 'Our models agree.' : 'Our models do not reproduce this.'}`
                  : f.scan
                    ? 'Measuring over the test split (in the dataset analysis view)…'
                    : 'Measuring…'}
              </div>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
