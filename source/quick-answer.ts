// What the launcher runs for `proctop --help` / `-h` / `--version` / `-V` alone: the answer,
// without loading the program (the full bundle takes ~120 ms more to load than this one).
// I/O: stdout.

import {helpScreen, VERSION} from './help.js';

const [flag] = process.argv.slice(2);
process.stdout.write(flag === '--version' || flag === '-V' ? `${VERSION}\n` : helpScreen());
