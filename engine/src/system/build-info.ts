// Version and build time, fixed at bundle time by scripts/build-cli.mjs (the bundler's `define`), so the
// CLI does not read package.json at start-up. Under tsx or vitest the fallbacks apply.
declare const __BERTH_VERSION__: string | undefined;
declare const __BERTH_BUILT__: number | undefined;
declare const __BERTH_GIT_COMMIT__: string | undefined;

export const BERTH_VERSION: string = typeof __BERTH_VERSION__ === 'string' ? __BERTH_VERSION__ : '0.1.0-dev';
/** Unix seconds; 0 when not built. */
export const BERTH_BUILT: number = typeof __BERTH_BUILT__ === 'number' ? __BERTH_BUILT__ : 0;
export const BERTH_GIT_COMMIT: string = typeof __BERTH_GIT_COMMIT__ === 'string' ? __BERTH_GIT_COMMIT__ : '';
/** The Docker/libpod API version the service speaks (issue: API service). */
export const BERTH_API_VERSION = '4.3.1';
