// The engine connection indicator in the sidebar.
import { useEffect, useState } from 'react';
import { useEngine } from '../api/engine-context.js';
import type { TransportStatus } from '../transport/transport.js';

const LABELS: Record<TransportStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Engine connected',
  disconnected: 'Engine disconnected',
};

export function ConnectionStatus() {
  const { transport } = useEngine();
  const [status, setStatus] = useState<TransportStatus>('connecting');
  useEffect(() => transport.onStatus(setStatus), [transport]);
  return (
    <div className={`connection connection-${status}`} role="status" aria-live="polite">
      <span className="connection-dot" aria-hidden="true" />
      {LABELS[status]}
    </div>
  );
}
