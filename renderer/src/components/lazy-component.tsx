// A component whose code is its own chunk, loaded on first render (or earlier, by `preload`).
// Once loaded it renders at once, with no loading state: React.lazy would suspend on every first
// mount of a fresh tree, which the tests (loading everything first) must not see.
import { useEffect, useState, type ComponentType } from 'react';

export interface LazyComponent<P extends object> {
  component: ComponentType<P>;
  /** Loads the code (once); a failed load is tried again next time. */
  preload(): Promise<void>;
}

export function lazyComponent<P extends object>(
  name: string,
  load: () => Promise<ComponentType<P>>,
): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<void> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  function Lazy(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState<string>();
    useEffect(() => {
      if (Loaded) return;
      let live = true;
      preload().then(
        () => live && setLoaded(() => loaded),
        (error: unknown) => live && setFailed((error as Error).message),
      );
      return () => {
        live = false;
      };
    }, [Loaded]);
    if (Loaded) return <Loaded {...props} />;
    if (failed)
      return (
        <div className="error-panel" role="alert">
          <strong>Could not load {name}.</strong> {failed}
        </div>
      );
    return null;
  }
  Lazy.displayName = `Lazy(${name})`;
  return { component: Lazy, preload };
}
