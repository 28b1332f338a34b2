// The actions of one container, as compact buttons: start or stop, restart, pause or unpause,
// logs, terminal and delete. Used in the list rows and on the details page.
import { RowActionButton } from '../../components/RowActionButton.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useContainerActions } from './container-actions.js';
import type { ContainerRow } from './container-rows.js';
import { useContainersUiStore } from './containers-ui-store.js';

export function ContainerRowActions({
  row,
  withNavigation = true,
}: {
  row: Pick<ContainerRow, 'id' | 'name' | 'state' | 'active'>;
  withNavigation?: boolean;
}) {
  const actions = useContainerActions();
  const busy = useContainersUiStore((s) => s.busy.has(row.id));
  const openDialog = useContainersUiStore((s) => s.openDialog);
  const navigate = useUiStore((s) => s.navigate);
  const running = row.state === 'running';
  const paused = row.state === 'paused';
  const button = (label: string, text: string, onClick: () => void, disabled = false, danger = false) => (
    <RowActionButton
      action={label}
      target={row.name}
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
      {button('Restart', '↻', () => void actions.run('restart', [row.id]), !running && !paused && row.active)}
      {paused
        ? button('Unpause', '▷', () => void actions.run('unpause', [row.id]))
        : button('Pause', '‖', () => void actions.run('pause', [row.id]), !running)}
      {withNavigation
        ? button('Logs', 'Logs', () => navigate({ page: 'containers', containerId: row.id, tab: 'Logs' }))
        : null}
      {withNavigation
        ? button(
            'Terminal',
            '>_',
            () => navigate({ page: 'containers', containerId: row.id, tab: 'Terminal' }),
            !running,
          )
        : null}
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
