// What a details page shows instead of its tabs: the list it reads the object from failed or is
// still loading, or the object is gone. Null when the tabs can show.
import type { ReactNode } from 'react';

export function detailsFallback(options: {
  /** "machine", "pod"...: says which object is gone. */
  kind: string;
  /** The list query, when the page reads the object from one. */
  list?: { isError: boolean; error: Error | null; isPending: boolean };
  /** What failed, when the list failed: "Could not list machines." */
  listFailure?: string;
  gone: boolean;
}): ReactNode | null {
  const { list } = options;
  if (list?.isError)
    return (
      <div className="error-panel" role="alert">
        <strong>{options.listFailure}</strong> {list.error?.message}
      </div>
    );
  if (list?.isPending) return <p className="muted">Loading…</p>;
  if (options.gone)
    return (
      <div className="empty-state">
        <p>This {options.kind} no longer exists.</p>
      </div>
    );
  return null;
}
