/**
 * The matches of a global pattern, as `text.matchAll(re)` gives them, read with the pattern
 * itself. matchAll copies the pattern on every call, and for the long patterns of the hot
 * path (question frames, month names) the copy cost more than matching a short text. For
 * patterns used nowhere else, whose lastIndex is therefore 0, as matchAll's copy starts.
 */
export function execAll(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new TypeError(`execAll needs a global pattern: ${re.source.slice(0, 40)}`);
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m);
    // An empty match would match again at the same place: step over one character (one code point with the u flag).
    if (m[0] === "") re.lastIndex += re.unicode && (text.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
  return out;
}
