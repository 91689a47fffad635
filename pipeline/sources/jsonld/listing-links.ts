/**
 * Job links on a listing page (a careers page, a search result page): every `<a href>`
 * on the same host whose URL matches the job-page pattern, resolved against the page
 * (and its `<base href>`), without fragments, deduplicated in page order.
 */
import { load } from 'cheerio';

/** Default pattern for job pages on listing pages: a path segment naming jobs or offers. */
export const DEFAULT_JOB_URL_PATTERN =
  /\/(?:jobs?|emplois?|offres?(?:-d-emploi)?|careers?|carrieres?|postes?|vacanc(?:y|ies)|positions?)\//i;

export function extractJobLinks(html: string, pageUrl: string, pattern: RegExp): string[] {
  const $ = load(html);
  const base = $('base[href]').attr('href');
  let baseUrl: URL;
  try {
    baseUrl = new URL(base ?? pageUrl, pageUrl);
  } catch {
    baseUrl = new URL(pageUrl);
  }
  const host = new URL(pageUrl).host;
  const seen = new Set<string>();
  $('a[href]').each((_, element) => {
    const href = $(element).attr('href');
    if (!href) return;
    let url: URL;
    try {
      url = new URL(href, baseUrl);
    } catch {
      return;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host !== host) return;
    url.hash = '';
    if (pattern.test(url.pathname + url.search)) seen.add(url.href);
  });
  return [...seen];
}
