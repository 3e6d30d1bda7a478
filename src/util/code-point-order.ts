/**
 * Orders strings by Unicode code point, as the analyze spec and the SQL engines (byte order of
 * UTF-8) do. JavaScript's `<` and the default sort compare UTF-16 code units, which put
 * characters outside the Basic Multilingual Plane (emoji, many CJK extensions) before U+E000..U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF: they rank above every other
    // unit, which code-point order wants and UTF-16 order gets wrong against U+E000..U+FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
