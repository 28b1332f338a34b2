// Published ports as links that open in the browser (TCP with a known host port), the others as
// text: in the containers and pods lists.
export interface PortLink {
  /** `8080→80/tcp` */
  label: string;
  /** Where to open it in a browser; undefined for UDP/SCTP or an engine-picked host port. */
  url: string | undefined;
}

export function PortLinks({ ports }: { ports: readonly PortLink[] }) {
  return (
    <>
      {ports.map((port) =>
        port.url ? (
          <a key={port.label} href={port.url} target="_blank" rel="noreferrer noopener" className="port-link">
            {port.label}
          </a>
        ) : (
          <span key={port.label} className="port-link muted">
            {port.label}
          </span>
        ),
      )}
    </>
  );
}
