// The head of a details page (a container, pod, image, network, machine): the way back to its
// list, the object's name, its state when it has one, and its actions.
import type { ReactNode } from 'react';

export function DetailsHeader({
  backLabel,
  onBack,
  title,
  state,
  stateTestId,
  children,
}: {
  /** The list's name on the back button, e.g. "Pods". */
  backLabel: string;
  onBack(): void;
  title: ReactNode;
  /** Shown as a state badge (styled `state-<state>`) when known. */
  state?: string;
  stateTestId?: string;
  /** The actions, at the right. */
  children?: ReactNode;
}) {
  return (
    <div className="details-head">
      <button type="button" className="link-button back" onClick={onBack}>
        {`← ${backLabel}`}
      </button>
      <h2 className="details-title">{title}</h2>
      {state !== undefined ? (
        <span className={`state-badge state-${state}`} data-testid={stateTestId}>
          {state}
        </span>
      ) : null}
      <div className="toolbar-actions">{children}</div>
    </div>
  );
}
