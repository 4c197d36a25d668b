/**
 * How the UI is connected to the core. `connecting` is the first attempt (invokes wait for it);
 * `reconnecting` means the link dropped and invokes fail fast instead of hanging the UI.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';
