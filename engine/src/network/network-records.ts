// Networks in the state database: definitions (`networks`), which containers are connected to
// which network with what options (`network_attachments`, removed with the container row), the
// addresses handed out (`network_leases`: the primary key makes a double allocation impossible,
// whatever the number of processes) and each running container's network sandbox
// (`network_sandboxes`: its netns file and the exact netavark input, which teardown needs again).
import type { StateDatabase } from '../state/state-database.js';

export const NETWORK_MIGRATIONS = [
  {
    id: 'networks-001-tables',
    sql: `
      CREATE TABLE IF NOT EXISTS networks (
        name TEXT PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        driver TEXT NOT NULL,
        network_interface TEXT NOT NULL,
        created_at TEXT NOT NULL,
        subnets TEXT NOT NULL,
        internal INTEGER NOT NULL DEFAULT 0,
        dns_enabled INTEGER NOT NULL DEFAULT 0,
        labels TEXT NOT NULL DEFAULT '{}',
        options TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TABLE IF NOT EXISTS network_attachments (
        container_id TEXT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
        network TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        static_ip TEXT NOT NULL DEFAULT '',
        static_mac TEXT NOT NULL DEFAULT '',
        interface_name TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (container_id, network)
      );
      CREATE INDEX IF NOT EXISTS network_attachments_by_network ON network_attachments(network);
      CREATE TABLE IF NOT EXISTS network_leases (
        network TEXT NOT NULL,
        address TEXT NOT NULL,
        container_id TEXT NOT NULL,
        PRIMARY KEY (network, address)
      );
      CREATE TABLE IF NOT EXISTS network_sandboxes (
        container_id TEXT PRIMARY KEY,
        netns TEXT NOT NULL,
        setup_input TEXT NOT NULL,
        setup_result TEXT NOT NULL DEFAULT '',
        ports TEXT NOT NULL DEFAULT '[]'
      );
    `,
  },
];

export interface NetworkSubnet {
  subnet: string;
  gateway: string;
}

export interface NetworkRecord {
  name: string;
  /** 64 hex digits. */
  id: string;
  driver: string;
  /** The host bridge (15 characters at most). */
  networkInterface: string;
  /** RFC 3339 with nanoseconds, UTC. */
  createdAt: string;
  subnets: NetworkSubnet[];
  internal: boolean;
  dnsEnabled: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
}

interface NetworkRow {
  name: string;
  id: string;
  driver: string;
  network_interface: string;
  created_at: string;
  subnets: string;
  internal: number;
  dns_enabled: number;
  labels: string;
  options: string;
}

function toNetwork(row: NetworkRow): NetworkRecord {
  return {
    name: row.name,
    id: row.id,
    driver: row.driver,
    networkInterface: row.network_interface,
    createdAt: row.created_at,
    subnets: JSON.parse(row.subnets) as NetworkSubnet[],
    internal: row.internal !== 0,
    dnsEnabled: row.dns_enabled !== 0,
    labels: JSON.parse(row.labels) as Record<string, string>,
    options: JSON.parse(row.options) as Record<string, string>,
  };
}

export function getNetworkRecord(db: StateDatabase, name: string): NetworkRecord | undefined {
  const row = db.prepare('SELECT * FROM networks WHERE name = ?').get(name) as NetworkRow | undefined;
  return row ? toNetwork(row) : undefined;
}

/** Networks whose ID starts with `prefix` (at most two: enough to tell unique from ambiguous). */
export function networksByIdPrefix(db: StateDatabase, prefix: string): NetworkRecord[] {
  return (
    db
      .prepare("SELECT * FROM networks WHERE id >= ? AND id < ? || '~' LIMIT 2")
      .all(prefix, prefix) as NetworkRow[]
  ).map(toNetwork);
}

export function listNetworkRecords(db: StateDatabase): NetworkRecord[] {
  return (db.prepare('SELECT * FROM networks ORDER BY name').all() as NetworkRow[]).map(toNetwork);
}

