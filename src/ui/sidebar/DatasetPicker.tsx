/** Which bundled dataset and split to browse. */
import type { BundledDatasetName, SplitName } from '../../engine/api';
import { useAppStore } from '../StoreContext';

const DATASETS: { name: BundledDatasetName; label: string }[] = [
  { name: 'zinc', label: 'ZINC 12k' },
  { name: 'tox21', label: 'TOX21' },
  { name: 'proteins', label: 'PROTEINS' },
];
const SPLITS: SplitName[] = ['test', 'val', 'train'];
/** The dataset select's value while the person's own file is shown. */
const USER_FILE = 'user-file';

export function DatasetPicker() {
  const datasetName = useAppStore((s) => s.datasetName);
  const split = useAppStore((s) => s.split);
  const info = useAppStore((s) => s.datasetInfo);
  const chooseDataset = useAppStore((s) => s.chooseDataset);
  const chooseSplit = useAppStore((s) => s.chooseSplit);
  const userFile = useAppStore((s) => s.userDataset?.title ?? null);
  return (
    <div className="dataset-picker">
      <label className="field" title={info?.description}>
        <span>Dataset</span>
        <select
          data-testid="dataset-select"
          value={userFile === null ? datasetName : USER_FILE}
          onChange={(e) => {
            if (e.target.value !== USER_FILE) chooseDataset(e.target.value as BundledDatasetName);
          }}
        >
          {userFile !== null && <option value={USER_FILE}>Your file: {userFile}</option>}
          {DATASETS.map((d) => (
            <option key={d.name} value={d.name}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-narrow">
        <span>Split</span>
        <select
          data-testid="split-select"
          value={split}
          disabled={userFile !== null}
          onChange={(e) => chooseSplit(e.target.value as SplitName)}
        >
          {userFile !== null && <option value={split}>whole file</option>}
          {(userFile === null ? SPLITS : []).map((s) => (
            <option key={s} value={s}>
              {s}
              {info ? ` (${info.splits[s].toLocaleString('en')})` : ''}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
