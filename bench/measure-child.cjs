// Runs the built `penin` CLI in this process and reports its peak RSS (bytes) on fd 3 at exit.
// Usage: node bench/measure-child.cjs <penin args...>   (fd 3 must be open for writing)
const { writeSync } = require('node:fs');
process.on('exit', () => {
  try {
    writeSync(3, String(process.resourceUsage().maxRSS * 1024));
  } catch {
    /* no fd 3: nothing to report */
  }
});
process.argv = [process.argv[0], require.resolve('../dist/cli/penin.cjs'), ...process.argv.slice(2)];
require('../dist/cli/penin.cjs');
