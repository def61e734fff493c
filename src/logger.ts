/** Structured logs (pino) with personal fields redacted, wherever they would slip in. */
import pino, { type Logger } from 'pino';

const PERSONAL = ['nom', 'prenom', 'dateNaissance', 'numeroCir', 'civilite', 'password', 'text'];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: [...PERSONAL, ...PERSONAL.map((p) => `*.${p}`)], censor: '[redacted]' },
      base: { app: 'passerelle-cir' },
    },
    destination,
  );
}
