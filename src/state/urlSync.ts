/**
 * The store and the address bar: a link's hash is read into the store once at start (and again when the person
 * edits the hash), and every change of the state a link carries replaces the hash (replaceState: no history
 * entry per keystroke). What a link asked for but could not have becomes a notice.
 */
import type { AppState, AppStore } from './store';
import { decodeUrl, describeIgnored, encodeUrl, URL_FIELDS, type DecodedUrl, type UrlState } from './urlState';

/** The part of the state a link carries. */
export function urlStateOf(state: AppState): UrlState {
  return Object.fromEntries(URL_FIELDS.map((f) => [f.state, state[f.state]])) as unknown as UrlState;
}

/** The shareable address of the current state. */
export function shareUrl(state: AppState, location: Pick<Location, 'origin' | 'pathname' | 'search'>): string {
  return `${location.origin}${location.pathname}${location.search}#${encodeUrl(urlStateOf(state))}`;
}

/** Puts a link's state into the store (defaults for what it lacks) and says what it did not use. */
export function restoreFromUrl(store: AppStore, hash: string): DecodedUrl {
  const decoded = decodeUrl(hash);
  const before = store.getState();
  const sameData =
    before.datasetName === decoded.state.datasetName && before.split === decoded.state.split && !before.userDataset;
  store.setState({
    ...decoded.state,
    smilesRequest: null,
    hoveredBond: null,
    userDataset: null,
    ...(!sameData && { listing: null, datasetInfo: null, moleculeQuery: '', visibleMolecules: new Int32Array(0) }),
  });
  const notice = describeIgnored(decoded.ignored);
  if (notice) store.getState().addNotices([notice]);
  // With the dataset already loaded nothing reloads, so check the model and row against what is there now.
  const state = store.getState();
  if (sameData && state.modelEntries.length && state.modelEntries[0].dataset === state.datasetName)
    state.modelsListed(state.modelEntries);
  if (sameData && state.listing && state.datasetInfo) state.datasetLoaded(state.datasetInfo, state.listing);
  return decoded;
}

type UrlWindow = Pick<Window, 'location' | 'history' | 'addEventListener' | 'removeEventListener'>;

/**
 * Keeps the hash in step with the store; returns the function that stops it. Writes wait `delayMs` and coalesce:
 * encoding and replaceState are kept off the path from a click to its painted result.
 */
export function startUrlSync(store: AppStore, win: UrlWindow, { delayMs = 120 } = {}): () => void {
  let written = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const hash = `#${encodeUrl(urlStateOf(store.getState()))}`;
    if (hash === written) return;
    written = hash;
    win.history.replaceState(win.history.state, '', hash);
  };
  const onHashChange = () => {
    if (win.location.hash === written) return;
    restoreFromUrl(store, win.location.hash);
    write();
  };
  const carried = (state: AppState) => URL_FIELDS.some((f) => state[f.state] !== lastCarried[f.state]);
  let lastCarried: AppState = store.getState();
  const unsubscribe = store.subscribe((state) => {
    if (!carried(state)) return; // hover, results, progress: nothing a link carries
    lastCarried = state;
    timer ??= setTimeout(write, delayMs);
  });
  win.addEventListener('hashchange', onHashChange);
  write();
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
    win.removeEventListener('hashchange', onHashChange);
  };
}
