// The browser-mode access token: `penin serve` prints a URL with #token=...; we keep it in
// sessionStorage (so a reload works) and strip it from the address bar (so it is not shared by
// copy-paste or screen sharing).
const KEY = 'penin.token';

export function takeToken(
  loc: Location = window.location,
  storage: Storage = window.sessionStorage,
): string | null {
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash) {
    try {
      storage.setItem(KEY, fromHash);
    } catch {
      // storage disabled: the token still works for this page load
    }
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(null, '', `${loc.pathname}${loc.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  try {
    return storage.getItem(KEY);
  } catch {
    return null;
  }
}