/** Inserts a network; false when the name is taken. */
export function insertNetworkRecord(db: StateDatabase, record: NetworkRecord): boolean {
  return (
    db
      .prepare(
        `INSERT OR IGNORE INTO networks (name, id, driver, network_interface, created_at, subnets, internal, dns_enabled, labels, options)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.name,
        record.id,
        record.driver,
        record.networkInterface,
        record.createdAt,
        JSON.stringify(record.subnets),
        record.internal ? 1 : 0,
        record.dnsEnabled ? 1 : 0,
        JSON.stringify(record.labels),
        JSON.stringify(record.options),
      ).changes > 0
  );
}

export function deleteNetworkRecord(db: StateDatabase, name: string): boolean {
  return db.prepare('DELETE FROM networks WHERE name = ?').run(name).changes > 0;
}

/** A container's connection to one network, as chosen at create or `network connect`. */
export interface NetworkAttachment {
  containerId: string;
  network: string;
  aliases: string[];
  /** --ip; '' = allocated at start. */
  staticIp: string;
  /** --mac-address; '' = chosen by the kernel. */
  staticMac: string;
  /** eth0, eth1... in connection order. */
  interfaceName: string;
  position: number;
}

interface AttachmentRow {
  container_id: string;
  network: string;
  aliases: string;
  static_ip: string;
  static_mac: string;
  interface_name: string;
  position: number;
}

function toAttachment(row: AttachmentRow): NetworkAttachment {
  return {
    containerId: row.container_id,
    network: row.network,
    aliases: JSON.parse(row.aliases) as string[],
    staticIp: row.static_ip,
    staticMac: row.static_mac,
    interfaceName: row.interface_name,
    position: row.position,
  };
}

export function insertAttachment(db: StateDatabase, a: NetworkAttachment): void {
  db.prepare(
    `INSERT INTO network_attachments (container_id, network, aliases, static_ip, static_mac, interface_name, position)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    a.containerId,
    a.network,
    JSON.stringify(a.aliases),
    a.staticIp,
    a.staticMac,
    a.interfaceName,
    a.position,
  );
}

export function deleteAttachment(db: StateDatabase, containerId: string, network: string): boolean {
  return (
    db
      .prepare('DELETE FROM network_attachments WHERE container_id = ? AND network = ?')
      .run(containerId, network).changes > 0
  );
}

export function attachmentsOfContainer(db: StateDatabase, containerId: string): NetworkAttachment[] {
  return (
    db
      .prepare('SELECT * FROM network_attachments WHERE container_id = ? ORDER BY position')
      .all(containerId) as AttachmentRow[]
  ).map(toAttachment);
}

export function attachmentsOfNetwork(db: StateDatabase, network: string): NetworkAttachment[] {
  return (
    db
      .prepare('SELECT * FROM network_attachments WHERE network = ? ORDER BY container_id')
      .all(network) as AttachmentRow[]
  ).map(toAttachment);
}

export function leasedAddresses(db: StateDatabase, network: string): Set<string> {
  return new Set(
    db.prepare('SELECT address FROM network_leases WHERE network = ?').pluck().all(network) as string[],
  );
}

export function insertLease(
  db: StateDatabase,
  network: string,
  address: string,
  containerId: string,
): boolean {
  return (
    db
      .prepare('INSERT OR IGNORE INTO network_leases (network, address, container_id) VALUES (?, ?, ?)')
      .run(network, address, containerId).changes > 0
  );
}

export function leaseHolder(db: StateDatabase, network: string, address: string): string | undefined {
  return db
    .prepare('SELECT container_id FROM network_leases WHERE network = ? AND address = ?')
    .pluck()
    .get(network, address) as string | undefined;
}

export function releaseLeases(db: StateDatabase, containerId: string, network?: string): void {
  if (network === undefined) db.prepare('DELETE FROM network_leases WHERE container_id = ?').run(containerId);
  else
    db.prepare('DELETE FROM network_leases WHERE container_id = ? AND network = ?').run(containerId, network);
}

/** A host port forwarded to a container, as netavark takes it. */
export interface NetavarkPortMapping {
  host_ip: string;
  container_port: number;
  host_port: number;
  range: number;
  protocol: string;
}

export interface SandboxRecord {
  containerId: string;
  /** The bind-mounted nsfs file under `<runRoot>/netns`. */
  netns: string;
  /** netavark's stdin for setup (teardown takes the same document). */
  setupInput: NetavarkInput;
  /** netavark's setup output; undefined until setup succeeded. */
  setupResult?: NetavarkResult;
  /** The resolved port mappings (random host ports chosen). */
  ports: NetavarkPortMapping[];
}

export interface NetavarkNetworkOptions {
  static_ips: string[];
  aliases: string[];
  interface_name: string;
  static_mac?: string;
}

export interface NetavarkNetworkInfo {
  name: string;
  id: string;
  driver: string;
  network_interface: string;
  subnets: NetworkSubnet[];
  ipv6_enabled: boolean;
  internal: boolean;
  dns_enabled: boolean;
  ipam_options: { driver: string };
}

export interface NetavarkInput {
  container_id: string;
  container_name: string;
  port_mappings: NetavarkPortMapping[];
  networks: Record<string, NetavarkNetworkOptions>;
  network_info: Record<string, NetavarkNetworkInfo>;
}

export interface NetavarkInterfaceResult {
  mac_address: string;
  subnets?: Array<{ gateway?: string; ipnet: string }>;
}

export type NetavarkResult = Record<
  string,
  {
    dns_search_domains?: string[];
    dns_server_ips?: string[];
    interfaces?: Record<string, NetavarkInterfaceResult>;
  }
>;

interface SandboxRow {
  container_id: string;
  netns: string;
  setup_input: string;
  setup_result: string;
  ports: string;
}

function toSandbox(row: SandboxRow): SandboxRecord {
  return {
    containerId: row.container_id,
    netns: row.netns,
    setupInput: JSON.parse(row.setup_input) as NetavarkInput,
    setupResult: row.setup_result ? (JSON.parse(row.setup_result) as NetavarkResult) : undefined,
    ports: JSON.parse(row.ports) as NetavarkPortMapping[],
  };
}

export function getSandbox(db: StateDatabase, containerId: string): SandboxRecord | undefined {
  const row = db.prepare('SELECT * FROM network_sandboxes WHERE container_id = ?').get(containerId) as
    SandboxRow | undefined;
  return row ? toSandbox(row) : undefined;
}

export function listSandboxes(db: StateDatabase): SandboxRecord[] {
  return (db.prepare('SELECT * FROM network_sandboxes').all() as SandboxRow[]).map(toSandbox);
}

export function saveSandbox(db: StateDatabase, sandbox: SandboxRecord): void {
  db.prepare(
    'INSERT OR REPLACE INTO network_sandboxes (container_id, netns, setup_input, setup_result, ports) VALUES (?, ?, ?, ?, ?)',
  ).run(
    sandbox.containerId,
    sandbox.netns,
    JSON.stringify(sandbox.setupInput),
    sandbox.setupResult ? JSON.stringify(sandbox.setupResult) : '',
    JSON.stringify(sandbox.ports),
  );
}

export function deleteSandbox(db: StateDatabase, containerId: string): void {
  db.prepare('DELETE FROM network_sandboxes WHERE container_id = ?').run(containerId);
}
