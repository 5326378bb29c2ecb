// A SHA-256 hash as proofs and notes carry it: 32 bytes in canonical standard base64. Canonical
// only: a last digit with its unused low bits set decodes to the same bytes, and two spellings of
// one proof would both verify. Defined in shared/ (the evidence bundle carries proofs too).
export { b64Hash } from '../../../shared/inclusion-bundle';
