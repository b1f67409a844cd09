/** The export's metadata and caption, read from the app state (pure; the buttons call it). */
import type { MoleculeAnalysis, MoleculeAttribution } from '../../engine/api';
import { ablationToken } from '../../state/ablations';
import { moleculeRefOf, selectModelEntry } from '../../state/selectors';
import type { AppState } from '../../state/store';
import { METHOD_LABELS } from '../attributionColorScale';
import type { ExportMetadata } from './serialize';
import { describeCriterion, layerCutoffs } from '../../ma/criterion';
import { criterionOf, referenceOf } from '../../state/criterionView';

export function datasetLabel(state: AppState): string {
  const family = state.datasetName.toUpperCase();
  if (state.smiles !== null) return `typed SMILES, featurised for ${family} models`;
  if (state.userDataset) return `${state.userDataset.title}, featurised for ${family} models`;
  return `${state.datasetInfo?.title ?? family} ${state.split}`;
}

export function exportMetadata(
  state: AppState,
  analysis: MoleculeAnalysis,
  attribution: MoleculeAttribution | null,
): ExportMetadata {
  const entry = selectModelEntry(state);
  const drawing = state.drawingResult.value;
  return {
    model: { id: analysis.modelEntry, label: entry?.label ?? analysis.modelEntry },
    dataset: datasetLabel(state),
    molecule: { title: drawing?.title ?? '', smiles: drawing?.smiles ?? null, ref: moleculeRefOf(state) },
    threshold: state.threshold,
    criterion: {
      kind: state.criterionKind,
      description: describeCriterion(criterionOf(state)),
      cutoffs: layerCutoffs(criterionOf(state), analysis.numLayers, referenceOf(state, analysis.modelEntry)).map((c) =>
        Number.isFinite(c) ? c : null,
      ),
    },
    layerShown: state.layer === 'max' ? 'max' : state.layer + 1,
    ablations: state.ablations.map(ablationToken),
    backend: analysis.backend,
    attribution: attribution
      ? { target: attribution.target, targetName: attribution.targetName, prediction: attribution.prediction }
      : null,
  };
}

/** The lines above the exported picture: what is drawn, by which model, coloured by what. */
export function exportCaption(state: AppState, attribution: MoleculeAttribution | null): string[] {
  const drawing = state.drawingResult.value;
  const entry = selectModelEntry(state);
  const layer = state.layer === 'max' ? 'maximum over layers' : `layer ${state.layer + 1}`;
  const colour =
    state.colorMode === 'attribution' && attribution
      ? `Bonds: ${METHOD_LABELS[state.attributionMethod]} of ${attribution.targetName}; atoms shaded lightly by ` +
        `${state.attributionMethod === 'gradInput' ? 'gradient × input' : 'integrated gradients'} on atom embeddings`
      : `Bonds: MA ratio max|s| / median|s| (${layer}), massive: ${describeCriterion(criterionOf(state))}`;
  const ablations = state.ablations.length ? ` · ablations: ${state.ablations.map(ablationToken).join(', ')}` : '';
  return [
    `${drawing?.title ?? 'Molecule'}${drawing?.smiles ? ` · ${drawing.smiles}` : ''}`,
    `${entry?.label ?? state.modelEntryId ?? ''} · ${datasetLabel(state)}${ablations}`,
    colour,
  ];
}
