// Registry logins as the engine reports them: which registries the auth file holds credentials
// for, and as whom. Passwords and tokens never cross the contract.

export interface RegistryLogin {
  /** The auth file's key: `host[:port]` or `host[:port]/namespace`. */
  registry: string;
  /** '' when the entry holds only an identity token. */
  username: string;
}

export interface RegistryLoginsReport {
  /** The file login writes to (podman's: $REGISTRY_AUTH_FILE, else ${XDG_RUNTIME_DIR}/containers/auth.json). */
  authFile: string;
  logins: RegistryLogin[];
}
