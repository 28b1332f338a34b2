// A tiny levelled logger on stderr, configured once by the CLI's --log-level (podman's levels).
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'panic'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

let threshold = LOG_LEVELS.indexOf('warn');
let sink: (line: string) => void = (line) => process.stderr.write(line);

export function setLogLevel(level: LogLevel): void {
  threshold = LOG_LEVELS.indexOf(level);
}

/** Tests capture log lines here. */
export function setLogSink(write: (line: string) => void): void {
  sink = write;
}

function emit(level: LogLevel, message: string): void {
  if (LOG_LEVELS.indexOf(level) < threshold) return;
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
