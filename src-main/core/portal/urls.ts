/** Portal addresses as Taskwatch stores and compares them. */
import { TaskwatchError } from '../errors';

/**
 * `https://GIS.example.com/portal/?x#y` -> `https://gis.example.com/portal`: lower-case host, no default
 * port, no trailing slash, no query, fragment or credentials. A bare host gets `https://`.
 */
export function normalizePortalUrl(input: string): string {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new TaskwatchError('invalid-input', `"${input}" is not a portal URL; use e.g. https://gis.example.com/portal.`);
  }
  url.search = '';
  url.hash = '';
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/+$/, '');
}

/** The admin root when no web adaptor moves it elsewhere: `<base>/admin`. */
export function defaultAdminUrl(baseUrl: string): string {
  return `${normalizePortalUrl(baseUrl)}/admin`;
}

/** Where tokens come from: `<base>/sharing/rest/generateToken`. */
export function tokenUrl(baseUrl: string): string {
  return `${normalizePortalUrl(baseUrl)}/sharing/rest/generateToken`;
}
