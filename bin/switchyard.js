#!/usr/bin/env node
// Entry point of the `switchyard` command. Builds the app first when there is no build (so
// `npx switchyard` works right after `npm install`), then runs it.
//
// Whether the build is older than the sources is checked only where a start is slow anyway:
// `switchyard serve` here, and `npm start`. Walking src/ costs more than a whole
// `switchyard status` round trip (hundreds of stats; hundreds of ms on a loaded machine), and
// agents call the client commands many times a run; after editing the sources, `npm run build`
// (or `npm start`, or `serve`) brings the build up to date.
'use strict';
const { build, cliBundle, isBuildMissing, isBuildStale, skipBuild } = require('./build-state');

const command = process.argv[2];
if (!skipBuild() && (command === 'serve' ? isBuildStale() : isBuildMissing())) build();

require(cliBundle);
