// Translucent versions of theme colours, for fills under lines (pure: tested in Node).

/**
 * A colour with alpha, for fills under lines. Works for #rgb, #rrggbb(aa) and rgb()/rgba(); other forms (named
 * colours) are returned as they are. Themes give translucent colours too (High Contrast's description colour is
 * #ffffffb3): the alpha asked for replaces theirs, so a fill never comes out opaque.
 */
export function withAlpha(color: string, alpha: number): string {
  const text = color.trim();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])[0-9a-f]?$/i.exec(text);
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})(?:[0-9a-f]{2})?$/i.exec(text);
  const functional = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(text);
  const parts = short
    ? short.slice(1, 4).map((c) => parseInt(c + c, 16))
    : long
      ? long.slice(1, 4).map((c) => parseInt(c, 16))
      : functional
        ? functional.slice(1, 4).map(Number)
        : undefined;
  return parts ? `rgba(${parts[0]}, ${parts[1]}, ${parts[2]}, ${alpha})` : color;
}
