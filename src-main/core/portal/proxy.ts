/**
 * Corporate proxies: HTTPS_PROXY / https_proxy and NO_PROXY are read at each request (the CLI and the
 * tests may change them), and HTTPS goes through the proxy as a CONNECT tunnel, so TLS (and the pin)
 * stays end to end between Taskwatch and the portal.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { getProxyForUrl } from 'proxy-from-env';

/** The proxy to use for `target`, or null to connect directly. Only HTTPS is ever proxied. */
export function proxyUrlFor(target: URL): string | null {
  if (target.protocol !== 'https:') return null;
  return getProxyForUrl(target.toString()) || null;
}

/** A raw CONNECT tunnel to host:port through the proxy (for the certificate probe, which sends no data). */
export function openTunnel(proxyUrl: string, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const proxy = new URL(proxyUrl);
  const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const request = http.request({
      method: 'CONNECT',
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port || 80),
      path: authority,
      headers: { Host: authority },
      timeout: timeoutMs,
    });
    request.once('connect', (response, socket) => {
      if (response.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(Object.assign(new Error(`the proxy refused the tunnel (HTTP ${response.statusCode})`), { code: 'EPROXY' }));
      }
    });
    request.once('timeout', () => request.destroy(Object.assign(new Error('proxy timeout'), { code: 'ETIMEDOUT' })));
    request.once('error', reject);
    request.end();
  });
}
