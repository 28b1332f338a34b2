// What failed, said where the user acted: under a form or a dialog (ErrorText), or above a list
// or details page until dismissed (ActionErrorPanel).

export function ErrorText({ error }: { error: Error | null | undefined }) {
  if (!error) return null;
  return (
    <p className="error-text" role="alert">
      {error.message}
    </p>
  );
}

export function ActionErrorPanel({ message, onDismiss }: { message: string | undefined; onDismiss(): void }) {
  if (!message) return null;
  return (
    <div className="error-panel action-error" role="alert">
      <pre>{message}</pre>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
