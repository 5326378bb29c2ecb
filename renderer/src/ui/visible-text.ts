// Hidden characters of attacker-controlled ledger text as visible escapes (shared/visible-text.ts:
// the same function escapes the HTML report).
export {
  escapeOf,
  hasHiddenCharacters,
  visibleParts,
  visibleText,
  type VisiblePart,
} from '../../../shared/visible-text';
