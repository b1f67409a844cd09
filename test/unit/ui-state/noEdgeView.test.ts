/** Opening a NoEdge model colours the atoms by node MA ratio; leaving it goes back to bond ratios; other modes stay. */
import { describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../src/engine/api';
import { startNoEdgeView } from '../../../src/state/noEdgeView';
import { createAppStore } from '../../../src/state/store';

const entry = (id: string, noEdge = false): ModelEntry => ({
  id,
  label: id,
  detail: '',
  dataset: 'zinc',
  model: 'gt',
  state: 'base',
  layers: 2,
  heads: 2,
  hidden: 4,
  ...(noEdge && { noEdge }),
});

describe('the NoEdge default colour mode', () => {
  it('switches to node for a NoEdge model and back to ma after it, leaving other choices alone', () => {
    const store = createAppStore();
    const stop = startNoEdgeView(store);
    const [gt, noEdge] = [entry('ckpt:gt-zinc-base'), entry('ckpt:gt-zinc-noedge-base', true)];
    store.setState({ modelEntries: [gt, noEdge], modelEntryId: gt.id });
    expect(store.getState().colorMode).toBe('ma');
    store.setState({ modelEntryId: noEdge.id });
    expect(store.getState().colorMode).toBe('node');
    store.setState({ modelEntryId: gt.id });
    expect(store.getState().colorMode).toBe('ma');
    store.setState({ colorMode: 'attribution' });
    store.setState({ modelEntryId: noEdge.id });
    expect(store.getState().colorMode).toBe('attribution');
    stop();
  });
});
