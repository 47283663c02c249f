#!/usr/bin/env node
// The installed command: the compiled CLI (built by `npm run build`, run by `npm ci` through `prepare`).
import "../dist/cli/main.js";
