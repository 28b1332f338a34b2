// IPv4 arithmetic for the engine's address management (netavark assigns nothing itself).
import { NetworkError } from './network-errors.js';

export interface Ipv4Subnet {
  /** The network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff - (2 ** (32 - prefix) - 1)) >>> 0;
}

/** `10.89.0.0/24`; host bits set are cleared (podman accepts 10.89.0.5/24 as 10.89.0.0/24). */
export function parseSubnet(text: string): Ipv4Subnet {
  const [address, prefixText] = text.split('/');
  const ip = parseIpv4(address ?? '');
  const prefix = Number(prefixText);
  if (text.includes(':'))
    throw new NetworkError(`subnet ${text}: IPv6 networks are not supported yet: use an IPv4 subnet`);
  if (ip === undefined || !/^\d{1,2}$/.test(prefixText ?? '') || prefix > 32)
    throw new NetworkError(`invalid subnet "${text}": use CIDR notation such as 10.86.5.0/24`);
  if (prefix > 30) throw new NetworkError(`subnet ${text} is too small: use a prefix of /30 or shorter`);
  return { base: (ip & maskOf(prefix)) >>> 0, prefix };
}

export function formatSubnet(subnet: Ipv4Subnet): string {
  return `${formatIpv4(subnet.base)}/${subnet.prefix}`;
}

export function subnetSize(subnet: Ipv4Subnet): number {
  return 2 ** (32 - subnet.prefix);
}

export function subnetContains(subnet: Ipv4Subnet, ip: number): boolean {
  return ip >= subnet.base && ip < subnet.base + subnetSize(subnet);
}

export function subnetsOverlap(a: Ipv4Subnet, b: Ipv4Subnet): boolean {
  return a.base < b.base + subnetSize(b) && b.base < a.base + subnetSize(a);
}

/** Host addresses usable by containers: not the network, broadcast or `exclude` addresses. */
export function isUsableHost(subnet: Ipv4Subnet, ip: number): boolean {
  return subnetContains(subnet, ip) && ip !== subnet.base && ip !== subnet.base + subnetSize(subnet) - 1;
}
