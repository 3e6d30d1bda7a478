/** Characters a POSIX shell takes literally in a word: no quoting needed. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One argument, quoted for a POSIX shell (sh, bash, zsh) so that it reaches the program as it is:
 * left as it is when every character is plain, else in single quotes, a `'` in it written `'\''`.
 * A relative path that starts with `-` gets `./` in front, so that it is not read as an option.
 */
export function shellQuote(arg: string, { path = false }: { path?: boolean } = {}): string {
  const word = path && arg.startsWith("-") ? `./${arg}` : arg;
  if (PLAIN.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
