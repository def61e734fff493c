/** Loaded by mocha before any test (.mocharc.json "require"). */
// Every card any test renders is expanded twice and compared with adaptivecards-templating's own.
process.env.CARD_EXPANDER_CHECK ??= '1';
