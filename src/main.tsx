import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectEngine } from './state/engineConnection';
import { createAppStore } from './state/store';
import { restoreFromUrl, startUrlSync } from './state/urlSync';
import { App } from './ui/App';
import { startInteractionTiming } from './ui/interactionTiming';
import { StoreContext } from './ui/StoreContext';
import './ui/app.css';

const store = createAppStore();
// A link's state goes in before the engine starts, so the first dataset and molecule loaded are the link's.
restoreFromUrl(store, window.location.hash);
// Without a link the page opens on the recorded view where the active criterion flags bonds (first view); any
// link, even a bare `#v=1`, is shown as it asks.
if (window.location.hash.length <= 1) store.setState({ firstViewPending: true });
startInteractionTiming(store, { fromLink: window.location.hash.length > 1 });
const engine = connectEngine(store, window.location.search);
startUrlSync(store, window);

// A console handle for the curious (and the end-to-end tests): `await maExplorer.engine.info()`.
Object.assign(window, { maExplorer: { engine, store } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
