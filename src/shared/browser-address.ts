/**
 * The address a browser opens for a running `switchyard serve`: loopback, its port, and the
 * access token the page hands to the WebSocket. `serve` prints it; `switchyard url` prints it again.
 */
export function browserAddress(port: number, token: string): string {
  return `http://127.0.0.1:${port}/?token=${token}`;
}
