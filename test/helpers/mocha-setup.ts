/** Loaded by mocha before any test (.mocharc.json "require"). */
// As the entry point does: restify's unused spdy stays unloaded, and so does its DEP0111 warning.
import '../../src/http/skip-spdy';

// Every card any test renders is expanded twice and compared with adaptivecards-templating's own.
process.env.CARD_EXPANDER_CHECK ??= '1';
