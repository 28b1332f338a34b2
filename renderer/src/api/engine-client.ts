// The renderer's typed view of the engine: `engine.call('images.list', {})` and
// `engine.stream('images.pull', { reference })` are checked against the contract at compile
// time; the serving side validates again at run time.
import type {
  CallInput,
  CallName,
  CallResult,
  StreamInput,
  StreamItem,
  StreamName,
  StreamSend,
} from '../../../engine/src/contract/engine-contract.js';
import { EngineStream, type OpenStreamOptions } from '../transport/engine-stream.js';
import type { Transport } from '../transport/transport.js';

export interface EngineClient {
  call<N extends CallName>(method: N, input: CallInput<N>): Promise<CallResult<N>>;
  stream<N extends StreamName>(
    name: N,
    input: StreamInput<N>,
    options?: OpenStreamOptions,
  ): EngineStream<StreamItem<N>, StreamSend<N>>;
  transport: Transport;
}

export function createEngineClient(transport: Transport): EngineClient {
  return {
    transport,
    call: (method, input) => transport.call(method, input) as Promise<never>,
    stream: (name, input, options) => new EngineStream(transport, name, input, options),
  };
}
