// A machine's summary: what it is and has, how its engine is reached (the connection its init
// registered, the forwarded API socket for DOCKER_HOST, the SSH port while it runs) and where its
// console log is (what a failed start quotes).
import type { MachineSummary } from '../../../../engine/src/contract/machine-types.js';
import { diskText, memoryText } from './machine-format.js';

function when(time: string | undefined, otherwise: string): string {
  return time ? new Date(time).toLocaleString() : otherwise;
}

export function MachineDetailsSummary({ machine }: { machine: MachineSummary }) {
  return (
    <div data-testid="machine-summary">
      <dl className="summary">
        <dt>Status</dt>
        <dd>{machine.status}</dd>
        <dt>VM type</dt>
        <dd>{machine.vmType}</dd>
        <dt>CPUs</dt>
        <dd>{machine.cpus}</dd>
        <dt>Memory</dt>
        <dd>{memoryText(machine.memoryMiB)}</dd>
        <dt>Disk</dt>
        <dd>{diskText(machine.diskGiB)}</dd>
        <dt>Created</dt>
        <dd>{when(machine.created, 'unknown')}</dd>
        <dt>Last up</dt>
        <dd>{machine.status === 'running' ? 'Currently running' : when(machine.lastUp, 'Never')}</dd>
        <dt>Image</dt>
        <dd className="mono">{machine.image}</dd>
        <dt>Shared folders</dt>
        <dd className="mono">
          {machine.volumes.length > 0
            ? machine.volumes
                .map((v) => (v.source === v.target ? v.source : `${v.source} → ${v.target}`))
                .join(', ')
            : 'none'}
        </dd>
        <dt>Connection</dt>
        <dd className="mono">
          {machine.connection ? `${machine.connection}${machine.default ? ' (default)' : ''}` : 'none'}
        </dd>
        <dt>API socket</dt>
        <dd className="mono">{machine.apiSocket}</dd>
        <dt>SSH port</dt>
        <dd>{machine.sshPort ?? 'none (not running)'}</dd>
        <dt>Console log</dt>
        <dd className="mono">{machine.consoleLog}</dd>
      </dl>
      <h3>Using its engine</h3>
      {machine.connection ? (
        <p className="hint">
          From a terminal: <code>berth --connection {machine.connection} ps</code>; the desktop app on it:{' '}
          <code>berth --connection {machine.connection} desktop</code>; the docker CLI:{' '}
          <code>DOCKER_HOST=unix://{machine.apiSocket} docker ps</code>.
        </p>
      ) : (
        <p className="hint">
          No connection points at this machine any more: add one with{' '}
          <code>
            berth system connection add {machine.name} unix://{machine.apiSocket}
          </code>
          .
        </p>
      )}
    </div>
  );
}
