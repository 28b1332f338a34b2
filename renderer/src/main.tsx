// Renderer entry: picks the transport (Electron's preload bridge, or web mode's WebSocket) and
// mounts the app.
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { createEngineClient } from './api/engine-client.js';
import { ElectronTransport, type BerthBridge } from './transport/electron-transport.js';
import type { Transport } from './transport/transport.js';
import { WebSocketTransport, webModeUrl } from './transport/websocket-transport.js';
import './styles.css';
import { markOnce, PERF_MARKS } from './app/perf-marks.js';

markOnce(PERF_MARKS.loadStart);

function pickTransport(): Transport | undefined {
  const bridge = (window as unknown as { berthBridge?: BerthBridge }).berthBridge;
  if (bridge) return new ElectronTransport(bridge);
  const url = webModeUrl(window.location);
  return url ? new WebSocketTransport(url) : undefined;
}

const root = createRoot(document.getElementById('root')!);
const transport = pickTransport();
if (!transport) {
  root.render(
    <div className="error-panel" role="alert">
      This page needs the access token that <code>berth desktop --web</code> printed: open the full URL it
      gave.
    </div>,
  );
} else {
  root.render(<App client={createEngineClient(transport)} />);
}
