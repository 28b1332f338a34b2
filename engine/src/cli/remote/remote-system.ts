// `version`, `info`, `pull` and `inspect` through a RemoteEngine, printed as the local commands
// print them (version adds the Server section, as podman's remote client does).
import { stringify } from 'yaml';
import type { CommandContext } from '../command-spec.js';
import type { Engine } from '../../contract/engine-contract.js';
import type { VersionDetails } from '../../contract/system-types.js';
import { AsyncQueue } from '../../contract/async-queue.js';
import { renderSingle } from '../format/render-format.js';
import { CliError } from '../usage-error.js';

function versionBlock(title: string, d: VersionDetails): string {
  const rows: [string, string][] = [
    [`${title}:`, title === 'Client' ? 'Berth Engine' : ''],
    ['Version:', d.Version],
    ['API Version:', d.APIVersion],
  ];
  if (d.GitCommit) rows.push(['Git Commit:', d.GitCommit]);
  rows.push(['Built:', d.Built], ['OS/Arch:', d.OsArch]);
  return rows.map(([k, v]) => `${k.padEnd(14)}${v}`.trimEnd()).join('\n') + '\n';
}

export async function remoteVersion(ctx: CommandContext, engine: Engine): Promise<void> {
  const report = await engine['system.version']({});
  const format = ctx.flags.string('format');
  if (format) {
    ctx.stdout.write(renderSingle(format, report));
    return;
  }
  ctx.stdout.write(
    `${versionBlock('Client', report.Client)}\n${report.Server ? versionBlock('Server', report.Server) : ''}`,
  );
}

export async function remoteInfo(ctx: CommandContext, engine: Engine): Promise<void> {
  const report = await engine['system.info']({});
  const format = ctx.flags.string('format');
  ctx.stdout.write(format ? renderSingle(format, report) : stringify(report));
}

/** Pulls with podman's lines on stderr; the image ID on stdout unless it is part of `run`. */
export async function remotePullImage(
  ctx: CommandContext,
  engine: Engine,
  reference: string,
  quiet: boolean,
  printId = false,
): Promise<string> {
  let imageId = '';
  const stream = engine['images.pull'](
    { reference },
    { signal: new AbortController().signal, incoming: new AsyncQueue<never>() },
  );
  for await (const item of stream) {
    if (quiet) {
      if (item.type === 'stored') imageId = item.imageId;
      continue;
    }
    if (item.type === 'trying') ctx.stderr.write(`Trying to pull ${item.reference}...\n`);
    else if (item.type === 'layer' && item.status === 'done')
      ctx.stderr.write(`Copying blob ${item.digest} done\n`);
    else if (item.type === 'layer' && item.status === 'skipped')
      ctx.stderr.write(`Copying blob ${item.digest} skipped: already exists\n`);
    else if (item.type === 'warning') ctx.stderr.write(`WARNING: ${item.message}\n`);
    else if (item.type === 'resolved') ctx.stderr.write('Writing manifest to image destination\n');
    else if (item.type === 'stored') imageId = item.imageId;
  }
  if (printId) ctx.stdout.write(`${imageId}\n`);
  return imageId;
}

export async function remotePull(ctx: CommandContext, engine: Engine): Promise<void> {
  for (const reference of ctx.args)
    await remotePullImage(ctx, engine, reference, ctx.flags.bool('quiet'), true);
}

/** Containers first, then images, as `inspect` without --type looks them up. */
export async function remoteInspect(
  ctx: CommandContext,
  engine: Engine,
  only?: 'container' | 'image',
): Promise<number> {
  const type = only ?? (ctx.flags.has('type') ? ctx.flags.string('type') : 'all') ?? 'all';
  const results: unknown[] = [];
  let failed = false;
  for (const name of ctx.args) {
    let found: unknown;
    const notFound = (error: unknown) => (error as { wireCode?: string }).wireCode === 'not-found';
    if (type === 'all' || type === 'container')
      found = await engine['containers.inspect']({ container: name }).catch((e: unknown) =>
        notFound(e) ? undefined : Promise.reject(e),
      );
    if (found === undefined && (type === 'all' || type === 'image'))
      found = await engine['images.inspect']({ image: name }).catch((e: unknown) =>
        notFound(e) ? undefined : Promise.reject(e),
      );
    if (found === undefined) {
      failed = true;
      ctx.stderr.write(`Error: no such object: "${name}"\n`);
      continue;
    }
    results.push(found);
  }
  const format = ctx.flags.string('format');
  if (format && !/^\s*json\s*$/.test(format))
    ctx.stdout.write(results.map((r) => renderSingle(format, r)).join(''));
  else ctx.stdout.write(`${JSON.stringify(results, null, 4)}\n`);
  if (failed && results.length === 0 && ctx.args.length === 0)
    throw new CliError('inspect needs a name or ID');
  return failed ? 125 : 0;
}
