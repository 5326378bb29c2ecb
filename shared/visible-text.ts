// Ledger text is attacker-controlled: a reason holding U+202E (RIGHT-TO-LEFT OVERRIDE) displays
// "…gnp.exe" as "…exe.png", a carriage return or a zero-width joiner hides what follows. Every
// character that changes how text around it is shown, or shows nothing, is turned into a visible
// escape: ⟨U+202E⟩. Used by the renderer (VisibleText) and the HTML report alike.

/** Bidi controls: LRM/RLM, ALM, the embeddings and overrides, the isolates. */
const BIDI = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;
/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Invisible or line-breaking: zero-width space/non-joiner/joiner, line/paragraph separators, BOM. */
const INVISIBLE = /[\u200b-\u200d\u2028\u2029\ufeff]/;

const HIDDEN = new RegExp(`${BIDI.source}|${CONTROL.source}|${INVISIBLE.source}`, 'g');

export type VisiblePart =
  | { kind: 'text'; text: string }
  /** A hidden character as its escape (`⟨U+202E⟩`); `bidi` for the direction controls. */
  | { kind: 'escape'; text: string; codePoint: number; bidi: boolean };

/** `⟨U+202E⟩`: the escape shown for a hidden character. */
export function escapeOf(codePoint: number): string {
  return `⟨U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Whether a text holds any character that visibleParts escapes. */
export function hasHiddenCharacters(text: string): boolean {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(text);
}

/** The text split into plain runs and escapes of its hidden characters (empty text: no parts). */
export function visibleParts(text: string): VisiblePart[] {
  const parts: VisiblePart[] = [];
  let start = 0;
  HIDDEN.lastIndex = 0;
  for (let m = HIDDEN.exec(text); m !== null; m = HIDDEN.exec(text)) {
    if (m.index > start) parts.push({ kind: 'text', text: text.slice(start, m.index) });
    const codePoint = m[0].charCodeAt(0);
    parts.push({ kind: 'escape', text: escapeOf(codePoint), codePoint, bidi: BIDI.test(m[0]) });
    start = m.index + 1;
  }
  if (start < text.length) parts.push({ kind: 'text', text: text.slice(start) });
  return parts;
}

/** The text with every hidden character replaced by its escape (for titles, CSV-free plain views). */
export function visibleText(text: string): string {
  HIDDEN.lastIndex = 0;
  return text.replace(HIDDEN, (c) => escapeOf(c.charCodeAt(0)));
}
