// The engine the desktop app uses, and the ones it could use: the embedded local engine, or a
// stored connection (`berth system connection ...`: an API service on a unix socket, over ssh, or
// a machine's forwarded socket). Served by the desktop host, never by an Engine.

/** Which engine: the embedded one, a stored connection by name, or a URL given at start-up. */
export type EngineTarget =
  { kind: 'local' } | { kind: 'connection'; name: string } | { kind: 'url'; url: string };

export type EngineConnectionStatus = 'connecting' | 'connected' | 'disconnecting' | 'disconnected';

/** What the app uses now (or will use once connected). */
export interface EngineConnectionState {
  target: EngineTarget;
  /** For the user: "local", the connection's name, or the URL. */
  label: string;
  status: EngineConnectionStatus;
  /** Why the last connect failed, until the next attempt. */
  lastError?: string;
  /**
   * Counts the engines the app has connected to since it started: a new value means calls now
   * go to another engine (or the same one, reconnected), so what a front end read is stale.
   */
  generation: number;
}

/** One engine the app can use. */
export interface EngineChoice {
  kind: 'local' | 'connection';
  /** "local" for the embedded engine, else the connection's name. */
  name: string;
  /** The connection's destination (unix:// or ssh://); absent for the local engine. */
  uri?: string;
  /** The ssh key a connection uses. */
  identity?: string;
  /** The stored default connection (`berth --remote`, `system connection default`). */
  isDefault: boolean;
  /** The engine the app uses now. */
  inUse: boolean;
  /**
   * Whether something answers on its socket (checked for unix sockets, which is cheap);
   * undefined when not checked (ssh: that would open a session).
   */
  reachable?: boolean;
}

export interface EngineConnectionsReport {
  choices: EngineChoice[];
  current: EngineConnectionState;
  /** Where connections are stored, shared with the CLI. */
  connectionsFile: string;
  /** Where the app remembers its choice across restarts. */
  settingsFile: string;
}
