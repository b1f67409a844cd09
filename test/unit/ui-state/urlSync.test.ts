/** The store and the address bar: a link restores its state, changes replace the hash, a bad link notifies. */
import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../../src/state/store';
import { restoreFromUrl, shareUrl, startUrlSync } from '../../../src/state/urlSync';

function fakeWindow(hash = '') {
  const listeners = new Map<string, () => void>();
  const win = {
    location: { hash, origin: 'http://x', pathname: '/', search: '?backend=wasm' },
    history: {
      state: null,
      replaceState: vi.fn((_state: unknown, _title: string, url: string) => {
        win.location.hash = url;
      }),
    },
    addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
    removeEventListener: (type: string) => listeners.delete(type),
  };
  return { win, fire: (type: string) => listeners.get(type)?.() };
}

describe('the URL and the store', () => {
  it('restores a link’s state and shares the same link back', () => {
    const store = createAppStore();
    const hash =
      '#v=1&ds=tox21&split=val&i=4&m=base:small-san-tox21&layer=2&thr=300&color=attribution&attr=gxi' +
      '&abl=remove-bond:3,randomize&bond=3&panels=about';
    const decoded = restoreFromUrl(store, hash);
    expect(decoded.ignored).toEqual([]);
    const s = store.getState();
    expect([s.datasetName, s.split, s.moleculeIndex, s.modelEntryId, s.layer, s.threshold]).toEqual([
      'tox21',
      'val',
      4,
      'base:small-san-tox21',
      1,
      300,
    ]);
    expect([s.colorMode, s.attributionMethod, s.selectedBond, s.openPanels]).toEqual([
      'attribution',
      'gradInput',
      3,
      ['about'],
    ]);
    expect(s.ablations).toEqual([{ kind: 'remove-bond', bond: 3 }, { kind: 'randomize' }]);
    expect(s.notices).toEqual([]);
    expect(shareUrl(s, { origin: 'http://x', pathname: '/app/', search: '' })).toBe(`http://x/app/${hash}`);
  });

  it('loads the defaults with a notice for a bad link', () => {
    const store = createAppStore();
    restoreFromUrl(store, '#v=1&ds=chembl&thr=abc&zzz=1');
    const s = store.getState();
    expect([s.datasetName, s.threshold]).toEqual(['zinc', 1000]);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0]).toMatch(/ds=chembl.*thr=abc.*zzz=1 \(unknown key\)/);
  });

  it('replaces the hash when the linked state changes (coalesced), not on hover, and follows a hand-edited hash', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const { win, fire } = fakeWindow('#v=1&thr=50');
    restoreFromUrl(store, win.location.hash);
    const stop = startUrlSync(store, win as unknown as Window, { delayMs: 100 });
    expect(win.history.replaceState).toHaveBeenCalledTimes(1);
    expect(win.location.hash).toBe('#v=1&ds=zinc&split=test&i=0&layer=max&thr=50&color=ma&attr=occ');
    store.getState().hoverBond(3);
    vi.advanceTimersByTime(200);
    expect(win.history.replaceState).toHaveBeenCalledTimes(1);
    store.getState().setThreshold(60);
    store.getState().setThreshold(600);
    expect(win.history.replaceState).toHaveBeenCalledTimes(1); // not yet: writes wait and coalesce
    vi.advanceTimersByTime(100);
    expect(win.history.replaceState).toHaveBeenCalledTimes(2);
    expect(win.location.hash).toContain('thr=600');
    win.location.hash = '#v=1&thr=7&color=attribution';
    fire('hashchange');
    expect(store.getState().threshold).toBe(7);
    expect(store.getState().colorMode).toBe('attribution');
    stop();
    store.getState().setThreshold(8);
    vi.advanceTimersByTime(200);
    expect(win.location.hash).toContain('thr=7');
    vi.useRealTimers();
  });
});
