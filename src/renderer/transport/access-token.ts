/**
 * The access token `switchyard serve` prints in its URL. It is kept in sessionStorage and removed
 * from the address bar, so it does not linger in history or screenshots but a reload still works.
 */
const TOKEN_STORAGE_KEY = 'switchyard.token';

export function takeAccessToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storeToken(fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url);
    return fromUrl;
  }
  return readStoredToken();
}

function storeToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Storage can be disabled; the token then only lives for this page load.
  }
}

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}
