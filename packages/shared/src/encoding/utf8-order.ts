// Go orders strings by their UTF-8 bytes (encoding/json's map keys, sort.Strings, go-spew's sorted
// maps). JavaScript's `<` compares UTF-16 code units and localeCompare follows a locale, so neither
// matches once keys mix case or leave ASCII.

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/** Negative, zero or positive as `a` sorts before, with or after `b` by UTF-8 bytes. */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-8 byte order is code point order; UTF-16 departs from it only where a surrogate (a code
    // point above U+FFFF) meets a unit from U+E000 up.
    if (isSurrogate(x) !== isSurrogate(y)) return isSurrogate(x) ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
