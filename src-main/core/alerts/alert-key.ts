/**
 * An alert key names the thing itself (`run`, portal, task, run id), so the same finding on a later poll,
 * or after a restart, maps to the same key. The portal id is a URL: it is encoded so `:` splits cleanly.
 */
export function alertKey(kind: string, portalId: string, ...parts: Array<string | number>): string {
  return [kind, encodeURIComponent(portalId), ...parts.map((part) => encodeURIComponent(String(part)))].join(':');
}

export function portalOfAlertKey(key: string): string {
  return decodeURIComponent(key.split(':')[1] ?? '');
}
