// The containers page's dialog, whichever is open.
import { DeleteContainersDialog } from './DeleteContainersDialog.js';
import { useContainersUiStore } from './containers-ui-store.js';

export function ContainerDialogs() {
  const dialog = useContainersUiStore((s) => s.dialog);
  if (dialog?.kind === 'delete')
    return <DeleteContainersDialog key={dialog.ids.join(' ')} ids={dialog.ids} labels={dialog.labels} />;
  return null;
}
