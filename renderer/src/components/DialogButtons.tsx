// The buttons of a dialog that asks for something: Cancel, and the action (primary or danger),
// disabled while it runs or while the input is not valid. With `form`, the action submits it.
export function DialogButtons({
  onCancel,
  label,
  onConfirm,
  form,
  disabled = false,
  danger = false,
  cancelLabel = 'Cancel',
}: {
  onCancel(): void;
  label: string;
  onConfirm?: () => void;
  form?: string;
  disabled?: boolean;
  danger?: boolean;
  cancelLabel?: string;
}) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button
        type={form ? 'submit' : 'button'}
        form={form}
        className={danger ? 'button button-danger' : 'button button-primary'}
        disabled={disabled}
        onClick={onConfirm}
      >
        {label}
      </button>
    </>
  );
}
