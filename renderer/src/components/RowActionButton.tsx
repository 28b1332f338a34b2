// A compact button of a row's actions: a symbol shown, and the action and object named for
// screen readers and as a tooltip ("Stop web").
export function RowActionButton({
  action,
  target,
  symbol,
  onClick,
  disabled = false,
  danger = false,
  label,
}: {
  action: string;
  /** What it acts on, as it is named in the accessible label: "web", "pod web". */
  target: string;
  symbol: string;
  onClick(): void;
  disabled?: boolean;
  danger?: boolean;
  /** The accessible name when "action target" does not read well ("Use machine dev as engine"). */
  label?: string;
}) {
  return (
    <button
      type="button"
      className={danger ? 'button button-small button-danger' : 'button button-small'}
      aria-label={label ?? `${action} ${target}`}
      title={action}
      disabled={disabled}
      onClick={onClick}
    >
      {symbol}
    </button>
  );
}
