/**
 * The renderer's Content-Security-Policy: its own scripts only, no eval, no
 * remote origin. `connect` is where the page may open sockets (the web host's own).
 */
export function contentSecurityPolicy(connect = 'ws://127.0.0.1:*'): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
