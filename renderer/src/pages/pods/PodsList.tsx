// The pods list: every pod with its status, its containers and their states, the infra
// container, creation time and published ports; search, bulk start/stop/delete over a selection
// and per-row actions. Virtualized, and kept current by events (one pod re-read at a time).
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { usePodList } from '../../api/pod-cache.js';
import { ActionErrorPanel } from '../../components/ErrorText.js';
import { timeAgo } from '../../components/format-time.js';
import { PortLinks } from '../../components/PortLinks.js';
import { ACTIONS_COLUMN, ListTable } from '../../components/ListTable.js';
import { countOf, ListToolbar, matchWords } from '../../components/ListToolbar.js';
import { BulkActionBar, SelectAllCheckbox } from '../../components/selection.js';
import { useUiStore } from '../../stores/ui-store.js';
import { usePodActions } from './pod-actions.js';
import { membersText, podRows, type PodRow } from './pod-rows.js';
import { PodRowActions } from './PodRowActions.js';
import { usePodsUiStore } from './pods-ui-store.js';

function PodRowCells({ row }: { row: PodRow }) {
  const navigate = useUiStore((s) => s.navigate);
  const [selected, toggle] = usePodsUiStore(
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
          onClick={() => navigate({ page: 'pods', podId: row.id })}
        >
          {row.name}
        </button>
      </div>
      <div role="cell" className="cell cell-state">
        <span className={`state-badge state-${row.status}`} data-testid="pod-status">
          {row.status}
        </span>
      </div>
      <div
        role="cell"
        className="cell cell-members"
        title={row.members.map((m) => `${m.name}: ${m.state}`).join('\n')}
      >
        {membersText(row.members)}
      </div>
      <div role="cell" className="cell cell-id mono">
        {row.infraId.slice(0, 12)}
      </div>
      <div role="cell" className="cell cell-created">
        {timeAgo(row.created)}
      </div>
      <div role="cell" className="cell cell-ports">
        <PortLinks ports={row.ports} />
      </div>
      <div role="cell" className="cell cell-actions">
        <PodRowActions row={row} />
      </div>
    </>
  );
}

function BulkActions({ shown }: { shown: readonly PodRow[] }) {
  const actions = usePodActions();
  const [selected, setSelected, openDialog] = usePodsUiStore(
    useShallow((s) => [s.selected, s.setSelected, s.openDialog] as const),
  );
  const chosen = shown.filter((r) => selected.has(r.id));
  const ids = (rows: readonly PodRow[]) => rows.map((r) => r.id);
  return (
    <BulkActionBar count={chosen.length} label="Selected pods" onClear={() => setSelected(new Set())}>
      <button
        type="button"
        className="button button-small"
        onClick={() => void actions.run('start', ids(chosen.filter((r) => r.status !== 'running')))}
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

export function PodsList() {
  const pods = usePodList();
  const ui = usePodsUiStore(
    useShallow((s) => ({
      search: s.search,
      setSearch: s.setSearch,
      selected: s.selected,
      setSelected: s.setSelected,
      openDialog: s.openDialog,
      actionError: s.actionError,
      setActionError: s.setActionError,
    })),
  );
  const rows = useMemo(() => podRows(pods.data ?? []), [pods.data]);
  const shown = useMemo(() => matchWords(rows, ui.search, (r) => r.searchText), [rows, ui.search]);
  const running = rows.filter((r) => r.status === 'running').length;
  const create = () => ui.openDialog({ kind: 'create' });
  return (
    <div className="list-page">
      <ListToolbar
        search={ui.search}
        onSearch={ui.setSearch}
        searchLabel="Search pods"
        placeholder="Search by name, ID or container"
        shown={shown.length}
        total={rows.length}
        totalText={`${countOf(rows.length, 'pod')} · ${running} running`}
      >
        <button type="button" className="button" onClick={() => ui.openDialog({ kind: 'play' })}>
          Play Kubernetes YAML
        </button>
        <button type="button" className="button button-primary" onClick={create}>
          Create pod
        </button>
      </ListToolbar>
      <BulkActions shown={shown} />
      <ActionErrorPanel message={ui.actionError} onDismiss={() => ui.setActionError(undefined)} />
      <ListTable
        label="Pods"
        className="pods-table"
        query={pods}
        total={rows.length}
        shown={shown}
        getKey={(row) => row.id}
        renderRow={(row) => <PodRowCells row={row} />}
        noMatch={`No pod matches “${ui.search}”.`}
        empty={
          <>
            <p>No pods yet.</p>
            <button type="button" className="button button-primary" onClick={create}>
              Create your first pod
            </button>
          </>
        }
        columns={[
          {
            id: 'select',
            header: (
              <SelectAllCheckbox
                label="Select all shown pods"
                ids={shown.map((r) => r.id)}
                selected={ui.selected}
                onChange={ui.setSelected}
              />
            ),
          },
          { id: 'name', header: 'Name' },
          { id: 'state', header: 'Status' },
          { id: 'members', header: 'Containers' },
          { id: 'id', header: 'Infra ID' },
          { id: 'created', header: 'Created' },
          { id: 'ports', header: 'Ports' },
          ACTIONS_COLUMN,
        ]}
      />
    </div>
  );
}
