// A tiny levelled logger on stderr, configured once by the CLI's --log-level (podman's levels).
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'panic'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

let threshold = LOG_LEVELS.indexOf('warn');
const writeStderr = (line: string): void => void process.stderr.write(line);
let sink: (line: string) => void = writeStderr;

export function setLogLevel(level: LogLevel): void {
  threshold = LOG_LEVELS.indexOf(level);
}

/** Tests capture log lines here. */
export function setLogSink(write: (line: string) => void): void {
  sink = write;
}

const started = Date.now();

function emit(level: LogLevel, message: string): void {
  if (LOG_LEVELS.indexOf(level) < threshold) return;
  // As podman's logrus: `WARN[0000] message` on a terminal, key=value lines for pipes and files.
  if (sink === writeStderr && process.stderr.isTTY) {
    const seconds = String(Math.floor((Date.now() - started) / 1000)).padStart(4, '0');
    sink(`${level.toUpperCase().slice(0, 4)}[${seconds}] ${message}\n`);
    return;
  }
  const time = new Date().toISOString();
  sink(`time="${time}" level=${level === 'warn' ? 'warning' : level} msg=${JSON.stringify(message)}\n`);
}

export const log = {
  trace: (message: string) => emit('trace', message),
  debug: (message: string) => emit('debug', message),
  info: (message: string) => emit('info', message),
  warn: (message: string) => emit('warn', message),
  error: (message: string) => emit('error', message),
};
