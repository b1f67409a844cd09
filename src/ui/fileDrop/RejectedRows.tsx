/** What was read from the person's file: the count, the choices made, and every rejected row (line and reason). */
import type { UserDatasetReport } from '../../engine/api';

/** Rows listed before "show all" (a file can reject thousands). */
const FIRST_ROWS = 50;

export function RejectedRows({ report }: { report: UserDatasetReport }) {
  const { rejected } = report;
  return (
    <div className="file-drop-report" data-testid="file-drop-report">
      <p className="file-drop-summary" data-testid="file-drop-summary">
        {report.title}: {report.loaded} of {report.total} molecules read
        {rejected.length > 0 ? `, ${rejected.length} rejected` : ''}.
      </p>
      <p className="muted file-drop-notes">{report.notes.join('; ')}</p>
      {rejected.length > 0 && (
        <details open={rejected.length <= 10}>
          <summary>Rejected rows</summary>
          <ol className="rejected-rows" data-testid="rejected-rows">
            {rejected.slice(0, FIRST_ROWS).map((row, i) => (
              <li key={i} data-testid="rejected-row" data-line={row.line}>
                <span className="rejected-line">
                  {row.file ? `${row.file} ` : ''}line {row.line}:
                </span>{' '}
                {row.reason}
              </li>
            ))}
          </ol>
          {rejected.length > FIRST_ROWS && (
            <p className="muted">…and {rejected.length - FIRST_ROWS} more rejected rows, not listed here.</p>
          )}
        </details>
      )}
    </div>
  );
}
