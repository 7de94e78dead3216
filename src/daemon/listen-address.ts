/** Where the HTTP surfaces listen. */
export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * Parses `HOST:PORT` (`0.0.0.0:8080`, `127.0.0.1:0`, `[::]:8080`). Port 0 asks the system for a
 * free port. Throws when the text has no host or the port is not an integer in 0..65535.
 */
export function parseListenAddress(text: string): ListenAddress {
  const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(text.trim());
  const host = match?.[1];
  const port = Number(match?.[2]);
  if (!host || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--listen must be HOST:PORT such as 0.0.0.0:8080, got "${text}"`);
  }
  return { host, port };
}
