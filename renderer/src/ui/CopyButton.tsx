// A button that copies a text to the clipboard and says whether it worked. The text is read only
// when clicked, so a secret behind it never has to be on screen.
import { useEffect, useState } from 'react';

type Outcome = 'idle' | 'copied' | 'failed';

export function CopyButton({ text, what }: { text: () => string; what: string }) {
  const [outcome, setOutcome] = useState<Outcome>('idle');
  useEffect(() => {
    if (outcome === 'idle') return;
    const t = setTimeout(() => setOutcome('idle'), 2000);
    return () => clearTimeout(t);
  }, [outcome]);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text());
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };

  return (
    <span className="copy">
      <button
        type="button"
        className="btn btn--small"
        aria-label={`Copy ${what}`}
        onClick={() => void copy()}
      >
        Copy
      </button>
      <span className={`copy__outcome copy__outcome--${outcome}`} role="status">
        {outcome === 'copied'
          ? 'Copied'
          : outcome === 'failed'
            ? 'Could not copy: select it and copy by hand'
            : ''}
      </span>
    </span>
  );
}
