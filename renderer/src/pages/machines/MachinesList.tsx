// The machines list: every VM of the host with its status, type, resources, age and the
// connection that reaches its engine; search, per-row actions, create. Read when shown and after
// each action (machines send no events, and nothing polls); Refresh reads it again on demand.
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MachineSummary } from '../../../../engine/src/contract/machine-types.js';
import { refreshMachines, useMachineList } from '../../api/machine-cache.js';
import { ActionErrorPanel } from '../../components/ErrorText.js';
import { timeAgo } from '../../components/format-time.js';
import { ACTIONS_COLUMN, ListTable } from '../../components/ListTable.js';
import { countOf, ListToolbar, matchWords } from '../../components/ListToolbar.js';
import { useUiStore } from '../../stores/ui-store.js';
import { diskText, memoryText } from './machine-format.js';
import { MachineRowActions } from './MachineRowActions.js';
import { useMachinesUiStore } from './machines-ui-store.js';

function MachineRowCells({ machine }: { machine: MachineSummary }) {
  const navigate = useUiStore((s) => s.navigate);
  return (
    <>
      <div role="cell" className="cell cell-name">
        <button
          type="button"
          className="link-button"
          title={machine.name}
          onClick={() => navigate({ page: 'machines', machineName: machine.name })}
        >
          {machine.name}
        </button>
      </div>
      <div role="cell" className="cell cell-state">
        <span className={`state-badge state-${machine.status}`} data-testid="machine-status">
          {machine.status}
        </span>
      </div>
      <div role="cell" className="cell cell-type">
        {machine.vmType}
      </div>
      <div role="cell" className="cell cell-cpus">
        {countOf(machine.cpus, 'CPU')}
      </div>
      <div role="cell" className="cell cell-memory">
        {memoryText(machine.memoryMiB)}
      </div>
      <div role="cell" className="cell cell-disk">
        {diskText(machine.diskGiB)}
      </div>
      <div role="cell" className="cell cell-created">
        {timeAgo(Date.parse(machine.created) / 1000)}
      </div>
      <div role="cell" className="cell cell-connection" data-testid="machine-connection">
        {machine.connection ? `${machine.connection}${machine.default ? ' (default)' : ''}` : 'none'}
      </div>
      <div role="cell" className="cell cell-actions">
        <MachineRowActions machine={machine} />
      </div>
    </>
  );
}

export function MachinesList() {
  const machines = useMachineList();
  const queryClient = useQueryClient();
  const ui = useMachinesUiStore(
    useShallow((s) => ({
      search: s.search,
      setSearch: s.setSearch,
      openDialog: s.openDialog,
      actionError: s.actionError,
      setActionError: s.setActionError,
    })),
  );
  const rows = useMemo(() => machines.data ?? [], [machines.data]);
  const shown = useMemo(
    () => matchWords(rows, ui.search, (m) => `${m.name} ${m.status} ${m.vmType} ${m.connection ?? ''}`),
    [rows, ui.search],
  );
  const running = rows.filter((m) => m.status === 'running').length;
  const create = () => ui.openDialog({ kind: 'create' });
  return (
    <div className="list-page machines-page">
      <ListToolbar
        search={ui.search}
        onSearch={ui.setSearch}
        searchLabel="Search machines"
        placeholder="Search by name, status or connection"
        shown={shown.length}
        total={rows.length}
        totalText={`${countOf(rows.length, 'machine')} · ${running} running`}
      >
        <button
          type="button"
          className="button"
          disabled={machines.isFetching}
          onClick={() => void refreshMachines(queryClient)}
        >
          Refresh
        </button>
        <button type="button" className="button button-primary" onClick={create}>
          Create machine
        </button>
      </ListToolbar>
      <ActionErrorPanel message={ui.actionError} onDismiss={() => ui.setActionError(undefined)} />
      <ListTable
        label="Machines"
        className="machines-table"
        query={machines}
        total={rows.length}
        shown={shown}
        getKey={(m) => m.name}
        renderRow={(m) => <MachineRowCells machine={m} />}
        noMatch={`No machine matches “${ui.search}”.`}
        empty={
          <>
            <p>No machines yet.</p>
            <p className="muted">
              A machine is a small Linux VM running Berth’s engine; its engine is reached as a connection of
              the same name.
            </p>
            <button type="button" className="button button-primary" onClick={create}>
              Create your first machine
            </button>
          </>
        }
        columns={[
          { id: 'name', header: 'Name' },
          { id: 'state', header: 'Status' },
          { id: 'type', header: 'VM type' },
          { id: 'cpus', header: 'CPUs' },
          { id: 'memory', header: 'Memory' },
          { id: 'disk', header: 'Disk' },
          { id: 'created', header: 'Created' },
          { id: 'connection', header: 'Connection' },
          ACTIONS_COLUMN,
        ]}
      />
    </div>
  );
}
