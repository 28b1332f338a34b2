// Inspect output as podman shows it: indented JSON, selectable, with a copy button.
import { useState } from 'react';

export function JsonView({ value, label }: { value: unknown; label: string }) {
  const text = JSON.stringify(value, null, 2);
  const [copied, setCopied] = useState(false);
  return (
    <div className="json-view">
      <button
        type="button"
        className="button button-small json-copy"
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(() => setCopied(true));
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
      <pre aria-label={label} tabIndex={0}>
        {text}
      </pre>
    </div>
  );
}
