/**
 * Welcome to the Jungle's settings (docs/sources/wttj.md), under `JOBBENCH_WTTJ_`. The
 * opt-in is a setting like the others, but not a required one: without it the source
 * refuses with a sentence about the site's terms, not a "missing setting".
 */
import { setting, type SourceSettings } from '../source-settings.ts';
import { httpUrl, yes } from '../setting-parsers.ts';
import { FETCH_LIMIT_FIELDS } from '../http/fetch-limit-settings.ts';

export const WTTJ_DEFAULT_ORIGIN = 'https://www.welcometothejungle.com';

export const WTTJ_SETTINGS = {
  source: 'wttj',
  prefix: 'JOBBENCH_WTTJ_',
  docs: 'docs/sources/wttj.md',
  fields: {
    /** `yes` once the user read the site's terms; anything else leaves the source refusing to run. */
    acknowledged: setting({ variable: 'JOBBENCH_WTTJ_ACKNOWLEDGE', parse: yes, default: false }),
    /** Site root; tests point it at a local server. */
    origin: setting({ variable: 'JOBBENCH_WTTJ_BASE_URL', parse: httpUrl, default: WTTJ_DEFAULT_ORIGIN }),
    ...FETCH_LIMIT_FIELDS,
  },
} as const satisfies SourceSettings;

export const WTTJ_ACK_ENV = WTTJ_SETTINGS.fields.acknowledged.variable;
