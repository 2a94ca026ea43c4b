/**
 * Text that XML 1.0 can carry. Its Char production allows no C0 control but tab, CR and LF, no U+FFFE or
 * U+FFFF and no lone surrogate, in text, CDATA and attributes alike, and not even as character references
 * (`&#1;` is as ill-formed as the raw byte): such characters can only be dropped.
 */
export function xmlChars(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}
