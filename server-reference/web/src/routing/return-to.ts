/**
 * Where to go after signing in: the page a signed-out visitor asked for, carried in the sign-in page's
 * `?return_to=`. Only a path on this site is followed (never `//host` or a full URL: no open redirect).
 */
export function returnTarget(): string {
  const target = new URLSearchParams(window.location.search).get('return_to');
  return target?.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';
}

/** The sign-in page's path that comes back here (path and query) afterwards. */
export function signInReturningHere(): string {
  const here = window.location.pathname + window.location.search;
  return here === '/' ? '/sign-in' : `/sign-in?return_to=${encodeURIComponent(here)}`;
}
