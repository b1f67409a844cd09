/**
 * "My data": what this browser keeps for the person across reloads (datasets they dropped, checkpoints they opened
 * or trained), with sizes, to open again or delete. Everything stays on this machine (IndexedDB). Names are shown
 * as text, never as HTML.
 */
import { useEffect } from 'react';
import type { KeptItem } from '../../storage/keptStore';
import { isTrainingActive } from '../../state/slices/trainingSlice';
import { unfinishedRun } from '../../state/keptRuns';
import { useAppStore } from '../StoreContext';
import './myData.css';

const KIND_LABEL: Record<KeptItem['kind'], string> = {
  dataset: 'molecules',
  checkpoint: 'model',
  run: 'training run',
  analysis: 'analysis',
};

export const formatBytes = (bytes: number) =>
  bytes < 1e3 ? `${bytes} B` : bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;

export function MyDataPanel() {
  const kept = useAppStore((s) => s.kept);
  const message = useAppStore((s) => s.keptMessage);
  const refreshKept = useAppStore((s) => s.refreshKept);
  const openKept = useAppStore((s) => s.openKept);
  const forgetKept = useAppStore((s) => s.forgetKept);
  const resumeKeptRun = useAppStore((s) => s.resumeKeptRun);
  const training = useAppStore((s) => isTrainingActive(s.trainingRun));
  useEffect(() => {
    void refreshKept();
  }, [refreshKept]);
  const total = kept.reduce((n, k) => n + k.size, 0);
  return (
    <section className="my-data" data-testid="my-data" aria-label="My data">
      <h2 className="my-data-title">
        My data{' '}
        <span className="muted">
          ({kept.length ? `${kept.length} kept, ${formatBytes(total)}` : 'nothing kept yet'})
        </span>
      </h2>
      {kept.length > 0 && (
        <ul className="my-data-list">
          {kept.map((item) => (
            <li key={item.id} data-testid={`kept-${item.id}`} data-kind={item.kind}>
              <span className="my-data-name" title={`kept ${new Date(item.created).toLocaleString()}`}>
                {item.name}
              </span>{' '}
              <span className="muted">
                {KIND_LABEL[item.kind]} · {formatBytes(item.size)}
              </span>{' '}
              <button
                type="button"
                className="link-button"
                data-testid={`kept-open-${item.id}`}
                onClick={() => void openKept(item.id)}
              >
                open
              </button>{' '}
              {unfinishedRun(item) && (
                <>
                  <button
                    type="button"
                    className="link-button"
                    data-testid={`kept-resume-${item.id}`}
                    disabled={training}
                    title="Go on training from the last finished epoch"
                    onClick={() => void resumeKeptRun(item.id)}
                  >
                    resume
                  </button>{' '}
                </>
              )}
              <button
                type="button"
                className="link-button"
                data-testid={`kept-delete-${item.id}`}
                onClick={() => void forgetKept(item.id)}
              >
                delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p className="field-error" role="alert" data-testid="my-data-error">
          {message}
        </p>
      )}
    </section>
  );
}
