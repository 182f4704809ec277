// Child-process scenario: logs many lines, then exits abruptly, as a crash or a quit would.
import { createFileLogger } from '../../../src-main/adapters/file-logger';

const logger = createFileLogger({ dir: process.argv[3]!, maxBytes: 10 * 1024 * 1024 });
for (let index = 0; index < 500; index += 1) logger.log('info', `line ${index}`, { index });
process.exit(0);
