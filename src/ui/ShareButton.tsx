/**
 * Journey 4: a link to exactly this view. The button copies it to the clipboard where the browser allows, and
 * always shows it in a read-only field (headless browsers and insecure origins have no clipboard).
 */
import { useContext, useEffect, useRef, useState } from 'react';
import { shareUrl } from '../state/urlSync';
import { useOverlay } from './overlays';
import { StoreContext } from './StoreContext';
import { showToast } from './Toasts';

type CopyStatus = 'copying' | 'copied' | 'manual';

export function ShareButton() {
  const store = useContext(StoreContext);
  const [shared, setShared] = useState<{ url: string; status: CopyStatus } | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useOverlay(
    shared !== null,
    () => setShared(null),
    () => [popover.current, button.current],
    { outsideClick: true },
  );

  useEffect(() => field.current?.select(), [shared?.url]);

  const share = () => {
    if (!store) return;
    const url = shareUrl(store.getState(), window.location);
    setShared({ url, status: 'copying' });
    const done = (status: CopyStatus) => {
      setShared((s) => (s?.url === url ? { url, status } : s));
      if (status === 'copied') showToast('Link to this view copied to the clipboard');
    };
    if (!navigator.clipboard?.writeText) return done('manual');
    navigator.clipboard.writeText(url).then(
      () => done('copied'),
      () => done('manual'),
    );
  };

  return (
    <div className="share">
      <button type="button" ref={button} data-testid="share-button" onClick={share} title="Copy a link to this view">
        Share
      </button>
      {shared && (
        <div className="share-popover" ref={popover} role="dialog" aria-label="Link to this view">
          <input
            ref={field}
            data-testid="share-url"
            type="text"
            readOnly
            value={shared.url}
            aria-label="Link to this view"
            onFocus={(e) => e.target.select()}
          />
          <span className="muted" data-testid="share-status" aria-live="polite">
            {shared.status === 'copied'
              ? 'Copied to the clipboard.'
              : shared.status === 'manual'
                ? 'Copy the link from the field (the clipboard is not available here).'
                : 'Copying…'}
          </span>
          <button type="button" aria-label="Close" onClick={() => setShared(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
