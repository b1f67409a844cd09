/**
 * Drives the explorer the way a person does, one interaction at a time, each waiting for its result on screen:
 * the app records a `ma:<interaction>` performance measure when the result of an interaction is painted
 * (src/ui/interactionTiming.ts). Shared by the tensor-leak e2e test and the UI benchmark (scripts/bench).
 */
import type { Page } from 'playwright-core';

export type Step = 'bond-click' | 'remove-bond' | 'undo' | 'next-molecule';
/** The measure each step waits for. */
const MEASURE: Record<Step, string> = {
  'bond-click': 'ma:bond-click',
  'remove-bond': 'ma:ablation-toggle',
  undo: 'ma:ablation-toggle',
  'next-molecule': 'ma:next-molecule-colored',
};
/** One cycle: select a bond, remove it, undo, go to the next molecule. */
export const CYCLE: Step[] = ['bond-click', 'remove-bond', 'undo', 'next-molecule'];

export const measureCount = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(n).length, name);

/** Durations (ms) of every `ma:<name>` measure so far, oldest first. */
export const measures = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(`ma:${n}`).map((e) => e.duration), name);

/** Waits for the page's first coloured molecule. */
export async function firstColoredMolecule(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('ma:first-colored-molecule').length > 0, null, {
    timeout,
  });
}

/** Performs one step and waits until its result is painted. */
export async function perform(page: Page, step: Step, index: number, timeout = 60_000): Promise<void> {
  const name = MEASURE[step];
  const before = await measureCount(page, name);
  if (step === 'bond-click') {
    const bonds = await page.locator('g.bond[data-testid^="bond-"]').count();
    const selected = await page.evaluate(
      () =>
        (
          window as unknown as { maExplorer: { store: { getState(): { selectedBond: number | null } } } }
        ).maExplorer.store.getState().selectedBond,
    );
    let bond = index % bonds;
    if (bond === selected) bond = (bond + 1) % bonds;
    await page.getByTestId(`bond-${bond}`).click();
  } else if (step === 'remove-bond') await page.getByTestId('ablation-remove-bond').click();
  else if (step === 'undo') await page.getByTestId('ablation-undo').click();
  else await page.getByTestId('molecule-next').click();
  await page.waitForFunction(
    ([n, c]) => performance.getEntriesByName(n as string).length > (c as number),
    [name, before],
    {
      timeout,
    },
  );
}

/** `count` interactions, cycling through CYCLE. */
export async function interact(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await perform(page, CYCLE[i % CYCLE.length], Math.floor(i / CYCLE.length));
}
