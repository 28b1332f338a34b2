// The connections domain: which engine the desktop app uses, chosen at run time. Like machines,
// it is the desktop host's, never an Engine's: `use` replaces the engine behind the same
// transport (streams open on the old one end with code `engine-changed`), `watch` says when that
// happened. add/remove/setDefault edit the connections the CLI uses (`berth system connection`).
import { z } from 'zod';
import { call, defineDomain, returns, stream } from './contract-spec.js';
import type { EngineChoice, EngineConnectionState, EngineConnectionsReport } from './connection-types.js';

/** The CLI's rule for connection names (`berth system connection add`). */
export const CONNECTION_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

const connectionName = z
  .string()
  .min(1, 'give the connection a name')
  .max(128, 'use at most 128 characters')
  .regex(CONNECTION_NAME_PATTERN, 'use letters, digits, "_", "." and "-", starting with a letter or digit');

export const connectionAddInput = z
  .object({
    name: connectionName,
    destination: z
      .string()
      .max(4096)
      .regex(/^(unix|ssh):\/\/\S+$/, 'use unix:///path/to/socket or ssh://[user@]host[:port]/path/to/socket'),
    /** An ssh private key on the app's host (ssh:// destinations only). */
    identity: z.string().max(4096).regex(/^\//, 'use the absolute path of an ssh private key').optional(),
    /** Make it the default connection (the first one added always is). */
    makeDefault: z.boolean().default(false),
  })
  .strict();

/** A connection by name, or `{ local: true }` for the embedded engine (a connection may be called "local"). */
export const connectionUseInput = z
  .object({ name: connectionName.optional(), local: z.literal(true).optional() })
  .strict()
  .refine((input) => (input.name === undefined) !== (input.local === undefined), {
    message: 'give either name (a stored connection) or local: true (the embedded engine)',
  });

const byName = z.object({ name: connectionName }).strict();

export const connectionContract = defineDomain('connections', {
  calls: {
    /** The local engine and every stored connection: which is the default, which one is in use. */
    'connections.list': call(z.object({}).strict(), returns<EngineConnectionsReport>()),
    /**
     * Switches the engine the app uses: opens and checks the new one, then closes the old one.
     * A failure leaves the app on its previous engine. Remembered across restarts.
     */
    'connections.use': call(connectionUseInput, returns<EngineConnectionState>()),
    /** Stores a connection (refused if the name is taken: remove it first). */
    'connections.add': call(connectionAddInput, returns<EngineChoice>()),
    /** Forgets a connection; not the one in use (switch away first). */
    'connections.remove': call(byName, returns<{ name: string }>()),
    'connections.setDefault': call(byName, returns<{ name: string }>()),
  },
  streams: {
    /** The engine in use now, then again each time it changes (switch, connect, disconnect). */
    'connections.watch': stream(z.object({}).strict(), returns<EngineConnectionState>()),
  },
});
