// Extended attributes for copy-up: file capabilities (security.capability, e.g. ping's
// cap_net_raw) and user./trusted. attributes travel with the files, as `cp -a` would keep them.
// Node has no xattr calls, so, like image/special-files.ts, one short-lived perl makes the raw
// system calls. It walks both trees by descriptor (openat with O_NOFOLLOW from the two directory
// descriptors it inherits as fds 3 and 4) and uses the l*xattr calls on /proc/self/fd/N/name, so
// it follows no symlink either. Attributes are copied where the target file system takes them;
// the ones it refuses are counted and reported, not fatal ("where possible").
import { spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { log } from '../util/logger.js';

/** openat, llistxattr, lgetxattr, lsetxattr, close (from the kernel's syscall tables). */
const SYSCALLS: Record<string, [number, number, number, number, number]> = {
  x64: [257, 195, 192, 189, 3],
  arm64: [56, 12, 9, 6, 57],
  riscv64: [56, 12, 9, 6, 57],
  loong64: [56, 12, 9, 6, 57],
};

// Which attributes may be copied: never overlay's own (trusted.overlay.*), as layer extraction.
const PERL_PROGRAM = String.raw`
use strict; use warnings;
my ($openat, $llistxattr, $lgetxattr, $lsetxattr, $close, $dirflags) = map { $_ + 0 } @ARGV;
my $allowed = qr/^(?:security\.capability|user\..+|trusted\.(?!overlay\.).+)$/s;
my ($copied, $refused) = (0, 0);
sub names_of {
  my ($path) = @_;
  my $buf = "\0" x 65536;
  my $n = syscall($llistxattr, $path, $buf, 65536);
  return () if $n <= 0;
  return grep { length } split /\0/, substr($buf, 0, $n);
}
sub copy_attrs {
  my ($src, $dst) = @_;
  for my $name (names_of($src)) {
    next unless $name =~ $allowed;
    my $val = "\0" x 65536;
    my $n = syscall($lgetxattr, $src, $name, $val, 65536);
    next if $n < 0;
    my $bytes = substr($val, 0, $n);
    if (syscall($lsetxattr, $dst, $name, $bytes, $n, 0) == 0) { $copied++ } else { $refused++ }
  }
}
sub walk {
  my ($sfd, $dfd) = @_;
  opendir(my $dh, "/proc/self/fd/$sfd") or die "reading a source directory: $!\n";
  my @names = grep { $_ ne '.' && $_ ne '..' } readdir($dh);
  closedir($dh);
  for my $name (@names) {
    my ($s, $d) = ("/proc/self/fd/$sfd/$name", "/proc/self/fd/$dfd/$name");
    lstat($s) or next;
    my $is_dir = -d _;
    lstat($d) or next; # not copied (device nodes, sockets)
    copy_attrs($s, $d);
    next unless $is_dir;
    my $cs = syscall($openat, $sfd, $name, $dirflags);
    my $cd = $cs >= 0 ? syscall($openat, $dfd, $name, $dirflags) : -1;
    walk($cs, $cd) if $cs >= 0 && $cd >= 0;
    syscall($close, $cs) if $cs >= 0;
    syscall($close, $cd) if $cd >= 0;
  }
}
walk(3, 4);
print "$copied $refused\n";
`;

export interface XattrCopySummary {
  copied: number;
  /** Attributes the target file system refused (no support, or no privilege for trusted.*). */
  refused: number;
}

/** Copies extended attributes between two copied trees open as directory descriptors. */
export function copyExtendedAttributes(sourceFd: number, targetFd: number): XattrCopySummary {
  const numbers = SYSCALLS[process.arch];
  if (!numbers) {
    log.warn(
      `copy-up keeps no extended attributes on ${process.arch}: its system call numbers are not known`,
    );
    return { copied: 0, refused: 0 };
  }
  const dirFlags = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
  const result = spawnSync('perl', ['-e', PERL_PROGRAM, ...numbers.map(String), String(dirFlags)], {
    stdio: ['ignore', 'pipe', 'pipe', sourceFd, targetFd],
    timeout: 600_000,
  });
  if (result.error || result.status !== 0) {
    log.warn(
      `copy-up did not copy extended attributes: ${result.error?.message ?? result.stderr.toString().trim()} (is perl-base installed?)`,
    );
    return { copied: 0, refused: 0 };
  }
  const [copied = 0, refused = 0] = result.stdout.toString().trim().split(' ').map(Number);
  if (refused > 0) log.warn(`copy-up: the volume's file system refused ${refused} extended attribute(s)`);
  return { copied, refused };
}
