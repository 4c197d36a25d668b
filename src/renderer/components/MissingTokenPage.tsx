/** Shown in a browser opened without the token; nothing else can work without it. */
export function MissingTokenPage() {
  return (
    <main className="missing-token">
      <h1>Switchyard</h1>
      <p>
        Open the URL that <code>switchyard serve</code> printed (it contains the access token).
      </p>
    </main>
  );
}
