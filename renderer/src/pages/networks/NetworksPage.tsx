// The networks page: the list or one network's details, and the dialog open on either.
import { useUiStore } from '../../stores/ui-store.js';
import { NetworkDetails } from './NetworkDetails.js';
import { NetworkDialogs } from './NetworkDialogs.js';
import { NetworksList } from './NetworksList.js';

export function NetworksPage() {
  const networkName = useUiStore((s) => s.route.networkName);
  return (
    <>
      {networkName ? <NetworkDetails key={networkName} name={networkName} /> : <NetworksList />}
      <NetworkDialogs />
    </>
  );
}
