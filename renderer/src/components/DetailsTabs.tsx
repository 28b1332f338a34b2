// The tabs of a details page (Summary, Logs, Inspect...): a tab list and the panel of the chosen
// tab. Panels of `kept` tabs stay mounted (hidden) once opened, so sessions in them survive.
import type { ReactNode } from 'react';

export function DetailsTabs<Tab extends string>({
  label,
  idPrefix,
  tabs,
  current,
  onChoose,
  panel,
  kept = new Set(),
}: {
  /** The tab list's accessible name, e.g. "Pod details". */
  label: string;
  /** Makes the tab and panel ids unique on the page: `<prefix>-tab-<Tab>`. */
  idPrefix: string;
  tabs: readonly Tab[];
  current: Tab;
  onChoose(tab: Tab): void;
  panel(tab: Tab): ReactNode;
  kept?: ReadonlySet<Tab>;
}) {
  return (
    <>
      <div className="tabs" role="tablist" aria-label={label}>
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${t}`}
            aria-selected={current === t}
            aria-controls={`${idPrefix}-panel-${t}`}
            className={current === t ? 'tab active' : 'tab'}
            onClick={() => onChoose(t)}
          >
            {t}
          </button>
        ))}
      </div>
      {tabs
        .filter((t) => t === current || kept.has(t))
        .map((t) => (
          <div
            key={t}
            role="tabpanel"
            id={`${idPrefix}-panel-${t}`}
            aria-labelledby={`${idPrefix}-tab-${t}`}
            className="tab-panel"
            hidden={t !== current}
          >
            {panel(t)}
          </div>
        ))}
    </>
  );
}
