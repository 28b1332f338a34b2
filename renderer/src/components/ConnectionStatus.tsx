// The engine connection indicator in the sidebar: whether the app reaches its host (the
// WebSocket or IPC) and which engine the host serves it ("local", a connection's name).
import { useEffect, useState } from 'react';
import type { EngineConnectionState } from '../../../engine/src/contract/connection-types.js';
import { useEngineConnectionStore } from '../api/engine-connection-store.js';
import { useEngine } from '../api/engine-context.js';
import type { TransportStatus } from '../transport/transport.js';

function describe(
  transport: TransportStatus,
  engine: EngineConnectionState | undefined,
): { status: TransportStatus; text: string } {
  if (transport === 'connecting') return { status: 'connecting', text: 'Connecting…' };
  if (transport === 'disconnected' || engine?.status === 'disconnected' || engine?.status === 'disconnecting')
    return { status: 'disconnected', text: 'Engine disconnected' };
  if (engine?.status === 'connecting') return { status: 'connecting', text: 'Connecting…' };
  return { status: 'connected', text: 'Engine connected' };
}

export function ConnectionStatus() {
  const { transport } = useEngine();
  const [transportStatus, setTransportStatus] = useState<TransportStatus>('connecting');
  useEffect(() => transport.onStatus(setTransportStatus), [transport]);
  const engine = useEngineConnectionStore((s) => s.current);
  const { status, text } = describe(transportStatus, engine);
  return (
    <div
      className={`connection connection-${status}`}
      role="status"
      aria-live="polite"
      title={engine?.lastError}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-text">
        {text}
        {engine ? (
          <span className="connection-engine" data-testid="engine-in-use" title={engine.label}>
            {` · ${engine.label}`}
          </span>
        ) : null}
      </span>
    </div>
  );
}
