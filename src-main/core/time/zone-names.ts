/**
 * Which zones exist, and which name to show for a set of zones that keep the same clocks. The runtime
 * lists zones by ICU's old canonical names (`Asia/Calcutta`); an admin knows `Asia/Kolkata`.
 */
import { canonicalZone } from './zone';

let catalog: readonly string[] | null = null;

/** Every zone the runtime knows, `UTC` included (Intl leaves it out of its list). */
export function allZones(): readonly string[] {
  catalog ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
  return catalog;
}

/**
 * Zones an ArcGIS Enterprise server is commonly set to, most usual first. Among zones that keep the same
 * clocks one of these is the name shown; among offset histories that fit equally well the one holding
 * the earliest of these is preferred (a prior, stated as one: nothing in the data decides it).
 */
const WIDELY_USED = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Halifax',
  'America/St_Johns',
  'America/Toronto',
  'America/Vancouver',
  'America/Mexico_City',
  'America/Bogota',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Amsterdam',
  'Europe/Zurich',
  'Europe/Stockholm',
  'Europe/Helsinki',
  'Europe/Athens',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Africa/Cairo',
  'Africa/Johannesburg',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Riyadh',
  'Asia/Tehran',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Hong_Kong',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Australia/Perth',
  'Australia/Darwin',
  'Australia/Adelaide',
  'Australia/Brisbane',
  'Australia/Sydney',
  'Pacific/Auckland',
];

/** The rank of the first widely used zone among `zones` (runtime names), and its usual spelling. */
export function widelyUsedAmong(zones: readonly string[]): { rank: number; name: string } | null {
  const present = new Set(zones);
  for (const [rank, name] of WIDELY_USED.entries()) {
    const runtimeName = canonicalZone(name);
    if (runtimeName !== null && present.has(runtimeName)) return { rank, name };
  }
  return null;
}

/** The name to show for zones that keep the same clocks: a widely used one, else the first by name. */
export function representativeOf(zones: readonly string[]): string {
  return widelyUsedAmong(zones)?.name ?? [...zones].sort()[0]!;
}
