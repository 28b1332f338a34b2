// Renderer entry: picks the transport (Electron's preload bridge, or web mode's WebSocket) and
// mounts the app.
import { createRoot } from 'react-dom/client';
import { App, createQueryClient } from './app/App.js';
import { createEngineClient } from './api/engine-client.js';
import { ElectronTransport, type BerthBridge } from './transport/electron-transport.js';
import type { Transport } from './transport/transport.js';
import { WebSocketTransport, webModeUrl } from './transport/websocket-transport.js';
import './styles.css';
import { markOnce, PERF_MARKS } from './app/perf-marks.js';
import { PAGES } from './app/navigation.js';
import { useUiStore } from './stores/ui-store.js';

markOnce(PERF_MARKS.loadStart);
// The shown page's code is fetched while the app's first render runs (the others when visited).
const firstPage = PAGES.find((p) => p.id === useUiStore.getState().route.page);
void firstPage?.preload().catch(() => undefined);

function pickTransport(): Transport | undefined {
  const bridge = (window as unknown as { berthBridge?: BerthBridge }).berthBridge;
  if (bridge) return new ElectronTransport(bridge);
  const url = webModeUrl(window.location);
  return url ? new WebSocketTransport(url) : undefined;
}

// The connection first: it opens while the app renders.
const transport = pickTransport();
const root = createRoot(document.getElementById('root')!);
if (!transport) {
  root.render(
    <div className="error-panel" role="alert">
      This page needs the access token that <code>berth desktop --web</code> printed: open the full URL it
      gave.
    </div>,
  );
} else {
  const client = createEngineClient(transport);
  const queryClient = createQueryClient();
  // ...and what it shows first is asked for at once, not once its code has loaded and rendered
  // (events are followed from before that read, so none that changes it is missed).
  const eventsSince = new Date().toISOString();
  firstPage?.prefetch?.(queryClient, client);
  root.render(<App client={client} queryClient={queryClient} eventsSince={eventsSince} />);
}
