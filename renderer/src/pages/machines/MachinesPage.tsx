// The machines page: the host's VMs (the list, or one machine's details) and the dialog open on
// either. Machines are the host's whichever engine the app is connected to.
import { useShallow } from 'zustand/react/shallow';
import { useUiStore } from '../../stores/ui-store.js';
import { MachineDetails } from './MachineDetails.js';
import { MachineDialogs } from './MachineDialogs.js';
import { MachinesList } from './MachinesList.js';

export function MachinesPage() {
  const [machineName, tab] = useUiStore(useShallow((s) => [s.route.machineName, s.route.tab] as const));
  return (
    <>
      {machineName ? (
        <MachineDetails key={machineName} name={machineName} initialTab={tab} />
      ) : (
        <MachinesList />
      )}
      <MachineDialogs />
    </>
  );
}
