// Settings: the theme; which engine the app uses (local or a connection, switched at run time);
// registry logins (the engine's auth file, the one `berth login` and podman use: who is logged in
// where, log in, log out; passwords go to the engine and never come back); and what the engine
// is (version, runtime, store paths).
import { ThemePicker } from '../../components/ThemePicker.js';
import { EngineConnections } from './EngineConnections.js';
import { EngineInfo } from './EngineInfo.js';
import { RegistryLogins } from './RegistryLogins.js';

export function SettingsPage() {
  return (
    <div className="settings-page">
      <section className="settings-section" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance">Appearance</h2>
        <ThemePicker label="Color theme" />
        <p className="muted hint">System follows the operating system’s light or dark preference.</p>
      </section>
      <EngineConnections />
      <RegistryLogins />
      <EngineInfo />
    </div>
  );
}
