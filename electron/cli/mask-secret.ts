// A secret as it may appear in output that ends up in logs: its first 4 characters, then "…".
// (Enough to tell two tokens apart; far too little to use one.)

const SHOWN = 4;

export function maskSecret(secret: string): string {
  // A short secret shows nothing: 4 of 16 characters would already be a quarter of it.
  if (secret.length < SHOWN * 4) return '…';
  return `${secret.slice(0, SHOWN)}…`;
}
