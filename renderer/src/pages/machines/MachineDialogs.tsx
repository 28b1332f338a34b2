// The machines page's dialogs: create a machine, confirm deleting one.
import { CreateMachineDialog } from './CreateMachineDialog.js';
import { DeleteMachineDialog } from './DeleteMachineDialog.js';
import { useMachinesUiStore } from './machines-ui-store.js';

export function MachineDialogs() {
  const dialog = useMachinesUiStore((s) => s.dialog);
  if (dialog?.kind === 'create') return <CreateMachineDialog />;
  if (dialog?.kind === 'delete')
    return <DeleteMachineDialog key={dialog.name} name={dialog.name} running={dialog.running} />;
  return null;
}
