import { ReopenAdvice } from './ReopenAdvice';

/** Shown in a browser opened without the token; nothing else can work without it. */
export function MissingTokenPage() {
  return (
    <main className="missing-token">
      <h1>Switchyard</h1>
      <p>This page needs the address Switchyard printed when it started, which contains its access token.</p>
      <ReopenAdvice repo={null} />
    </main>
  );
}
