// The volumes list: name, mount point, created, in use; create, inspect, delete and prune. Kept
// current by volume events (one volume re-read or dropped), never by polling.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useVolumeList } from '../../api/volume-cache.js';
import { timeAgo } from '../../components/format-time.js';
import { VirtualList } from '../../components/VirtualList.js';
import { useVolumesUiStore } from './volumes-ui-store.js';

const ROW_HEIGHT = 40;

export function VolumesList() {
  const volumes = useVolumeList();
  const [search, setSearch, openDialog] = useVolumesUiStore(
    useShallow((s) => [s.search, s.setSearch, s.openDialog] as const),
  );
  const rows = useMemo(
    () =>
      [...(volumes.data ?? [])].sort(
        (a, b) => b.CreatedAt.localeCompare(a.CreatedAt) || a.Name.localeCompare(b.Name),
      ),
    [volumes.data],
  );
  const shown = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    return words.length === 0
      ? rows
      : rows.filter((v) => words.every((w) => v.Name.toLowerCase().includes(w)));
  }, [rows, search]);

  return (
    <div className="list-page">
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder="Search by name"
          aria-label="Search volumes"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted count" aria-live="polite">
          {search
            ? `${shown.length} of ${rows.length} shown`
            : `${rows.length} volume${rows.length === 1 ? '' : 's'}`}
        </span>
        <div className="toolbar-actions">
          <button type="button" className="button" onClick={() => openDialog({ kind: 'prune' })}>
            Prune
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => openDialog({ kind: 'create' })}
          >
            Create volume
          </button>
        </div>
      </div>
      {volumes.isError ? (
        <div className="error-panel" role="alert">
          <strong>Could not list volumes.</strong> {volumes.error.message}
        </div>
      ) : volumes.isPending ? (
        <p className="muted">Loading volumes…</p>
      ) : rows.length === 0 ? (
        <div className="empty-state">
          <p>No volumes yet.</p>
        </div>
      ) : (
        <div
          className="table volumes-table"
          role="table"
          aria-label="Volumes"
          aria-rowcount={shown.length + 1}
        >
          <div className="table-header" role="row" aria-rowindex={1}>
            <div role="columnheader" className="cell cell-name">
              Name
            </div>
            <div role="columnheader" className="cell cell-mountpoint">
              Mount point
            </div>
            <div role="columnheader" className="cell cell-created">
              Created
            </div>
            <div role="columnheader" className="cell cell-used">
              In use
            </div>
            <div role="columnheader" className="cell cell-actions">
              <span className="visually-hidden">Actions</span>
            </div>
          </div>
          {shown.length === 0 ? (
            <p className="muted empty-search">No volume matches “{search}”.</p>
          ) : (
            <VirtualList
              items={shown}
              rowHeight={ROW_HEIGHT}
              getKey={(v) => v.Name}
              label="Volume rows"
              renderRow={(v) => (
                <>
                  <div role="cell" className="cell cell-name">
                    <button
                      type="button"
                      className="link-button"
                      title={v.Name}
                      onClick={() => openDialog({ kind: 'inspect', name: v.Name })}
                    >
                      {v.Name}
                    </button>
                    {v.Anonymous ? <span className="muted"> (anonymous)</span> : null}
                  </div>
                  <div role="cell" className="cell cell-mountpoint mono" title={v.Mountpoint}>
                    {v.Mountpoint}
                  </div>
                  <div role="cell" className="cell cell-created">
                    {timeAgo(Date.parse(v.CreatedAt) / 1000)}
                  </div>
                  <div role="cell" className="cell cell-used">
                    {v.MountCount > 0 ? `${v.MountCount} mount${v.MountCount === 1 ? '' : 's'}` : ''}
                  </div>
                  <div role="cell" className="cell cell-actions">
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button-small button-danger"
                        aria-label={`Delete ${v.Name}`}
                        onClick={() => openDialog({ kind: 'delete', name: v.Name })}
                      >
                        Delete
                      </button>
                    </div>
                  </div>
                </>
              )}
            />
          )}
        </div>
      )}
    </div>
  );
}
