// `berth version`: kept free of heavy imports; it is the start-up benchmark.
import type { CommandModule } from '../../command-spec.js';
import type { VersionDetails } from '../../../contract/system-types.js';
import { versionDetails } from '../../../system/version-details.js';

function plain(title: string, d: VersionDetails): string {
  const rows: [string, string][] = [
    [`${title}:`, 'Berth Engine'],
    ['Version:', d.Version],
    ['API Version:', d.APIVersion],
    ['Node Version:', d.NodeVersion],
  ];
  if (d.GitCommit) rows.push(['Git Commit:', d.GitCommit]);
  rows.push(['Built:', d.Built], ['OS/Arch:', d.OsArch]);
  return rows.map(([k, v]) => `${k.padEnd(14)}${v}`).join('\n') + '\n';
}

const command: CommandModule = {
  usage: '[options]',
  description: 'Display the Berth version information',
  flags: [
    {
      name: 'format',
      short: 'f',
      type: 'string',
      valueName: 'string',
      help: 'Change the output format to JSON or a Go template',
    },
  ],
  args: { max: 0 },
  async run(ctx) {
    const report = { Client: versionDetails() };
    const format = ctx.flags.string('format');
    if (format) {
      const { renderSingle } = await import('../../format/render-format.js');
      ctx.stdout.write(renderSingle(format, report));
      return;
    }
    ctx.stdout.write(plain('Client', report.Client));
  },
};
export default command;
