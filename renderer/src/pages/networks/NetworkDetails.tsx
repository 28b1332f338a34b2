// One network: tabs Summary (its settings and the containers connected to it, each linking to
// the container's details) and Inspect (podman's JSON). Read from the live networks list.
import { useMemo, useState } from 'react';
import { useNetworkList } from '../../api/network-cache.js';
import { DetailsTabs } from '../../components/DetailsTabs.js';
import { detailsFallback } from '../../components/DetailsFallback.js';
import { JsonView } from '../../components/JsonView.js';
import { DetailsHeader } from '../../components/DetailsHeader.js';
import { useUiStore } from '../../stores/ui-store.js';
import { DEFAULT_NETWORK } from './network-rows.js';
import { useNetworksUiStore } from './networks-ui-store.js';
import { compareNames } from '../../components/compare-names.js';

const TABS = ['Summary', 'Inspect'] as const;
type Tab = (typeof TABS)[number];

export function NetworkDetails({ name }: { name: string }) {
  const navigate = useUiStore((s) => s.navigate);
  const openDialog = useNetworksUiStore((s) => s.openDialog);
  const [tab, setTab] = useState<Tab>('Summary');
  const list = useNetworkList();
  const network = useMemo(() => list.data?.find((n) => n.name === name), [list.data, name]);
  const containers = Object.entries(network?.containers ?? {}).sort(([, a], [, b]) =>
    compareNames(a.name, b.name),
  );

  const panel = (t: Tab) => {
    if (!network) return null;
    if (t === 'Inspect') return <JsonView value={network} label="Network inspect JSON" />;
    const labels = Object.entries(network.labels ?? {});
    return (
      <div data-testid="network-summary">
        <dl className="summary">
          <dt>ID</dt>
          <dd className="mono">{network.id}</dd>
          <dt>Driver</dt>
          <dd>{network.driver}</dd>
          <dt>Bridge</dt>
          <dd className="mono">{network.network_interface}</dd>
          <dt>Subnets</dt>
          <dd className="mono">{network.subnets.map((s) => `${s.subnet} via ${s.gateway}`).join(', ')}</dd>
          <dt>DNS</dt>
          <dd>{network.dns_enabled ? 'aardvark-dns on the gateway' : 'off'}</dd>
          <dt>Internal</dt>
          <dd>{network.internal ? 'yes: no route out' : 'no'}</dd>
          <dt>Labels</dt>
          <dd>{labels.length > 0 ? labels.map(([k, v]) => `${k}=${v}`).join(', ') : 'none'}</dd>
        </dl>
        <h3>Connected containers</h3>
        {containers.length === 0 ? (
          <p className="muted">No container is connected.</p>
        ) : (
          <table className="simple-table" aria-label="Connected containers">
            <thead>
              <tr>
                <th>Name</th>
                <th>Addresses</th>
              </tr>
            </thead>
            <tbody>
              {containers.map(([id, c]) => (
                <tr key={id}>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => navigate({ page: 'containers', containerId: id })}
                    >
                      {c.name}
                    </button>
                  </td>
                  <td className="mono">
                    {Object.values(c.interfaces)
                      .flatMap((i) => i.subnets.map((s) => s.ipnet))
                      .join(', ') || 'not running'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    );
  };

  return (
    <div className="details-page">
      <DetailsHeader backLabel="Networks" onBack={() => navigate({ page: 'networks' })} title={name}>
        {network && network.name !== DEFAULT_NETWORK ? (
          <button
            type="button"
            className="button button-small button-danger"
            onClick={() => openDialog({ kind: 'delete', name, used: containers.length })}
          >
            Delete
          </button>
        ) : null}
      </DetailsHeader>
      {detailsFallback({
        kind: 'network',
        list,
        listFailure: 'Could not read the networks.',
        gone: !network,
      }) ?? (
        <DetailsTabs<Tab>
          label="Network details"
          idPrefix="network"
          tabs={TABS}
          current={tab}
          onChoose={setTab}
          panel={panel}
        />
      )}
    </div>
  );
}
