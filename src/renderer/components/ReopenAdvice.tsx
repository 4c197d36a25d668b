/**
 * How to get back into a browser tab of Switchyard: the address (with its access token) is printed
 * by whichever way it was started, and `switchyard url` prints it again. Shared by the no-token
 * page and the banner shown once this tab's Switchyard is gone.
 */
export function ReopenAdvice({ repo }: { repo: string | null }) {
  return (
    <ul className="reopen-advice">
      <li>
        Started with <code>npm start</code> (it opens in the browser where the desktop app is not installed) or with{' '}
        <code>switchyard serve</code>: open the address it printed in its terminal; it ends in <code>?token=…</code>.
      </li>
      <li>
        Lost it? <code>switchyard url --repo {repo ?? '/path/to/repository'}</code> prints the address of the
        Switchyard running for that repository.
      </li>
      <li>
        Not running any more? Start it again with <code>npm start</code> or <code>switchyard serve --repo …</code>; each
        start has a new address. The desktop app opens its own window and needs no address.
      </li>
    </ul>
  );
}
