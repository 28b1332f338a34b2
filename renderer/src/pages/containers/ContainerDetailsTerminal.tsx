// The container's terminal tabs: an exec'd shell (`containers.terminal`) or the container's own
// TTY (`containers.attach`), in the app's terminal panel. Leaving the container's page closes
// it, which ends the exec session in the engine.
import { TerminalView, type TerminalEmulator } from '../../components/terminal/TerminalView.js';

export function ContainerDetailsTerminal({
  containerId,
  streamName,
  active,
  createEmulator,
}: {
  containerId: string;
  streamName: 'containers.terminal' | 'containers.attach';
  /** The tab is showing: fit and focus. Hidden tabs keep their session. */
  active: boolean;
  createEmulator?: () => TerminalEmulator;
}) {
  const shell = streamName === 'containers.terminal';
  return (
    <TerminalView
      target={{ stream: streamName, input: { container: containerId } }}
      label={shell ? 'Container terminal' : 'Container attach'}
      restartLabel={shell ? 'Start a new shell' : 'Attach again'}
      active={active}
      createEmulator={createEmulator}
    />
  );
}
