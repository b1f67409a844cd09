import { useRef } from 'react';
import { useOverlay } from './overlays';
import { useAppStore } from './StoreContext';

/** Plain-words explanations; each section has an anchor so other panels can link to it. */
export function AboutPanel() {
  const open = useAppStore((s) => s.openPanels.includes('about'));
  const setPanelOpen = useAppStore((s) => s.setPanelOpen);
  const aside = useRef<HTMLElement>(null);
  useOverlay(
    open,
    () => setPanelOpen('about', false),
    // The header's controls count as inside: sharing a link with About open keeps it open (and in the link).
    () => [aside.current, document.querySelector('.app-header')],
    {
      outsideClick: true,
    },
  );
  if (!open) return null;
  return (
    <aside
      ref={aside}
      id="about-panel"
      className="about-panel"
      aria-label="About MA Explorer"
      data-testid="about-panel"
    >
      <div className="about-head">
        <h2>About</h2>
        <button type="button" onClick={() => setPanelOpen('about', false)} aria-label="Close About">
          ×
        </button>
      </div>
      <section id="about-mas">
        <h3>Massive activations</h3>
        <p>
          In an attention layer every bond (edge) gets a score vector, one number per feature. Usually these numbers are
          of similar size. A <em>massive activation</em> is a feature that is hundreds or thousands of times larger than
          the median feature of the same edge. We measure each edge by the ratio max|x| / median|x| and call it massive
          above a threshold (1000 by default, as in the paper).
        </p>
      </section>
      <section id="about-view">
        <h3>Reading the molecule view</h3>
        <p>
          Each bond has two directed edges (one per direction of the message). A bond’s colour is the larger of their
          two ratios, in the chosen layer or the highest over all layers, on a log scale; bonds above the threshold get
          a wider band. Click a bond to see its ratio in every layer, the score of every feature dimension (grouped by
          attention head, massive ones marked with a triangle) and its attention weight per head. Untrained (base)
          models show the level that training is compared against.
        </p>
      </section>
      <section id="about-ablations">
        <h3>Ablations, attributions and links</h3>
        <p>
          The ablation buttons re-run the model without a bond, without the massive features of one bond or of all
          bonds, with random bond types or with a global node; they stack, and Undo (or u) takes the last one off. The
          prediction then shows its change. Colour the bonds by attribution to see which bonds push the prediction up
          (orange) or down (purple), by occlusion, MA ablation, gradient × input or integrated gradients. Share copies a
          link that brings back exactly this view.
        </p>
      </section>
      <section id="about-paper">
        <h3>The paper</h3>
        <p>
          Bini, Sorbi and Marchand-Maillet, “Characterizing Massive Activations of Attention Mechanism in Graph Neural
          Networks” (arXiv 2409.03463). They find such activations in GraphTransformer, GraphiT and SAN after training
          on ZINC, TOX21 and PROTEINS, detect them against the Gamma-shaped distribution of an untrained model, and show
          that they sit on common bond types and move when edges are ablated.
        </p>
      </section>
      <section id="about-ebt">
        <h3>Explicit Bias Term (EBT)</h3>
        <p>
          Learnable bias terms for the keys, values and edge scores of every attention layer, proposed in the paper as a
          countermeasure: models trained with them are reported to keep activation magnitudes stable. Compare an EBT
          model with its plain twin here to see whether that holds.
        </p>
      </section>
      <section id="about-departures">
        <h3>What this app does differently</h3>
        <ul>
          <li>Everything runs on your machine: TensorFlow.js on WebGPU (else WebAssembly, else plain JavaScript).</li>
          <li>
            PROTEINS is the TU benchmark as a stand-in for ogbn-proteins, with a derived edge type; its models train on
            64 whole graphs a batch (the paper's 512 counted sampled subgraphs).
          </li>
          <li>
            Bundled models are shorter-trained than the paper's (GT on TOX21 is also narrower) and stored in float16;
            each says how it was trained, and its metrics are those of the stored weights.
          </li>
          <li>
            The shipped SAN and GraphiT EBT models use the intended form; the released code's form, whose second exp
            overwrites the attention weights (a plain mean over each atom's edges), is a config option (ebtForm:
            &quot;paper&quot;): the CLI trains, imports and exports it, and a checkpoint that carries it opens here.
            Where paper-form checkpoints are served (&quot;SAN + EBT (paper form)&quot;), the findings tour sets them
            beside the intended form.
          </li>
          <li>
            The NoEdge GT (no edge features in attention, the v3 code's control) is measured on nodes, as the paper
            logged only its node tensor: each atom&apos;s max|h| / median|h| of its attention output (the &quot;node MA
            ratio&quot; colour).
          </li>
        </ul>
      </section>
    </aside>
  );
}
