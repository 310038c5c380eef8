// Kubernetes name rules the dashboard checks before it uses a name typed by the user.

/** A namespace name: a DNS-1123 label (lowercase letters, digits and "-", starting and ending alphanumeric, ≤ 63). */
export function isNamespaceName(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/** Why `name` cannot be a namespace, in one line, or undefined when it can. */
export function namespaceProblem(name: string): string | undefined {
  if (isNamespaceName(name)) return undefined;
  return `"${name}" is not a valid namespace name (lowercase letters, digits and "-", at most 63 characters)`;
}
