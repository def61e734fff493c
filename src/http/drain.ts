/**
 * Graceful shutdown of the HTTP side (issue 16 §4): once draining, no new connection is
 * accepted, idle keep-alive connections are closed, every request already received is
 * answered (its response carries `Connection: close`), and `drain()` resolves when the last
 * one is done, or when the deadline passes (then what is left is cut).
 */
import type { Server } from 'restify';

export interface Drain {
  /** Requests received and not yet answered. */
  inFlight(): number;
  /** Resolves true when every request was answered in time, false when some were cut. */
  drain(deadlineMs: number): Promise<boolean>;
}

export function trackRequests(server: Server, onRequest?: (inFlight: number) => void): Drain {
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | null = null;
  server.pre((req, res, next) => {
    inFlight++;
    onRequest?.(inFlight);
    if (draining) res.setHeader('connection', 'close');
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      inFlight--;
      if (inFlight === 0) idle?.();
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  });
  return {
    inFlight: () => inFlight,
    async drain(deadlineMs) {
      draining = true;
      const http = server.server;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      const answered = new Promise<void>((resolve) => {
        if (inFlight === 0) resolve();
        else idle = resolve;
      });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), deadlineMs);
      });
      const outcome = await Promise.race([answered.then(() => 'answered' as const), late]);
      // Answered connections close after their response; what still idles is closed now.
      http.closeIdleConnections();
      if (outcome === 'late') http.closeAllConnections();
      await Promise.race([closed, late]);
      clearTimeout(timer);
      if (outcome === 'late') http.closeAllConnections();
      return outcome === 'answered';
    },
  };
}
