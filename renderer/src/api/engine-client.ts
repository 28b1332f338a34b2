// The renderer's typed view of the engine: `engine.call('system.info', {})` is checked against
// the contract at compile time; the serving side validates again at run time.
import type { CallInput, CallName, CallResult } from '../../../engine/src/contract/engine-contract.js';
import type { Transport } from '../transport/transport.js';

export interface EngineClient {
  call<N extends CallName>(method: N, input: CallInput<N>): Promise<CallResult<N>>;
  transport: Transport;
}

export function createEngineClient(transport: Transport): EngineClient {
  return {
    transport,
    call: (method, input) => transport.call(method, input) as Promise<never>,
  };
}
