// Makes the engine client available to every page.
import { createContext, useContext, type ReactNode } from 'react';
import type { EngineClient } from './engine-client.js';

const EngineContext = createContext<EngineClient | undefined>(undefined);

export function EngineProvider({ client, children }: { client: EngineClient; children: ReactNode }) {
  return <EngineContext.Provider value={client}>{children}</EngineContext.Provider>;
}

export function useEngine(): EngineClient {
  const client = useContext(EngineContext);
  if (!client) throw new Error('useEngine() outside <EngineProvider>');
  return client;
}
