// Device nodes and extended attributes, which Node cannot make: it has no mknod(2) and no
// setxattr(2). Rather than a native addon, one short-lived `perl` (perl-base is Essential on Debian,
// present everywhere Berth runs) makes them with raw system calls, in one batch per layer.
// Used for overlay whiteouts (char device 0/0), `trusted.overlay.opaque=y`, file capabilities
// from PAX headers, and device nodes in layers (root only).
import { execFileSync, spawn } from 'node:child_process';
import { ImageError } from './image-errors.js';

/** System call numbers: mknodat, lsetxattr, lgetxattr (from the kernel's syscall tables). */
const SYSCALLS: Record<string, [number, number, number]> = {
  x64: [259, 189, 192],
  arm64: [33, 6, 9],
  riscv64: [33, 6, 9],
  loong64: [33, 6, 9],
};

// Records are NUL-separated fields; values travel hex-encoded so any byte survives.
//   N path mode dev uid gid mtime   mknodat + chown + chmod + utime
//   X path name hexvalue            lsetxattr
//   G path name                     lgetxattr, printed as "hex\n" or "-\n" when absent
const PERL_PROGRAM = String.raw`
use strict; use warnings;
my ($mknodat, $lsetxattr, $lgetxattr) = map { $_ + 0 } @ARGV;
umask 0;
local $/; my $input = <STDIN>; $input = '' unless defined $input;
my @f = split /\0/, $input, -1; pop @f if @f && $f[-1] eq '';
my $i = 0;
while ($i < @f) {
  my $op = $f[$i++];
  if ($op eq 'N') {
    my ($path, $mode, $dev, $uid, $gid, $mtime) = @f[$i .. $i + 5]; $i += 6;
    syscall($mknodat, -100, $path, $mode + 0, $dev + 0) == 0 or die "mknod $path: $!\n";
    chown($uid + 0, $gid + 0, $path) or die "chown $path: $!\n";
    chmod(($mode + 0) & 07777, $path) or die "chmod $path: $!\n";
    utime($mtime + 0, $mtime + 0, $path) or die "utime $path: $!\n";
  } elsif ($op eq 'X') {
    my ($path, $name, $hex) = @f[$i .. $i + 2]; $i += 3;
    my $value = pack('H*', $hex);
    syscall($lsetxattr, $path, $name, $value, length($value), 0) == 0 or die "setxattr $name on $path: $!\n";
  } elsif ($op eq 'G') {
    my ($path, $name) = @f[$i .. $i + 1]; $i += 2;
    my $buf = "\0" x 65536;
    my $n = syscall($lgetxattr, $path, $name, $buf, 65536);
    print $n < 0 ? "-\n" : unpack('H*', substr($buf, 0, $n)) . "\n";
  } else { die "unknown operation $op\n"; }
}
`;

export const S_IFCHR = 0o020000;
export const S_IFBLK = 0o060000;
export const S_IFIFO = 0o010000;

export type SpecialOperation =
  | {
      op: 'mknod';
      path: string;
      mode: number;
      major: number;
      minor: number;
      uid: number;
      gid: number;
      mtimeSeconds: number;
    }
  | { op: 'setxattr'; path: string; name: string; value: Buffer };

/** Linux's makedev(): the dev_t for a major/minor pair. */
export function makeDev(major: number, minor: number): bigint {
  const ma = BigInt(major);
  const mi = BigInt(minor);
  return (mi & 0xffn) | ((ma & 0xfffn) << 8n) | ((mi & ~0xffn) << 12n) | ((ma & ~0xfffn) << 32n);
}

function syscallArgs(): string[] {
  const numbers = SYSCALLS[process.arch];
  if (!numbers)
    throw new ImageError(`device nodes and extended attributes are not supported on ${process.arch} yet`);
  return numbers.map(String);
}

function encode(operations: readonly SpecialOperation[]): Buffer {
  const fields: string[] = [];
  for (const o of operations) {
    if (o.op === 'mknod')
      fields.push(
        'N',
        o.path,
        String(o.mode),
        makeDev(o.major, o.minor).toString(),
        String(o.uid),
        String(o.gid),
        String(o.mtimeSeconds),
      );
    else fields.push('X', o.path, o.name, o.value.toString('hex'));
  }
  for (const f of fields)
    if (f.includes('\0'))
      throw new ImageError(`a path or attribute name contains a NUL byte: ${JSON.stringify(f)}`);
  return Buffer.from(fields.map((f) => `${f}\0`).join(''));
}

/** Runs a batch of operations in one perl process; rejects with what failed. */
export function applySpecialOperations(operations: readonly SpecialOperation[]): Promise<void> {
  if (operations.length === 0) return Promise.resolve();
  const input = encode(operations);
  return new Promise((resolve, reject) => {
    const child = spawn('perl', ['-e', PERL_PROGRAM, ...syscallArgs()], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (error) =>
      reject(
        new ImageError(
          `running perl to create device nodes and extended attributes: ${error.message}: install perl-base`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new ImageError(
            `creating device nodes or extended attributes: ${stderr.trim() || `perl exited with ${code}`}`,
          ),
        );
    });
    child.stdin.end(input);
  });
}

/** Reads one extended attribute (no symlink following); undefined when absent. */
export function getXattr(path: string, name: string): Buffer | undefined {
  const out = execFileSync('perl', ['-e', PERL_PROGRAM, ...syscallArgs()], { input: `G\0${path}\0${name}\0` })
    .toString()
    .trim();
  return out === '-' ? undefined : Buffer.from(out, 'hex');
}

/** Reads one extended attribute of many paths in one perl run; undefined where absent. */
export function getXattrs(paths: readonly string[], name: string): Promise<(Buffer | undefined)[]> {
  if (paths.length === 0) return Promise.resolve([]);
  const input = Buffer.from(paths.map((p) => `G\0${p}\0${name}\0`).join(''));
  return new Promise((resolve, reject) => {
    const child = spawn('perl', ['-e', PERL_PROGRAM, ...syscallArgs()], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (error) =>
      reject(new ImageError(`running perl to read extended attributes: ${error.message}: install perl-base`)),
    );
    child.on('close', (code) => {
      if (code !== 0)
        return reject(
          new ImageError(`reading extended attributes: ${stderr.trim() || `perl exited with ${code}`}`),
        );
      const lines = stdout.split('\n');
      resolve(
        paths.map((_, i) =>
          lines[i] === '-' || lines[i] === undefined ? undefined : Buffer.from(lines[i]!, 'hex'),
        ),
      );
    });
    child.stdin.end(input);
  });
}
