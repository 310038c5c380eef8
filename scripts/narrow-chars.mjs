// The non-ASCII characters kdeck's screens are drawn with (Ink's borders and kdeck's own … · → ← ↑ ↓ – — ≤), each
// one terminal column wide and never part of a larger grapheme: string-width measures a string of them and printable
// ASCII as its length (scripts/bundle.mjs), where its general path would first build Intl.Segmenter and the
// \p{RGI_Emoji} regex (~50 ms on the first frame) and segment every line. test/app/bundle.test.ts checks each one
// against string-width's general path.
export const NARROW_CHARS = '\\u00B7\\u2013\\u2014\\u2026\\u2190-\\u2193\\u2264\\u2500-\\u259F';
