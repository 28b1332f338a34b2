// `port`: a container's published ports as podman prints them (`80/tcp -> 0.0.0.0:8080`), read
// from the -p specs recorded at create. Networking (issue 5) applies them; this only parses them:
// `[ip:][hostPort:]containerPort[/protocol]`, ports or equal-sized ranges, IPv6 in brackets.

export class PortSpecError extends Error {
  readonly exitCode = 125;
}

export interface PortMapping {
  hostIp: string;
  /** 0 when the spec named no host port (the network layer picks one). */
  hostPort: number;
  containerPort: number;
  protocol: string;
  /** How many consecutive ports the mapping covers. */
  range: number;
}

function parsePort(text: string, spec: string): [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  const start = Number(match?.[1]);
  const end = match?.[2] === undefined ? start : Number(match[2]);
  if (!match || start < 1 || end > 65535 || end < start)
    throw new PortSpecError(`invalid port "${text}" in "${spec}": use a number or range within 1-65535`);
  return [start, end - start + 1];
}

/** Splits `ip:host:container` honouring `[ipv6]`. */
function splitSpec(spec: string): string[] {
  if (spec.startsWith('[')) {
    const close = spec.indexOf(']');
    if (close < 0) throw new PortSpecError(`invalid port mapping "${spec}": unclosed "["`);
    return [spec.slice(1, close), ...spec.slice(close + 2).split(':')];
  }
  return spec.split(':');
}

export function parsePublish(spec: string): PortMapping[] {
  const slash = spec.lastIndexOf('/');
  const body = slash < 0 ? spec : spec.slice(0, slash);
  const protocols =
    slash < 0
      ? ['tcp']
      : spec
          .slice(slash + 1)
          .toLowerCase()
          .split(',');
  for (const p of protocols)
    if (!['tcp', 'udp', 'sctp'].includes(p))
      throw new PortSpecError(`invalid protocol "${p}" in "${spec}": use tcp, udp or sctp`);
  const parts = splitSpec(body);
  if (parts.length > 3)
    throw new PortSpecError(`invalid port mapping "${spec}": use [ip:][hostPort:]containerPort`);
  const containerText = parts[parts.length - 1]!;
  const hostText = parts.length >= 2 ? parts[parts.length - 2]! : '';
  const hostIp = parts.length === 3 ? parts[0]! : '';
  const [containerPort, range] = parsePort(containerText, spec);
  let hostPort = 0;
  if (hostText !== '') {
    const [start, hostRange] = parsePort(hostText, spec);
    if (hostRange !== 1 && hostRange !== range)
      throw new PortSpecError(`invalid port mapping "${spec}": the host and container ranges differ in size`);
    hostPort = start;
  }
  return protocols.map((protocol) => ({ hostIp, hostPort, containerPort, protocol, range }));
}

const PROTOCOL_ORDER = ['tcp', 'udp', 'sctp'];

/** All mappings of a container, in podman's order (protocol, then host port). */
export function publishedPorts(publish: readonly string[]): PortMapping[] {
  return publish
    .flatMap(parsePublish)
    .sort(
      (a, b) =>
        PROTOCOL_ORDER.indexOf(a.protocol) - PROTOCOL_ORDER.indexOf(b.protocol) ||
        a.hostPort - b.hostPort ||
        a.containerPort - b.containerPort,
    );
}

/** One line per port: `80/tcp -> 0.0.0.0:8080`. */
export function portLines(mappings: readonly PortMapping[]): string[] {
  const lines: string[] = [];
  for (const m of mappings)
    for (let i = 0; i < m.range; i++)
      lines.push(
        `${m.containerPort + i}/${m.protocol} -> ${m.hostIp || '0.0.0.0'}:${m.hostPort === 0 ? 0 : m.hostPort + i}`,
      );
  return lines;
}

/** The host address for one container port (`80`, `80/udp`), or undefined when not published. */
export function lookupPort(mappings: readonly PortMapping[], query: string): string[] {
  const [portText, protocol = 'tcp'] = query.split('/');
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new PortSpecError(`invalid port "${query}": use PORT or PORT/PROTOCOL, e.g. 80/tcp`);
  return mappings
    .filter((m) => m.protocol === protocol && m.containerPort <= port && port < m.containerPort + m.range)
    .map((m) => `${m.hostIp || '0.0.0.0'}:${m.hostPort === 0 ? 0 : m.hostPort + (port - m.containerPort)}`);
}
