/**
 * Credentials out of a message: the user info of every URL in `text` (`http://user:pw@host` →
 * `http://***@host`), the value of every `user`, `username`, `password` or `access_token` query
 * parameter, and each of `secrets` (a password from the environment) wherever it occurs. Every
 * message that names a server goes through this, even where the credentials were refused before
 * (a server may quote them back).
 */
export function redactCredentials(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, "$1***@").replace(/([?&;](?:user|username|password|access_token)=)[^&#\s"'`]*/gi, "$1***");
  // Longest first, so that a secret containing another is replaced whole.
  const known = secrets.filter((secret): secret is string => secret !== undefined && secret !== "").sort((a, b) => b.length - a.length);
  for (const secret of known) out = out.split(secret).join("***");
  return out;
}

/**
 * What in `url` would carry credentials on the command line, where other users see them (`ps`,
 * shell history, CI logs): its user info, or a `user`, `username`, `password` or `access_token`
 * query parameter; undefined when it has none (or is not a URL: the caller says so).
 */
export function urlCredentials(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return /\/\/[^/?#]*@/.test(url) ? "a user name or password before `@`" : undefined;
  }
  if (parsed.username !== "" || parsed.password !== "") return "a user name or password before `@`";
  const parameter = [...parsed.searchParams.keys()].find((key) => /^(user|username|password|access_token)$/i.test(key));
  return parameter === undefined ? undefined : `a \`${parameter}\` parameter`;
}
