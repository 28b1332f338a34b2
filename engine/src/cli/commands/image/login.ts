// `berth login [REGISTRY]`: checks the credentials against the registry, then saves them where
// podman keeps them (auth-file-write.ts). A refusal saves nothing: one Error line, exit 125.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import {
  authKeyFor,
  saveCredentials,
  storedUsername,
  writableAuthFile,
} from '../../../config/auth-file-write.js';
import { loadRegistriesConf } from '../../../config/registries-conf.js';
import { lookupCredentials, type Credentials } from '../../../config/registry-credentials.js';
import { checkLogin } from '../../../image/registry-login.js';
import { AUTHFILE_FLAG, CERT_DIR_FLAG, TLS_VERIFY_FLAG, tlsVerifyOption } from './registry-flags.js';
import { promptLine, readAllStdin, stdinIsTerminal } from './terminal-prompt.js';

const command: CommandModule = {
  usage: '[options] [REGISTRY]',
  description: 'Log into a container registry on a specified server.',
  examples: [
    'berth login quay.io',
    'berth login --username ... --password ... quay.io',
    'berth login --authfile authdir/myauths.json quay.io',
  ],
  flags: [
    AUTHFILE_FLAG,
    CERT_DIR_FLAG,
    { name: 'get-login', type: 'bool', help: 'Return the current login user for the registry' },
    { name: 'password', short: 'p', type: 'string', help: 'Password for registry' },
    { name: 'password-stdin', type: 'bool', help: 'Take the password from stdin' },
    TLS_VERIFY_FLAG,
    { name: 'username', short: 'u', type: 'string', help: 'Username for registry' },
    { name: 'verbose', short: 'v', type: 'bool', help: 'Write more detailed information to stdout' },
  ],
  args: { max: 1 },
  async run(ctx) {
    const conf = loadRegistriesConf();
    const typed = ctx.args[0] ?? conf.unqualifiedSearchRegistries[0];
    if (!typed) throw new CliError('please provide a registry to log in to');
    const registry = authKeyFor(typed);
    const file = writableAuthFile(process.env, ctx.flags.string('authfile') || undefined);
    if (ctx.flags.bool('get-login')) {
      const user = storedUsername(file, registry);
      if (user === undefined) throw new CliError(`not logged into ${registry}`);
      ctx.stdout.write(`${user}\n`);
      return;
    }
    // Set means given, even empty (`-p ''`); unset flags read as undefined.
    let username = ctx.flags.has('username') ? (ctx.flags.string('username') ?? '') : undefined;
    let password = ctx.flags.has('password') ? (ctx.flags.string('password') ?? '') : undefined;
    if (ctx.flags.bool('password-stdin')) {
      if (password !== undefined) throw new CliError("can't specify both --password-stdin and --password");
      if (!username) throw new CliError('must provide --username with --password-stdin');
      password = (await readAllStdin()).replace(/\r?\n$/, '');
    }
    const check = (credentials: Credentials) =>
      checkLogin({
        registry,
        credentials,
        conf,
        tlsVerify: tlsVerifyOption(ctx.flags),
        certDir: ctx.flags.string('cert-dir') || undefined,
      });
    if (username === undefined && password === undefined) {
      const existing = lookupCredentials(registry, '', {
        authfile: ctx.flags.string('authfile') || undefined,
      });
      if (existing) {
        ctx.stdout.write(`Authenticating with existing credentials for ${registry}\n`);
        try {
          await check(existing);
          ctx.stdout.write(`Existing credentials are valid. Already logged in to ${registry}\n`);
          return;
        } catch {
          ctx.stdout.write('Existing credentials are invalid, please enter valid username and password\n');
        }
      }
    }
    if (username === undefined || password === undefined) {
      if (!stdinIsTerminal())
        throw new CliError(
          `logging into "${registry}": cannot prompt for ${username === undefined ? 'a username' : 'a password'}: stdin is not a terminal: use --username with --password or --password-stdin`,
        );
      username ??= await promptLine('Username: ', ctx.stdout);
      password ??= await promptLine('Password: ', ctx.stdout, true);
    }
    if (!username)
      throw new CliError(`logging into "${registry}": the username is empty: give one with --username`);
    await check({ username, password });
    saveCredentials(file, registry, { username, password });
    ctx.stdout.write('Login Succeeded!\n');
  },
};
export default command;
