// Networks as the engine reports them to front ends: podman's `network inspect` (netavark's field
// names), with the containers connected to each, as podman lists them under `containers`.

export interface NetworkSubnet {
  subnet: string;
  gateway: string;
}

/** A container connected to a network: its name and, while it runs, its addresses there. */
export interface NetworkContainer {
  name: string;
  interfaces: Record<string, { subnets: Array<{ ipnet: string; gateway?: string }>; mac_address: string }>;
}

export interface NetworkInspect {
  name: string;
  id: string;
  driver: string;
  network_interface: string;
  /** RFC 3339 with nanoseconds. */
  created: string;
  subnets: NetworkSubnet[];
  ipv6_enabled: boolean;
  internal: boolean;
  /** aardvark-dns answers for the network's containers (on its gateways). */
  dns_enabled: boolean;
  labels?: Record<string, string>;
  options?: Record<string, string>;
  ipam_options: { driver: string };
  /** By container ID. */
  containers: Record<string, NetworkContainer>;
}
