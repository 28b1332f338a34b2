// Signal names and numbers as podman accepts them (`TERM`, `SIGTERM`, `15`), normalised to the
// name without `SIG` that the runtime takes.
import { constants } from 'node:os';

export class SignalError extends Error {
  readonly exitCode = 125;
}

const BY_NUMBER = new Map<number, string>(
  Object.entries(constants.signals).map(([name, number]) => [number, name.replace(/^SIG/, '')]),
);

export function parseSignal(value: string): string {
  const text = value.trim().toUpperCase();
  if (/^\d+$/.test(text)) {
    const name = BY_NUMBER.get(Number(text));
    if (!name) throw new SignalError(`invalid signal: ${value}`);
    return name;
  }
  const name = text.replace(/^SIG/, '');
  if (!(`SIG${name}` in constants.signals)) throw new SignalError(`invalid signal: ${value}`);
  return name;
}
