/** The portal client: what the rest of Taskwatch may use from core/portal. */
export type { PortalConnection, PortalErrorKind, PortalRun, PortalTask, RunsPage, SkippedItem } from './types';
export { PortalClient, type PortalClientDeps, type RunsQuery } from './client';
export { PortalRequestError } from './errors';
export { parseArcgisDate } from './dates';
export { startsSentAsInstants } from './schemas';
export { isValidTimeZone } from '../time/zone';
export { fetchCertificateFingerprint, normalizeFingerprint, type CertificateInfo } from './tls-pinning';
export { defaultAdminUrl, normalizePortalUrl } from './urls';
export { DEFAULT_TIMEOUT_MS } from './http';
export { DEFAULT_CONNECTIONS_PER_PORTAL } from './connections';
