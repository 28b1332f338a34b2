// The volumes list: name, mount point, created, in use; create, inspect, delete and prune. Kept
// current by volume events (one volume re-read or dropped), never by polling.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useVolumeList } from '../../api/volume-cache.js';
import { timeAgo } from '../../components/format-time.js';
import { ACTIONS_COLUMN, ListTable } from '../../components/ListTable.js';
import { countOf, ListToolbar, matchWords } from '../../components/ListToolbar.js';
import { useVolumesUiStore } from './volumes-ui-store.js';
import { compareNames } from '../../components/compare-names.js';

export function VolumesList() {
  const volumes = useVolumeList();
  const [search, setSearch, openDialog] = useVolumesUiStore(
    useShallow((s) => [s.search, s.setSearch, s.openDialog] as const),
  );
  const rows = useMemo(
    () =>
      [...(volumes.data ?? [])].sort(
        // Newest first by time: CreatedAt is Go's RFC 3339 with trailing zeros of the fraction
        // dropped, so neither a name order ("…05.5Z" is after "…05.123Z") nor its text ("…05Z" is
        // before "…05.1Z") sorts it.
        (a, b) => Date.parse(b.CreatedAt) - Date.parse(a.CreatedAt) || compareNames(a.Name, b.Name),
      ),
    [volumes.data],
  );
  const shown = useMemo(() => matchWords(rows, search, (v) => v.Name), [rows, search]);

  return (
    <div className="list-page">
      <ListToolbar
        search={search}
        onSearch={setSearch}
        searchLabel="Search volumes"
        placeholder="Search by name"
        shown={shown.length}
        total={rows.length}
        totalText={countOf(rows.length, 'volume')}
      >
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
      </ListToolbar>
      <ListTable
        label="Volumes"
        className="volumes-table"
        query={volumes}
        total={rows.length}
        shown={shown}
        getKey={(v) => v.Name}
        noMatch={`No volume matches “${search}”.`}
        empty={<p>No volumes yet.</p>}
        columns={[
          { id: 'name', header: 'Name' },
          { id: 'mountpoint', header: 'Mount point' },
          { id: 'created', header: 'Created' },
          { id: 'used', header: 'In use' },
          ACTIONS_COLUMN,
        ]}
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
              {v.MountCount > 0 ? countOf(v.MountCount, 'mount') : ''}
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
    </div>
  );
}
