/** Notices that are not errors (what a link asked for but did not get); shown as text, dismissable. */
import { useAppStore } from './StoreContext';

export function NoticeBar() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotices);
  if (notices.length === 0) return null;
  return (
    <div className="notice notice-info" role="status" data-testid="url-notice">
      <ul>
        {notices.map((notice, i) => (
          <li key={i}>{notice}</li>
        ))}
      </ul>
      <button type="button" onClick={dismiss} aria-label="Dismiss the notice">
        ×
      </button>
    </div>
  );
}
