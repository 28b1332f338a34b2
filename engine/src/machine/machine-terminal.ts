// The desktop app's terminal on a machine: a login shell on a terminal of the guest's own
// (the provider's terminal command: `ssh -tt` for QEMU), driven through pipes. Our side has no
// terminal whose size ssh could forward, so the guest's first line names its terminal device and
// each resize sets that device's size with `stty` over a second command; the guest's kernel then
// tells the shell (SIGWINCH). Cancelling the stream hangs the session up.
import { spawn } from 'node:child_process';
import type { StreamContext, StreamParams } from '../contract/engine-contract.js';
import { AsyncQueue } from '../contract/async-queue.js';
import type { TerminalInput, TerminalOutput } from '../contract/terminal-io.js';
import { providerFor } from './machine-providers.js';
import type { MachineRecord } from './machine-store.js';

/** Prints the terminal device, sets the first size, then becomes the user's login shell. */
const SHELL_WRAPPER = 'tty; stty cols "$1" rows "$2" 2>/dev/null; exec "${SHELL:-/bin/sh}" -l';
const TTY_LINE = /^(\/dev\/pts\/\d+)\r?\n/;
/** Output waiting for the client beyond this pauses the session's output (a slow client slows it). */
const HIGH_WATER_ITEMS = 256;

/** Sets the guest terminal's size, one command at a time, the latest size winning. */
function resizer(record: MachineRecord, device: () => string | undefined) {
  const provider = providerFor(record.config.vmType);
  let wanted: { cols: number; rows: number } | undefined;
  let running = false;
  const run = async () => {
    running = true;
    while (wanted) {
      const tty = device();
      if (!tty) break;
      const { cols, rows } = wanted;
      wanted = undefined;
      await provider
        .ssh(record, ['stty', '-F', tty, 'cols', String(cols), 'rows', String(rows)], { stdio: 'pipe' })
        .catch(() => undefined); // the session just ended, or the machine stopped
    }
    running = false;
  };
  return {
    resize(size: { cols: number; rows: number }) {
      wanted = size;
      if (!running && device()) void run();
    },
    /** Applies a size asked for before the device was known. */
    flush() {
      if (!running && wanted) void run();
    },
  };
}

export async function* machineTerminal(
  record: MachineRecord,
  input: StreamParams<'machines.terminal'>,
  context: StreamContext<TerminalInput>,
): AsyncGenerator<TerminalOutput> {
  const { signal } = context;
  signal.throwIfAborted();
  const command = providerFor(record.config.vmType).terminalCommand(record, [
    '/bin/sh',
    '-c',
    SHELL_WRAPPER,
    'sh',
    String(input.cols),
    String(input.rows),
  ]);
  // ssh hands $TERM to the guest's terminal: what xterm.js understands.
  const child = spawn(command.file, command.args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, TERM: 'xterm-256color' },
  });
  const output = new AsyncQueue<TerminalOutput>({
    onTake: () => {
      if (output.size < HIGH_WATER_ITEMS / 2) {
        child.stdout.resume();
        child.stderr.resume();
      }
    },
  });
  let device: string | undefined;
  let head: string | undefined = ''; // output before the device line; undefined once it is known
  const sizes = resizer(record, () => device);
  const decoder = new TextDecoder('utf-8');
  const emit = (data: string) => {
    if (!data) return;
    output.push({ type: 'data', data });
    if (output.size >= HIGH_WATER_ITEMS) {
      child.stdout.pause();
      child.stderr.pause();
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    const text = decoder.decode(chunk, { stream: true });
    if (head === undefined) return emit(text);
    head += text;
    const match = TTY_LINE.exec(head);
    if (match) {
      device = match[1];
      emit(head.slice(match[0].length));
      head = undefined;
      sizes.flush();
    } else if (head.includes('\n') || head.length > 256) {
      // Not the device line (no `tty` in the guest?): show it as it is; resizing stays off.
      emit(head);
      head = undefined;
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => emit(text.replace(/\r?\n/g, '\r\n')));
  child.stdin.on('error', () => undefined); // the session ended while input was on its way
  child.on('error', (error) => output.end(new Error(`cannot run ${command.file}: ${error.message}`)));
  child.on('close', (code, killedBy) => {
    if (head) emit(head);
    emit(decoder.decode());
    output.push({ type: 'exit', code: code ?? (killedBy ? 128 + 15 : 255) });
    output.end();
  });
  const hangUp = () => child.kill('SIGTERM');
  signal.addEventListener('abort', hangUp, { once: true });
  void (async () => {
    for await (const message of context.incoming) {
      if (message.type === 'data') child.stdin.write(message.data);
      else sizes.resize(message);
    }
  })().catch(() => undefined);
  try {
    yield* output;
  } finally {
    signal.removeEventListener('abort', hangUp);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}
