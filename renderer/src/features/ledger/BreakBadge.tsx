import type { BreakKind } from '../../../../shared/domain';

export const BREAK_DESCRIPTION: Record<BreakKind, string> = {
  parse: 'the line is not valid JSON',
  content: 'the stored hash does not match the entry content',
  link: 'previous_hash does not match the prior entry’s hash',
  torn_tail: 'the last line was cut off mid-write',
  rewritten: 'a signed checkpoint or pin says this entry had another hash: the chain was rewritten',
  truncated: 'a signed checkpoint or pin names entries after this one that the file no longer has',
  bad_signature: 'a checkpoint’s signature over the chain head does not verify with the key',
  unsigned_tail: 'entries after the last signature are not covered by one',
};

export function BreakBadge({ kind }: { kind: BreakKind }) {
  return (
    <span className={`badge badge--break badge--${kind}`} title={BREAK_DESCRIPTION[kind]}>
      {kind}
    </span>
  );
}
