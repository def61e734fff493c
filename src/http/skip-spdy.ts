/**
 * restify 11 requires `spdy` as it loads (lib/server.js), for servers created with
 * `options.spdy`, which this bot never creates. spdy 4 loads `http-deceiver` 1.2, which reads
 * Node's internal HTTP parser through `process.binding('http_parser')` as it loads: Node's
 * DEP0111 warning on every start, and two unmaintained modules in the process for nothing. An
 * inert module takes spdy's place in the require cache, so neither loads; imported by the entry
 * point before anything requires restify.
 */
import Module from 'node:module';
import { dirname } from 'node:path';

/** Puts the stand-in in place; false when restify no longer needs spdy or it is already loaded. */
export function skipSpdy(): boolean {
  let file: string;
  try {
    file = require.resolve('spdy', { paths: [dirname(require.resolve('restify'))] });
  } catch {
    return false;
  }
  if (require.cache[file]) return false;
  const stub = new Module(file);
  stub.filename = file;
  stub.loaded = true;
  stub.exports = {
    createServer(): never {
      throw new Error('spdy is not loaded: Passerelle CIR serves plain HTTP/1.1 only');
    },
  };
  require.cache[file] = stub;
  return true;
}

skipSpdy();
