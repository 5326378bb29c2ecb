// Under Signatures: the keys of the ledger's C2SP checkpoint notes (LEDGER.checkpoints). The log's
// vkey (what `penin keygen` prints; the writer's PEM public key file works too) and witnesses'
// vkeys; the entry pane then says which signed checkpoint includes each entry.
import { useState, type FormEvent } from 'react';
import { useNoteKeys } from './useLedgerProofs';
import './proofs.css';

export function parseWitnesses(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function NoteKeysForm({ sessionId }: { sessionId: string }) {
  const { keys, setKeys } = useNoteKeys(sessionId);
  const [vkey, setVkey] = useState(keys?.vkey ?? '');
  const [witnesses, setWitnesses] = useState((keys?.witnesses ?? []).join('\n'));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = vkey.trim();
    setKeys(v === '' ? null : { vkey: v, witnesses: parseWitnesses(witnesses) });
  };
  return (
    <form className="anchors__form note-keys" onSubmit={submit} aria-label="Checkpoint note keys">
      <label className="field note-keys__vkey">
        <span className="field__label">Checkpoint notes: the log’s vkey (or its public key file)</span>
        <input
          className="input mono"
          value={vkey}
          onChange={(e) => setVkey(e.target.value)}
          placeholder="penin.local/88ab6acd5c12e51f+1a2b3c4d+AVNr…"
          aria-label="Log vkey"
          spellCheck={false}
        />
      </label>
      <label className="field note-keys__witnesses">
        <span className="field__label">Witness vkeys (optional), one per line</span>
        <textarea
          className="mono"
          rows={1}
          value={witnesses}
          onChange={(e) => setWitnesses(e.target.value)}
          placeholder="witness.example/w1+0badc0de+BExv…"
          aria-label="Witness vkeys"
          spellCheck={false}
        />
      </label>
      <button type="submit" className="btn">
        {keys ? 'Update keys' : 'Use for inclusion'}
      </button>
    </form>
  );
}
