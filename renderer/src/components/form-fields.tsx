// The fields forms and dialogs are made of: a labelled text input with its hint or error, a list
// of values (ports, variables, volumes, labels) with add and remove, and `key=value` entries read
// into a map. Errors come from the contract's own schemas, keyed by path ("ports.0").
import type { ReactNode } from 'react';

export type FieldErrors = Record<string, string>;

/** The first message of each path of a zod error, as FieldErrors. */
export function fieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldErrors {
  const found: FieldErrors = {};
  for (const issue of issues) found[issue.path.map(String).join('.')] ??= issue.message;
  return found;
}

interface InputSchema {
  safeParse(
    input: unknown,
  ):
    | { success: true }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * A form's errors before sending: what parsing its fields already found (`earlier`, e.g. labels
 * that are not key=value), then what the contract's own schema says of the input. Empty: send.
 */
export function inputErrors(schema: InputSchema, input: unknown, earlier: FieldErrors = {}): FieldErrors {
  const checked = schema.safeParse(input);
  return { ...earlier, ...(checked.success ? {} : fieldErrors(checked.error.issues)) };
}

export function TextField({
  label,
  ariaLabel,
  value,
  onChange,
  placeholder,
  error,
  hint,
  className,
  list,
  children,
}: {
  label: string;
  /** The input's accessible name when it differs from the visible label. */
  ariaLabel?: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  error?: string;
  hint?: ReactNode;
  className?: string;
  /** A datalist id. */
  list?: string;
  children?: ReactNode;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        aria-label={ariaLabel ?? label}
        className={className}
        list={list}
        placeholder={placeholder}
        value={value}
        aria-invalid={error ? true : undefined}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
      {children}
      {error ? <span className="error-text hint">{error}</span> : null}
      {hint ? <span className="hint">{hint}</span> : null}
    </label>
  );
}

export function ListField({
  label,
  values,
  placeholder,
  error,
  onChange,
}: {
  label: string;
  values: string[];
  placeholder: string;
  error: (index: number) => string | undefined;
  onChange(values: string[]): void;
}) {
  return (
    <fieldset className="list-field">
      <legend>{label}</legend>
      {values.map((value, index) => (
        <div key={index} className="list-field-row">
          <input
            type="text"
            aria-label={`${label} ${index + 1}`}
            placeholder={placeholder}
            value={value}
            aria-invalid={error(index) ? true : undefined}
            onChange={(e) => onChange(values.map((v, i) => (i === index ? e.target.value : v)))}
          />
          <button
            type="button"
            className="button button-small"
            aria-label={`Remove ${label} ${index + 1}`}
            onClick={() => onChange(values.filter((_, i) => i !== index))}
          >
            Remove
          </button>
          {error(index) ? <span className="error-text hint">{error(index)}</span> : null}
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => onChange([...values, ''])}>
        Add {label.toLowerCase().replace(/s$/, '')}
      </button>
    </fieldset>
  );
}

/** The non-empty entries of a list field, trimmed. */
export function filledValues(values: readonly string[]): string[] {
  return values.map((v) => v.trim()).filter(Boolean);
}

/**
 * `key=value` entries (labels) as a map, as the CLI reads `--label`: a bare key gets "". Errors
 * are keyed `<field>.<index>` like the list field's.
 */
export function keyValueEntries(
  values: readonly string[],
  field: string,
): { map: Record<string, string>; errors: FieldErrors } {
  const map: Record<string, string> = {};
  const errors: FieldErrors = {};
  values.forEach((raw, index) => {
    const entry = raw.trim();
    if (!entry) return;
    const eq = entry.indexOf('=');
    const key = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    if (!key) errors[`${field}.${index}`] = 'use key=value (the key may not be empty)';
    else map[key] = eq < 0 ? '' : entry.slice(eq + 1);
  });
  return { map, errors };
}
