/**
 * The one User-Agent every jobbench request sends: the tool's name, its version and a
 * URL where a site operator can read what it does and how to reach its maintainers
 * (the convention RFC 9309 §2.2.1 relies on to match robots.txt groups).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { version } = require('../../../package.json') as { version: string };

/** Product token matched against robots.txt `User-agent:` lines (RFC 9309 §2.2.1). */
export const PRODUCT_TOKEN = 'jobbench';

/** e.g. `jobbench/0.1.0 (+https://github.com/jobbench/jobbench)`. */
export const USER_AGENT = `${PRODUCT_TOKEN}/${version} (+https://github.com/jobbench/jobbench)`;
