// The two terminal streams over the Docker API: `containers.terminal` creates an exec session
// with a TTY and hijacks its start; `containers.attach` hijacks the container's attach. What the
// client types is written to the connection, resizes go to the resize routes, and the stream
// ends with the exit code (of the exec session, or of the container once it stopped).
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { EngineStreams, StreamContext } from '../contract/engine-contract.js';
import type { TerminalInput, TerminalOutput } from '../contract/terminal-io.js';
import { DOCKER, enc, type RemoteContext } from './remote-context.js';

type TerminalStreams = Pick<EngineStreams, 'containers.terminal' | 'containers.attach'>;
type Json = Record<string, unknown>;

/** Pipes the connection's output out as items and the client's input in, until either side ends. */
async function* pump(
  socket: Duplex,
  context: StreamContext<TerminalInput>,
  resize: (cols: number, rows: number) => Promise<unknown>,
): AsyncGenerator<TerminalOutput> {
  const decoder = new StringDecoder('utf8');
  const onAbort = () => socket.destroy();
  context.signal.addEventListener('abort', onAbort, { once: true });
  const feeding = (async () => {
    for await (const message of context.incoming) {
      if (socket.destroyed) break;
      if (message.type === 'data') socket.write(message.data);
      else await resize(message.cols, message.rows).catch(() => undefined);
    }
  })().catch(() => undefined);
  try {
    for await (const chunk of socket) {
      const text = decoder.write(chunk as Buffer);
      if (text) yield { type: 'data', data: text };
    }
    const rest = decoder.end();
    if (rest) yield { type: 'data', data: rest };
  } catch (error) {
    if (!context.signal.aborted) throw error;
  } finally {
    context.signal.removeEventListener('abort', onAbort);
    socket.destroy();
    void feeding;
  }
}

export function remoteTerminalStreams({ api }: RemoteContext): TerminalStreams {
  return {
    'containers.terminal': async function* (input, context) {
      const exec = await api.json<{ Id: string }>(
        'POST',
        `${DOCKER}/containers/${enc(input.container)}/exec`,
        {
          json: {
            Cmd: input.command,
            Tty: true,
            AttachStdin: true,
            AttachStdout: true,
            AttachStderr: true,
            ...(input.user ? { User: input.user } : {}),
            ...(input.workdir ? { WorkingDir: input.workdir } : {}),
          },
        },
      );
      const socket = await api.hijack('POST', `${DOCKER}/exec/${exec.Id}/start`, {
        json: { Detach: false, Tty: true },
      });
      const resize = (cols: number, rows: number) =>
        api.request('POST', `${DOCKER}/exec/${exec.Id}/resize`, { query: { h: rows, w: cols } });
      await resize(input.cols, input.rows).catch(() => undefined);
      yield* pump(socket, context, resize);
      if (context.signal.aborted) return;
      const state = await api.json<{ ExitCode: number | null; Running: boolean }>(
        'GET',
        `${DOCKER}/exec/${exec.Id}/json`,
      );
      yield { type: 'exit', code: state.ExitCode ?? 0 };
    },
    'containers.attach': async function* (input, context) {
      const path = `${DOCKER}/containers/${enc(input.container)}`;
      const socket = await api.hijack('POST', `${path}/attach`, {
        query: { stream: true, stdin: true, stdout: true, stderr: true },
      });
      const resize = (cols: number, rows: number) =>
        api.request('POST', `${path}/resize`, { query: { h: rows, w: cols } });
      if (input.cols && input.rows) await resize(input.cols, input.rows).catch(() => undefined);
      yield* pump(socket, context, resize);
      if (context.signal.aborted) return;
      const state = (await api.json<Json>('GET', `${path}/json`)).State as Json;
      if (!state.Running) yield { type: 'exit', code: Number(state.ExitCode ?? 0) };
    },
  };
}
