// The networks list: name, driver, subnet, gateway, DNS, internal and connected containers;
// create, prune and delete. Kept current by network events (one network re-read at a time).
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useNetworkList } from '../../api/network-cache.js';
import { ACTIONS_COLUMN, ListTable } from '../../components/ListTable.js';
import { countOf, ListToolbar, matchWords } from '../../components/ListToolbar.js';
import { useUiStore } from '../../stores/ui-store.js';
import { networkRows, type NetworkRow } from './network-rows.js';
import { useNetworksUiStore } from './networks-ui-store.js';

function NetworkRowCells({ row }: { row: NetworkRow }) {
  const navigate = useUiStore((s) => s.navigate);
  const openDialog = useNetworksUiStore((s) => s.openDialog);
  return (
    <>
      <div role="cell" className="cell cell-name">
        <button
          type="button"
          className="link-button"
          title={`${row.name} (${row.id.slice(0, 12)})`}
          onClick={() => navigate({ page: 'networks', networkName: row.name })}
        >
          {row.name}
        </button>
        {row.isDefault ? <span className="muted"> (default)</span> : null}
      </div>
      <div role="cell" className="cell cell-driver">
        {row.driver}
      </div>
      <div role="cell" className="cell cell-subnet mono" title={row.subnets}>
        {row.subnets}
      </div>
      <div role="cell" className="cell cell-gateway mono">
        {row.gateways}
      </div>
      <div role="cell" className="cell cell-dns mono">
        {row.dns}
      </div>
      <div role="cell" className="cell cell-internal">
        {row.internal ? 'yes' : 'no'}
      </div>
      <div role="cell" className="cell cell-members" title={row.containers.map((c) => c.name).join(', ')}>
        {row.containers.length > 0 ? countOf(row.containers.length, 'container') : ''}
      </div>
      <div role="cell" className="cell cell-actions">
        <div className="row-actions">
          <button
            type="button"
            className="button button-small button-danger"
            aria-label={`Delete ${row.name}`}
            disabled={row.isDefault}
            title={row.isDefault ? 'The default network cannot be removed' : 'Delete'}
            onClick={() => openDialog({ kind: 'delete', name: row.name, used: row.containers.length })}
          >
            Delete
          </button>
        </div>
      </div>
    </>
  );
}

export function NetworksList() {
  const networks = useNetworkList();
  const [search, setSearch, openDialog] = useNetworksUiStore(
    useShallow((s) => [s.search, s.setSearch, s.openDialog] as const),
  );
  const rows = useMemo(() => networkRows(networks.data ?? []), [networks.data]);
  const shown = useMemo(() => matchWords(rows, search, (r) => r.searchText), [rows, search]);
  return (
    <div className="list-page">
      <ListToolbar
        search={search}
        onSearch={setSearch}
        searchLabel="Search networks"
        placeholder="Search by name, ID or subnet"
        shown={shown.length}
        total={rows.length}
        totalText={countOf(rows.length, 'network')}
      >
        <button type="button" className="button" onClick={() => openDialog({ kind: 'prune' })}>
          Prune
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => openDialog({ kind: 'create' })}
        >
          Create network
        </button>
      </ListToolbar>
      <ListTable
        label="Networks"
        className="networks-table"
        query={networks}
        total={rows.length}
        shown={shown}
        getKey={(row) => row.name}
        renderRow={(row) => <NetworkRowCells row={row} />}
        noMatch={`No network matches “${search}”.`}
        empty={<p>No networks.</p>}
        columns={[
          { id: 'name', header: 'Name' },
          { id: 'driver', header: 'Driver' },
          { id: 'subnet', header: 'Subnet' },
          { id: 'gateway', header: 'Gateway' },
          { id: 'dns', header: 'DNS' },
          { id: 'internal', header: 'Internal' },
          { id: 'members', header: 'Containers' },
          ACTIONS_COLUMN,
        ]}
      />
    </div>
  );
}
