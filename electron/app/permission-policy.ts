// Which web permissions the window gets: none, except writing text to the clipboard (the
// "copy hash" buttons) from our own page. Pure.

const ALLOWED = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  isOurPage: (url: string) => boolean,
): boolean {
  return ALLOWED.has(permission) && isOurPage(requestingUrl);
}
