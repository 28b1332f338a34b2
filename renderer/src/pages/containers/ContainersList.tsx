// The containers list: every container (running or not), virtualized so a thousand rows stay
// fast, with search, a state filter, grouping by pod, bulk start/stop/delete over a selection,
// and per-row actions. It follows engine events (one container re-read at a time), never polls.
import { memo, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useContainerList } from '../../api/container-cache.js';
import { usePodList } from '../../api/pod-cache.js';
import { markOnce, PERF_MARKS } from '../../app/perf-marks.js';
import { ActionErrorPanel } from '../../components/ErrorText.js';
import { timeAgo } from '../../components/format-time.js';
import { PortLinks } from '../../components/PortLinks.js';
import { ACTIONS_COLUMN, ListTable } from '../../components/ListTable.js';
import { countOf, ListToolbar } from '../../components/ListToolbar.js';
import { BulkActionBar, SelectAllCheckbox } from '../../components/selection.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useContainerActions } from './container-actions.js';
import {
  containerRows,
  filterRows,
  groupByPod,
  isGroupRow,
  stateLabel,
  type ContainerRow,
  type ListRow,
  type PodGroupRow,
} from './container-rows.js';
import { ContainerRowActions } from './ContainerRowActions.js';
import { useContainersUiStore, type StateFilter } from './containers-ui-store.js';

// Rows are memoized: scrolling re-renders the list, but only the rows that come into view render.
const ContainerRowCells = memo(function ContainerRowCells({ row }: { row: ContainerRow }) {
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
        {row.isInfra ? <span className="muted"> (infra)</span> : null}
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
        <PortLinks ports={row.ports} />
      </div>
      <div role="cell" className="cell cell-created">
        {timeAgo(row.created)}
      </div>
      <div role="cell" className="cell cell-actions">
        <ContainerRowActions row={row} />
      </div>
    </>
  );
});

const PodGroupCells = memo(function PodGroupCells({ group }: { group: PodGroupRow }) {
  const navigate = useUiStore((s) => s.navigate);
  return (
    <div role="cell" className="cell cell-group">
      {group.podId ? (
        <button
          type="button"
          className="link-button"
          onClick={() => navigate({ page: 'pods', podId: group.podId })}
        >
          Pod {group.podName}
        </button>
      ) : (
        <span>{group.podName}</span>
      )}
      <span className="muted"> · {countOf(group.count, 'container')}</span>
    </div>
  );
});

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
  const ids = (rows: readonly ContainerRow[]) => rows.map((r) => r.id);
  return (
    <BulkActionBar count={chosen.length} label="Selected containers" onClear={() => setSelected(new Set())}>
      <button
        type="button"
        className="button button-small"
        onClick={() => void actions.run('start', ids(chosen.filter((r) => !r.active)))}
      >
        Start selected
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => void actions.run('stop', ids(chosen.filter((r) => r.active)))}
      >
        Stop selected
      </button>
      <button
        type="button"
        className="button button-small button-danger"
        onClick={() => openDialog({ kind: 'delete', ids: ids(chosen), labels: chosen.map((r) => r.name) })}
      >
        Delete selected
      </button>
    </BulkActionBar>
  );
}

export function ContainersList() {
  const containers = useContainerList();
  const navigate = useUiStore((s) => s.navigate);
  const ui = useContainersUiStore(
    useShallow((s) => ({
      search: s.search,
      setSearch: s.setSearch,
      stateFilter: s.stateFilter,
      setStateFilter: s.setStateFilter,
      groupByPod: s.groupByPod,
      setGroupByPod: s.setGroupByPod,
      selected: s.selected,
      setSelected: s.setSelected,
      actionError: s.actionError,
      setActionError: s.setActionError,
    })),
  );
  const rows = useMemo(() => containerRows(containers.data ?? []), [containers.data]);
  const shown = useMemo(() => filterRows(rows, ui.search, ui.stateFilter), [rows, ui.search, ui.stateFilter]);
  const grouping = ui.groupByPod && rows.some((r) => r.pod);
  // The pods' names, only needed (and read) when grouping.
  const pods = usePodList({ enabled: grouping });
  const listed = useMemo<readonly ListRow[]>(
    () => (grouping ? groupByPod(shown, new Map((pods.data ?? []).map((p) => [p.Id, p.Name]))) : shown),
    [grouping, shown, pods.data],
  );
  const running = rows.filter((r) => r.state === 'running').length;
  const create = () => navigate({ page: 'containers', create: true });
  const hasRows = listed.length > 0;
  useEffect(() => {
    if (hasRows) markOnce(PERF_MARKS.containersRendered);
  }, [hasRows]);

  return (
    <div className="list-page">
      <ListToolbar
        search={ui.search}
        onSearch={ui.setSearch}
        searchLabel="Search containers"
        placeholder="Search by name, image or ID"
        shown={shown.length}
        total={rows.length}
        totalText={`${countOf(rows.length, 'container')} · ${running} running`}
        filtered={ui.stateFilter !== 'all'}
        filters={
          <>
            <select
              aria-label="State filter"
              value={ui.stateFilter}
              onChange={(e) => ui.setStateFilter(e.target.value as StateFilter)}
            >
              {STATE_FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={ui.groupByPod}
                onChange={(e) => ui.setGroupByPod(e.target.checked)}
              />
              Group by pod
            </label>
          </>
        }
      >
        <button type="button" className="button button-primary" onClick={create}>
          Create container
        </button>
      </ListToolbar>
      <BulkActions shown={shown} />
      <ActionErrorPanel message={ui.actionError} onDismiss={() => ui.setActionError(undefined)} />
      <ListTable
        label="Containers"
        className="containers-table"
        query={containers}
        total={rows.length}
        shown={listed}
        getKey={(row) => (isGroupRow(row) ? `pod ${row.podId}` : row.id)}
        renderRow={(row) =>
          isGroupRow(row) ? <PodGroupCells group={row} /> : <ContainerRowCells row={row} />
        }
        noMatch="No container matches."
        empty={
          <>
            <p>No containers yet.</p>
            <button type="button" className="button button-primary" onClick={create}>
              Create your first container
            </button>
          </>
        }
        columns={[
          {
            id: 'select',
            header: (
              <SelectAllCheckbox
                label="Select all shown containers"
                ids={shown.map((r) => r.id)}
                selected={ui.selected}
                onChange={ui.setSelected}
              />
            ),
          },
          { id: 'name', header: 'Name' },
          { id: 'image', header: 'Image' },
          { id: 'state', header: 'State' },
          { id: 'ports', header: 'Ports' },
          { id: 'created', header: 'Created' },
          ACTIONS_COLUMN,
        ]}
      />
    </div>
  );
}
