// `berth info`: host, runtimes, storage; YAML by default as podman prints it.
import { stringify } from 'yaml';
import type { CommandModule } from '../../command-spec.js';
import type { InfoReport } from '../../../contract/system-types.js';
import { hostReport } from '../../../system/host-info.js';
import { storeReport } from '../../../system/store-report.js';
import { versionDetails } from '../../../system/version-details.js';
import { resolveStorePaths } from '../../../config/store-paths.js';

const command: CommandModule = {
  usage: '[options]',
  description: 'Display information pertaining to the host, current storage stats, and build of Berth.',
  flags: [
    {
      name: 'format',
      short: 'f',
      type: 'string',
      valueName: 'string',
      help: 'Change the output format to JSON or a Go template',
    },
    { name: 'debug', short: 'D', type: 'bool', help: 'Display additional debug information', hidden: true },
  ],
  args: { max: 0 },
  async run(ctx) {
    const paths = resolveStorePaths(ctx.global);
    const report: InfoReport = {
      host: await hostReport({ runtime: ctx.global.runtime }),
      store: storeReport(paths),
      version: versionDetails(),
    };
    const format = ctx.flags.string('format');
    if (format) {
      const { renderSingle } = await import('../../format/render-format.js');
      ctx.stdout.write(renderSingle(format, report));
      return;
    }
    ctx.stdout.write(stringify(report, { indentSeq: false }));
  },
};
export default command;
