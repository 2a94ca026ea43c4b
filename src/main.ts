// Entry for running from source (tests use `node --import tsx src/main.ts`); bin/ runs the built copy.
import { main } from './cli.ts';

main(process.argv).then((code) => { process.exitCode = code; });
