// The actions of one pod, as compact buttons: start or stop, restart, pause or unpause, delete.
// Used in the list rows and on the details page.
import { RowActionButton } from '../../components/RowActionButton.js';
import { usePodActions } from './pod-actions.js';
import type { PodRow } from './pod-rows.js';
import { usePodsUiStore } from './pods-ui-store.js';

export function PodRowActions({
  row,
}: {
  row: Pick<PodRow, 'id' | 'name' | 'active' | 'running' | 'paused'>;
}) {
  const actions = usePodActions();
  const busy = usePodsUiStore((s) => s.busy.has(row.id));
  const openDialog = usePodsUiStore((s) => s.openDialog);
  const button = (label: string, text: string, onClick: () => void, disabled = false, danger = false) => (
    <RowActionButton
      action={label}
      target={`pod ${row.name}`}
      symbol={text}
      onClick={onClick}
      disabled={busy || disabled}
      danger={danger}
    />
  );
  return (
    <div className="row-actions">
      {row.active
        ? button('Stop', '■', () => void actions.run('stop', [row.id]))
        : button('Start', '▶', () => void actions.run('start', [row.id]))}
      {button('Restart', '↻', () => void actions.run('restart', [row.id]))}
      {row.paused > 0
        ? button('Unpause', '▷', () => void actions.run('unpause', [row.id]))
        : button('Pause', '‖', () => void actions.run('pause', [row.id]), row.running === 0)}
      {button(
        'Delete',
        '✕',
        () => openDialog({ kind: 'delete', ids: [row.id], labels: [row.name] }),
        false,
        true,
      )}
    </div>
  );
}
