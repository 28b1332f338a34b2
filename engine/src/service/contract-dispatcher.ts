// Serves the contract to one front-end connection: validates each message and its input against
// the contract's schemas, calls the engine, and answers. Transport-neutral: the web mode's
// WebSocket and Electron's IPC both feed it raw messages and deliver what it sends.
import { CALL_INPUTS, isCallName, type EngineCalls } from '../contract/engine-contract.js';
import { ClientMessage, type ServerMessage, type WireError } from '../contract/wire-messages.js';

function toWireError(error: unknown): WireError {
  const code = (error as { wireCode?: unknown }).wireCode;
  return {
    message: error instanceof Error ? error.message : String(error),
    code: typeof code === 'string' ? code : 'internal',
  };
}

export class ContractDispatcher {
  private readonly openStreams = new Map<number, AbortController>();

  constructor(
    private readonly engine: EngineCalls,
    private readonly send: (message: ServerMessage) => void,
  ) {}

  async handle(raw: unknown): Promise<void> {
    const parsed = ClientMessage.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      this.send({
        kind: 'result',
        id,
        ok: false,
        error: {
          message: `malformed message: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
          code: 'invalid-input',
        },
      });
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'call':
        return this.call(message.id, message.method, message.input);
      case 'open':
        this.send({
          kind: 'end',
          id: message.id,
          error: { message: `unknown stream "${message.stream}"`, code: 'unknown-method' },
        });
        return;
      case 'cancel':
        this.openStreams.get(message.id)?.abort();
        this.openStreams.delete(message.id);
        return;
    }
  }

  private async call(id: number, method: string, input: unknown): Promise<void> {
    if (!isCallName(method)) {
      this.send({
        kind: 'result',
        id,
        ok: false,
        error: { message: `unknown method "${method}"`, code: 'unknown-method' },
      });
      return;
    }
    const checked = CALL_INPUTS[method].safeParse(input ?? {});
    if (!checked.success) {
      const issue = checked.error.issues[0];
      this.send({
        kind: 'result',
        id,
        ok: false,
        error: {
          message: `invalid input for ${method}: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`,
          code: 'invalid-input',
        },
      });
      return;
    }
    try {
      const handler = this.engine[method] as (input: unknown) => Promise<unknown>;
      const value = await handler(checked.data);
      this.send({ kind: 'result', id, ok: true, value });
    } catch (error) {
      this.send({ kind: 'result', id, ok: false, error: toWireError(error) });
    }
  }

  /** The connection closed: stop every stream it had open. */
  close(): void {
    for (const controller of this.openStreams.values()) controller.abort();
    this.openStreams.clear();
  }
}
