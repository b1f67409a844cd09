/** Massive-activation statistics (docs/METHOD.md §8, §10.1): plain typed arrays in, numbers and typed arrays out. */
export * from './bondRatios';
export * from './bondTypes';
export * from './curves';
export * from './distribution';
export * from './distributionStats';
export * from './edgeRatios';
export * from './gamma';
export * from './gammaFit';
export * from './incompleteGamma';
export * from './kolmogorovSmirnov';
export * from './layerSummary';
export * from './median';
export * from './nelderMead';
export * from './orderedSample';
export * from './criterion';
export * from './attentionTop';
export * from './nodeRatios';
