// Attacker-controlled text (a ledger reason, a raw line) with its bidi overrides, control and
// invisible characters shown as marked escapes (⟨U+202E⟩), so it cannot reorder or hide what the
// auditor reads. The escapes are styled apart from the text: a reason that spells "⟨U+202E⟩"
// itself does not look like one.
import { visibleParts } from './visible-text';

export function VisibleText({ text }: { text: string }) {
  const parts = visibleParts(text);
  if (parts.length === 1 && parts[0].kind === 'text') return <>{text}</>;
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'text' ? (
          p.text
        ) : (
          <span
            key={i}
            className={`hidden-char${p.bidi ? ' hidden-char--bidi' : ''}`}
            title={p.bidi ? 'a bidirectional control character' : 'a control or invisible character'}
          >
            {p.text}
          </span>
        ),
      )}
    </>
  );
}
