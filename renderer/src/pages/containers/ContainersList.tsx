// The containers list: every container (running or not), virtualized so a thousand rows stay
// fast, with search, a state filter, bulk start/stop/delete over a selection, and per-row
// actions. It follows engine events (one container re-read at a time), never polls.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useContainerList } from '../../api/container-cache.js';
import { timeAgo } from '../../components/format-time.js';
import { VirtualList } from '../../components/VirtualList.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useContainerActions } from './container-actions.js';
import { containerRows, filterRows, stateLabel, type ContainerRow } from './container-rows.js';
import { ContainerRowActions } from './ContainerRowActions.js';
import { useContainersUiStore, type StateFilter } from './containers-ui-store.js';

const ROW_HEIGHT = 40;

function ContainerRowCells({ row }: { row: ContainerRow }) {
  const navigate = useUiStore((s) => s.navigate);
  const [selected, toggle] = useContainersUiStore(
    useShallow((s) => [s.selected.has(row.id), s.toggleSelected] as const),
  );
  return (
    <>
      <div role="cell" className="cell cell-select">
        <input
          type="checkbox"
          aria-label={`Select ${row.name}`}
          checked={selected}
          onChange={() => toggle(row.id)}
        />
      </div>
      <div role="cell" className="cell cell-name">
        <button
          type="button"
          className="link-button"
          title={`${row.name} (${row.shortId})`}
          onClick={() => navigate({ page: 'containers', containerId: row.id })}
        >
          {row.name}
        </button>
      </div>
      <div role="cell" className="cell cell-image" title={row.image}>
        {row.image}
      </div>
      <div role="cell" className="cell cell-state">
        <span className={`state-badge state-${row.state}`} data-testid="container-state">
          {stateLabel(row)}
        </span>
      </div>
      <div role="cell" className="cell cell-ports">
        {row.ports.map((port) =>
          port.url ? (
            <a
              key={port.label}
              href={port.url}
              target="_blank"
              rel="noreferrer noopener"
              className="port-link"
            >
              {port.label}
            </a>
          ) : (
            <span key={port.label} className="port-link muted">
              {port.label}
            </span>
          ),
        )}
      </div>
      <div role="cell" className="cell cell-created">
        {timeAgo(row.created)}
      </div>
      <div role="cell" className="cell cell-actions">
        <ContainerRowActions row={row} />
      </div>
    </>
  );
}

const STATE_FILTERS: { value: StateFilter; label: string }[] = [
  { value: 'all', label: 'All states' },
  { value: 'running', label: 'Running' },
  { value: 'paused', label: 'Paused' },
  { value: 'exited', label: 'Exited' },
  { value: 'created', label: 'Created' },
];

function BulkActions({ shown }: { shown: readonly ContainerRow[] }) {
  const actions = useContainerActions();
  const [selected, setSelected, openDialog] = useContainersUiStore(
    useShallow((s) => [s.selected, s.setSelected, s.openDialog] as const),
  );
  const chosen = shown.filter((r) => selected.has(r.id));
  if (chosen.length === 0) return null;
  return (
    <div className="bulk-actions" role="group" aria-label="Selected containers">
      <span>{chosen.length} selected</span>
      <button
        type="button"
        className="button button-small"
        onClick={() =>
          void actions.run(
            'start',
            chosen.filter((r) => !r.active).map((r) => r.id),
          )
        }
      >
        Start selected
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() =>
          void actions.run(
            'stop',
            chosen.filter((r) => r.active).map((r) => r.id),
          )
        }
      >
        Stop selected
      </button>
      <button
        type="button"
        className="button button-small button-danger"
        onClick={() =>
          openDialog({ kind: 'delete', ids: chosen.map((r) => r.id), labels: chosen.map((r) => r.name) })
        }
      >
        Delete selected
      </button>
      <button type="button" className="link-button" onClick={() => setSelected(new Set())}>
        Clear selection
      </button>
    </div>
  );
}

export function ContainersList() {
  const containers = useContainerList();
  const navigate = useUiStore((s) => s.navigate);
  const [search, setSearch, stateFilter, setStateFilter, selected, setSelected, actionError, setActionError] =
    useContainersUiStore(
      useShallow(
        (s) =>
          [
            s.search,
            s.setSearch,
            s.stateFilter,
            s.setStateFilter,
            s.selected,
            s.setSelected,
            s.actionError,
            s.setActionError,
          ] as const,
      ),
    );
  const rows = useMemo(() => containerRows(containers.data ?? []), [containers.data]);
  const shown = useMemo(() => filterRows(rows, search, stateFilter), [rows, search, stateFilter]);
  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.id));
  const running = rows.filter((r) => r.state === 'running').length;

  return (
    <div className="list-page">
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder="Search by name, image or ID"
          aria-label="Search containers"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select
          aria-label="State filter"
          value={stateFilter}
          onChange={(e) => setStateFilter(e.target.value as StateFilter)}
        >
          {STATE_FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <span className="muted count" aria-live="polite">
          {search || stateFilter !== 'all'
            ? `${shown.length} of ${rows.length} shown`
            : `${rows.length} container${rows.length === 1 ? '' : 's'} · ${running} running`}
        </span>
        <div className="toolbar-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => navigate({ page: 'containers', create: true })}
          >
            Create container
          </button>
        </div>
      </div>
      <BulkActions shown={shown} />
      {actionError ? (
        <div className="error-panel action-error" role="alert">
          <pre>{actionError}</pre>
          <button type="button" className="link-button" onClick={() => setActionError(undefined)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {containers.isError ? (
        <div className="error-panel" role="alert">
          <strong>Could not list containers.</strong> {containers.error.message}
        </div>
      ) : containers.isPending ? (
        <p className="muted">Loading containers…</p>
      ) : rows.length === 0 ? (
        <div className="empty-state">
          <p>No containers yet.</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => navigate({ page: 'containers', create: true })}
          >
            Create your first container
          </button>
        </div>
      ) : (
        <div
          className="table containers-table"
          role="table"
          aria-label="Containers"
          aria-rowcount={shown.length + 1}
        >
          <div className="table-header" role="row" aria-rowindex={1}>
            <div role="columnheader" className="cell cell-select">
              <input
                type="checkbox"
                aria-label="Select all shown containers"
                checked={allShownSelected}
                onChange={() => setSelected(allShownSelected ? new Set() : new Set(shown.map((r) => r.id)))}
              />
            </div>
            <div role="columnheader" className="cell cell-name">
              Name
            </div>
            <div role="columnheader" className="cell cell-image">
              Image
            </div>
            <div role="columnheader" className="cell cell-state">
              State
            </div>
            <div role="columnheader" className="cell cell-ports">
              Ports
            </div>
            <div role="columnheader" className="cell cell-created">
              Created
            </div>
            <div role="columnheader" className="cell cell-actions">
              <span className="visually-hidden">Actions</span>
            </div>
          </div>
          {shown.length === 0 ? (
            <p className="muted empty-search">No container matches.</p>
          ) : (
            <VirtualList
              items={shown}
              rowHeight={ROW_HEIGHT}
              getKey={(row) => row.id}
              renderRow={(row) => <ContainerRowCells row={row} />}
              label="Container rows"
            />
          )}
        </div>
      )}
    </div>
  );
}
