/**
 * Under the attribution legend: how the atoms are shaded (the bonds' own method, on the atoms' own ± scale, with
 * a small legend of that scale), or why they are not (occlusion and MA ablation have no per-atom form).
 */
import type { AttributionMethod, MoleculeAttribution } from '../../engine/api';
import { METHOD_LABELS } from '../attributionColorScale';
import { formatSigned } from '../format';
import { atomMethodFor, atomScaleFor } from './atomShading';

export function AtomShadeNote({
  attribution,
  method,
}: {
  attribution: MoleculeAttribution | null;
  method: AttributionMethod;
}) {
  if (!attribution) return null;
  const atomMethod = atomMethodFor(method);
  if (!atomMethod)
    return (
      <p className="atom-shade-note" data-testid="atom-shade-note">
        Atoms are not shaded: {METHOD_LABELS[method]} scores bonds only. Pick gradient × input or integrated gradients
        to shade the atoms by the same method.
      </p>
    );
  if (!attribution.computed.includes(atomMethod)) return null;
  const scale = atomScaleFor(attribution, atomMethod);
  const extent = scale.extent;
  return (
    <p className="atom-shade-note" data-testid="atom-shade-note">
      Atoms: {METHOD_LABELS[method]} on the atom embeddings, lightly, on their own scale{' '}
      <span className="atom-scale" aria-hidden="true">
        <i style={{ background: scale.color(-extent || -1) }} />
        <i style={{ background: scale.color(0) }} />
        <i style={{ background: scale.color(extent || 1) }} />
      </span>{' '}
      ±{formatSigned(extent).replace('+', '')}.
    </p>
  );
}
