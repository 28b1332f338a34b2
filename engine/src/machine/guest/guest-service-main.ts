// The program the machine's init starts first: `node start-api-service.cjs SOCKET [--root DIR
// --runroot DIR] [--ready-note FILE] [--warm-code-cache]`, bundled to CommonJS beside api-service.cjs (the service
// itself) by build/machine-image/bundle-guest-service.mjs. It loads the service with its V8 code
// cache and starts it. A missing or stale cache (another Node, other V8 flags) is written anew
// once the service listens, so only that start pays for compiling. --ready-note appends a line to
// FILE (the console) when the service listens, for the boot's timeline. --warm-code-cache is the image
// build's run on the host: start on a scratch store, answer the requests a `machine start` and
// the first docker commands make, write the cache and exit.
import { appendFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { GuestApiServiceOptions, startGuestApiService } from './guest-api-service.js';
import { loadCachedScript } from './cached-script.js';

interface ServiceModule {
  startGuestApiService: typeof startGuestApiService;
}

const USAGE =
  'usage: start-api-service.cjs SOCKET [--root DIR --runroot DIR] [--ready-note FILE] [--warm-code-cache]';
const WARM_PATHS = ['/_ping', '/version', '/info', '/containers/json?all=1', '/images/json'];

interface MainOptions extends GuestApiServiceOptions {
  warm: boolean;
  readyNote?: string;
}

function parseArguments(argv: string[]): MainOptions {
  const options: MainOptions = { socketPath: '', warm: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--warm-code-cache') options.warm = true;
    else if (arg === '--root' || arg === '--runroot' || arg === '--ready-note') {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a path: ${USAGE}`);
      if (arg === '--ready-note') options.readyNote = value;
      else options[arg === '--root' ? 'root' : 'runroot'] = value;
    } else if (!options.socketPath && arg.startsWith('/')) options.socketPath = arg;
    else throw new Error(`unexpected argument ${JSON.stringify(arg)}: ${USAGE}`);
  }
  if (!options.socketPath) throw new Error(`no socket path given: ${USAGE}`);
  return options;
}

function get(socketPath: string, requestPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath, path: requestPath }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** "berth-init: <uptime> s: ..." as the machine's init writes its own steps on the console. */
function writeReadyNote(file: string, note: string): void {
  try {
    const uptime = readFileSync('/proc/uptime', 'utf8').split(' ')[0];
    appendFileSync(file, `berth-init: ${uptime} s: ${note}\n`);
  } catch (error) {
    process.stderr.write(`start-api-service: cannot write to ${file}: ${(error as Error).message}\n`);
  }
}

async function main(): Promise<void> {
  // performance.now() counts from the process's start: what Node's own start-up took.
  const nodeStartup = performance.now();
  const options = parseArguments(process.argv.slice(2));
  const bundle = path.join(path.dirname(process.argv[1]!), 'api-service.cjs');
  const loaded = loadCachedScript<ServiceModule>(bundle);
  const service = await loaded.exports.startGuestApiService({
    socketPath: options.socketPath,
    root: options.root,
    runroot: options.runroot,
  });
  const note = `API service listening, ${Math.round(performance.now())} ms after Node started (${Math.round(nodeStartup)} ms of Node's own start-up; ${loaded.cacheUsed ? 'code cache used' : 'no usable code cache'})`;
  process.stderr.write(`start-api-service: ${note}\n`);
  if (options.readyNote) writeReadyNote(options.readyNote, note);
  if (options.warm) {
    for (const requestPath of WARM_PATHS) {
      const status = await get(options.socketPath, requestPath);
      if (status !== 200) throw new Error(`warming the code cache: GET ${requestPath} answered ${status}`);
    }
    loaded.writeCache();
    await service.close();
    return;
  }
  // After the service's first answers, so writing never delays the start being measured.
  if (!loaded.cacheUsed) setTimeout(() => loaded.writeCache(), 2_000).unref();
}

main().catch((error: Error) => {
  process.stderr.write(`start-api-service: ${error.message}\n`);
  process.exit(1);
});
