// What the host already uses, so that a new network takes neither a bridge name nor a subnet that
// is in use: interfaces from /sys/class/net, IPv4 routes from /proc/net/route (a bridge of another
// store, a VPN, the LAN...).
import { existsSync, readFileSync } from 'node:fs';
import type { Ipv4Subnet } from './ipv4.js';

export function hostInterfaceExists(name: string): boolean {
  return existsSync(`/sys/class/net/${name}`);
}

/** Routed IPv4 subnets of the host, the default route left out. */
export function hostRouteSubnets(): Ipv4Subnet[] {
  let text: string;
  try {
    text = readFileSync('/proc/net/route', 'utf8');
  } catch {
    return [];
  }
  const subnets: Ipv4Subnet[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8) continue;
    // Little-endian hex: 0058A8C0 is 192.168.88.0.
    const destination = littleEndianHex(fields[1]!);
    const mask = littleEndianHex(fields[7]!);
    if (mask === 0) continue;
    const prefix = 32 - Math.log2(2 ** 32 - mask);
    if (!Number.isInteger(prefix)) continue;
    subnets.push({ base: destination, prefix });
  }
  return subnets;
}

function littleEndianHex(hex: string): number {
  const value = Number.parseInt(hex, 16);
  return (
    ((value & 0xff) * 2 ** 24 +
      ((value >>> 8) & 0xff) * 2 ** 16 +
      ((value >>> 16) & 0xff) * 2 ** 8 +
      (value >>> 24)) >>>
    0
  );
}
