/**
 * GraphiT layer (Mialon et al. 2021), the "GraphiT-GT" variant of gnn-lspe as the paper ran it (docs/METHOD.md §4).
 *
 * With full_graph = false the diffusion-kernel weighting never runs, so the layer is line for line the sparse
 * SAN layer: s = K_src ⊙ Q_dst / sqrt(d) ⊙ E(e0), the same aggregation, O_h, FFN_h and BatchNorm, e0 reused in
 * every layer. GraphiT differs from SAN only in its hyperparameters (config.ts presets).
 */
export { sanLayer as graphitLayer } from './san';
