/**
 * The deepest nesting of objects and arrays in a JSON text, scanned without parsing (strings are
 * skipped), so a hostile `[[[[…]]]]` is refused before JSON.parse or the validator recurse into it.
 * Stops counting as soon as `max` is passed.
 */
export function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}
