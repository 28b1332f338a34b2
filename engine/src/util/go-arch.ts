// Node's process.arch in Go's GOARCH vocabulary, which podman prints and OCI images use.
const NODE_TO_GO_ARCH: Record<string, string> = {
  x64: 'amd64',
  ia32: '386',
  arm64: 'arm64',
  arm: 'arm',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  mips: 'mips',
  mipsel: 'mipsle',
  loong64: 'loong64',
};

export function goArch(arch: string = process.arch): string {
  return NODE_TO_GO_ARCH[arch] ?? arch;
}
