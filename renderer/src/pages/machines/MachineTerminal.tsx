// A shell in the running machine over SSH (`machines.terminal`), in the app's terminal panel:
// the same view and session as a container's terminal. Leaving the machine's page hangs it up.
import { TerminalView, type TerminalEmulator } from '../../components/terminal/TerminalView.js';

export function MachineTerminal({
  name,
  active,
  createEmulator,
}: {
  name: string;
  /** The tab is showing: fit and focus. Hidden tabs keep their session. */
  active: boolean;
  createEmulator?: () => TerminalEmulator;
}) {
  return (
    <TerminalView
      target={{ stream: 'machines.terminal', input: { machine: name } }}
      label="Machine terminal"
      restartLabel="Start a new shell"
      active={active}
      createEmulator={createEmulator}
    />
  );
}
