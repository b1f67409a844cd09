/** Which bundled dataset and split to browse. */
import type { BundledDatasetName, SplitName } from '../../engine/api';
import { useAppStore } from '../StoreContext';

const DATASETS: { name: BundledDatasetName; label: string }[] = [
  { name: 'zinc', label: 'ZINC 12k' },
  { name: 'tox21', label: 'TOX21' },
  { name: 'proteins', label: 'PROTEINS' },
];
const SPLITS: SplitName[] = ['test', 'val', 'train'];

export function DatasetPicker() {
  const datasetName = useAppStore((s) => s.datasetName);
  const split = useAppStore((s) => s.split);
  const info = useAppStore((s) => s.datasetInfo);
  const chooseDataset = useAppStore((s) => s.chooseDataset);
  const chooseSplit = useAppStore((s) => s.chooseSplit);
  return (
    <div className="dataset-picker">
      <label className="field" title={info?.description}>
        <span>Dataset</span>
        <select
          data-testid="dataset-select"
          value={datasetName}
          onChange={(e) => chooseDataset(e.target.value as BundledDatasetName)}
        >
          {DATASETS.map((d) => (
            <option key={d.name} value={d.name}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-narrow">
        <span>Split</span>
        <select data-testid="split-select" value={split} onChange={(e) => chooseSplit(e.target.value as SplitName)}>
          {SPLITS.map((s) => (
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
