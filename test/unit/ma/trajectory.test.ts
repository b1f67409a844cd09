/** A run's MA trajectory (src/ma/trajectory.ts) on small hand-made histories. */
import { describe, expect, it } from 'vitest';
import { maTrajectory } from '../../../src/ma/trajectory';

const epoch = (n: number, ...ratios: (number | null)[]) => ({
  epoch: n,
  layers: ratios.map((maxRatio) => ({ maxRatio })),
});

describe('maTrajectory', () => {
  it('finds the first epoch and layer above the threshold, the peak, and the end', () => {
    const history = [
      epoch(1, 50, 80, null),
      epoch(2, 900, 1200, 1500), // first above 1000: epoch 2, layer 2 (the first layer past it)
      epoch(3, 4000, 100, 200), // peak
      epoch(4, 4000, 3000, 10), // ties the peak: the first stays
      epoch(5, 300, 2500, 2500), // end: the first of the tied layers
    ];
    expect(maTrajectory(history)).toEqual({
      firstAbove: { epoch: 2, layer: 2 },
      peak: { ratio: 4000, epoch: 3, layer: 1 },
      end: { ratio: 2500, epoch: 5, layer: 2 },
    });
    expect(maTrajectory(history, 3500)?.firstAbove).toEqual({ epoch: 3, layer: 1 });
  });

  it('says never when no ratio passes, and nothing for an empty history', () => {
    const t = maTrajectory([epoch(7, 10, null), epoch(8, null, 1000)]);
    expect(t?.firstAbove).toBeNull(); // 1000 itself does not pass 1000
    expect(t?.peak).toEqual({ ratio: 1000, epoch: 8, layer: 2 });
    expect(maTrajectory([])).toBeNull();
  });
});
