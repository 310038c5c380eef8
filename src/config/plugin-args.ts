// A plugin's command line for one selected row: k9s's variables replaced in every argument, and the same values
// in the child's environment (so `bash -c "… $NAME"` works whether kdeck or the shell expands it).
export interface PluginContext {
  namespace: string;
  name: string;
  container?: string;
  context: string;
  cluster: string;
  user: string;
  kubeconfig?: string;
  filter?: string;
  /** Column name (upper case, as shown) → cell text of the selected row. */
  columns: Record<string, string>;
}

export function pluginVariables(c: PluginContext): Record<string, string> {
  const vars: Record<string, string> = {
    NAMESPACE: c.namespace,
    NAME: c.name,
    CONTAINER: c.container ?? '',
    CONTEXT: c.context,
    CLUSTER: c.cluster,
    USER: c.user,
    KUBECONFIG: c.kubeconfig ?? '',
    FILTER: c.filter ?? '',
    POD: c.container !== undefined ? c.name : '',
  };
  for (const [col, v] of Object.entries(c.columns)) vars[`COL-${col.toUpperCase()}`] = v;
  return vars;
}

/** Replaces $VAR and ${VAR}; unknown variables stay as written (the shell, if any, may know them). */
export function expandArg(arg: string, vars: Record<string, string>): string {
  return arg.replace(/\$\{([A-Za-z_][A-Za-z0-9_%/.-]*)\}|\$(COL-[A-Za-z0-9_%/.-]+|[A-Z_][A-Z0-9_]*)/g, (whole, braced: string | undefined, bare: string) => {
    const name = braced ?? bare;
    const key = name.startsWith('COL-') ? `COL-${name.slice(4).toUpperCase()}` : name;
    return Object.hasOwn(vars, key) ? vars[key] : whole;
  });
}

/**
 * The environment entries a plugin child gets besides the parent's: not COL-* (not valid names there), not USER
 * (the login name programs rely on), not KUBECONFIG when kdeck has none to give.
 */
export function pluginEnv(vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(vars).filter(([k, v]) => /^[A-Z_][A-Z0-9_]*$/.test(k) && k !== 'USER' && !(k === 'KUBECONFIG' && !v)));
}
