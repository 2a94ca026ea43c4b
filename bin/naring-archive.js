#!/usr/bin/env node
// The built CLI lives in dist/ (npm run build); nothing else belongs here.
import { main } from '../dist/cli.js';

main(process.argv).then((code) => { process.exitCode = code; });
