/**
 * HTML pages carrying schema.org JobPosting in `<script type="application/ld+json">`
 * blocks (Google's JobPosting structured data). A page may hold one object, an array,
 * an `@graph`, or postings nested in an ItemList; a broken block does not spoil a good
 * one next to it. Only broken blocks that mention "JobPosting" are reported: a broken
 * breadcrumb is not a lost job.
 */
import type { ContractType } from '../../../../providers/core/index.ts';
import { buildPosting, isRecord, rejectPayload } from '../clean/build-posting.ts';
import { htmlBlocks, type HtmlBlocks } from './html-blocks.ts';
import { asArray, employmentOf, salaryOfJsonLd, textOf } from './jsonld-fields.ts';
import { postingIdentity, type PageAddress } from './jsonld-identity.ts';
import {
  applicantLocationOf,
  isTelecommute,
  monthsOfExperience,
  skillListOf,
  substanceTexts,
} from './jsonld-properties.ts';
import type { ParseContext, ParseResult, Reject } from './parse-result.ts';
import { contractFromText, foldText, seniorityFromYears } from '../clean/classify.ts';
import { cleanLine } from '../clean/text.ts';

const MAX_DEPTH = 8;
const TITLE = /<title\b[^>]*>([^<]*)<\/title>/i;

/** Parses a JSON-LD block, tolerating HTML comment / CDATA wrappers and raw control characters. */
function parseBlock(text: string): unknown {
  const unwrapped = text
    .trim()
    .replace(/^<!--|-->$/g, '')
    .replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, '')
    .trim();
  try {
    return JSON.parse(unwrapped);
  } catch {
    // Line breaks inside strings are invalid JSON yet common in hand-written blocks.
    return JSON.parse(unwrapped.replace(/[\u0000-\u001f]+/g, ' '));
  }
}

function isJobPosting(node: Record<string, unknown>): boolean {
  return asArray(node['@type']).some((t) => typeof t === 'string' && /(^|[/:])JobPosting$/.test(t));
}

/** Every JobPosting object anywhere in the block (not descending into a posting itself). */
function collectPostings(node: unknown, found: Record<string, unknown>[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(node)) {
    for (const item of node) collectPostings(item, found, depth + 1);
    return;
  }
  if (!isRecord(node)) return;
  if (isJobPosting(node)) {
    found.push(node);
    return;
  }
  for (const value of Object.values(node))
    if (value !== null && typeof value === 'object') collectPostings(value, found, depth + 1);
}

/**
 * The page's own declared address: `<link rel="canonical" href>` (RFC 6596), else
 * `<meta property="og:url" content>` (ogp.me); read only when a posting needs it.
 */
function canonicalLink(blocks: HtmlBlocks): string | null {
  for (const link of blocks.links) {
    const rel = link.rel.toLowerCase().split(/\s+/);
    if (rel.includes('canonical')) return link.href;
  }
  for (const meta of blocks.metas) {
    const name = (meta.property ?? meta.name ?? '').trim().toLowerCase();
    if (name === 'og:url') return meta.content;
  }
  return null;
}

export interface JobPostingNodes {
  nodes: Record<string, unknown>[];
  rejects: Reject[];
  /** The page's canonical link / og:url, as written (maybe relative); computed on first call. */
  canonical: () => string | null;
  /** The page's `<title>` text, as written; computed on first call. */
  title: () => string | null;
}

/** JobPosting nodes of a page, plus a reject per broken block that looked like one. */
export function jobPostingNodes(body: string): JobPostingNodes {
  const nodes: Record<string, unknown>[] = [];
  const rejects: Reject[] = [];
  if (!/application\/ld\+json/i.test(body)) return { nodes, rejects, canonical: () => null, title: () => null };
  // htmlparser2's tokenizer in HTML mode (not parse5), streamed: scripts stay raw text.
  const blocks = htmlBlocks(body);
  blocks.scripts.forEach((script, blockIndex) => {
    if ((script.type ?? '').trim().toLowerCase() !== 'application/ld+json') return;
    const text = script.text;
    let json: unknown;
    try {
      json = parseBlock(text);
    } catch (error) {
      if (/JobPosting/.test(text)) {
        rejects.push({
          reason: `JSON-LD block ${blockIndex} is not valid JSON (${(error as Error).message})`,
          index: null,
          record: text.slice(0, 2_000),
        });
      }
      return;
    }
    collectPostings(json, nodes);
  });
  // The first <title> by a plain scan: cheaper than a selector over the whole DOM, and
  // cleanLine() decodes its entities later.
  return { nodes, rejects, canonical: () => canonicalLink(blocks), title: () => TITLE.exec(body)?.[1] ?? null };
}

export function parseJsonLd(body: string, context: ParseContext): ParseResult {
  if (!/application\/ld\+json/i.test(body)) return rejectPayload('page has no JSON-LD block', body);
  const { nodes, rejects, canonical, title } = jobPostingNodes(body);
  const out: ParseResult = { postings: [], rejects };
  if (nodes.length === 0 && out.rejects.length === 0) return rejectPayload('page has no schema.org JobPosting', body);
  const page: PageAddress = { pageUrl: context.pageUrl ?? null, canonical };
  nodes.forEach((node, index) => {
    const built = buildPosting(draftOf(node, index, nodes.length, page, title), context);
    if (built.ok) out.postings.push(built.posting);
    else out.rejects.push({ reason: built.reason, index, record: node });
  });
  return out;
}

/**
 * The contract a single-posting page names in its HTML `<title>` only: Welcome to the
 * Jungle writes "Développeur Symfony - L'olivier Assurance - CDI à Paris" there while its
 * JobPosting says just FULL_TIME. The employer's name is blanked first (a company called
 * "Stage Partners" is not an internship). Used only when the posting's own title and text
 * name no contract (`contractFallback`); a page listing several postings has no title of
 * any one of them.
 */
function contractFromPageTitle(
  pageTitle: string | null,
  postingTitle: unknown,
  company: string | null,
): ContractType | null {
  // A page titled with the posting's own title says nothing the rules have not read.
  if (!pageTitle || (typeof postingTitle === 'string' && pageTitle.trim() === postingTitle.trim())) return null;
  let text = cleanLine(pageTitle);
  if (company && company.trim().length >= 2) text = text.split(company.trim()).join(' ');
  return contractFromText(foldText(text, ''));
}

function draftOf(
  node: Record<string, unknown>,
  index: number,
  count: number,
  page: PageAddress,
  pageTitle: () => string | null,
) {
  const identity = postingIdentity(node, index, count, page);
  const place = asArray(node.jobLocation)[0];
  const address = isRecord(place) ? (place.address ?? null) : null;
  const addr = asArray(address)[0];
  const geo = isRecord(place) ? place.geo : undefined;
  const telecommute = isTelecommute(node.jobLocationType);
  const employment = employmentOf(node.employmentType);
  const months = monthsOfExperience(node.experienceRequirements);
  const company = textOf(node.hiringOrganization);
  const ownDescription = typeof node.description === 'string' ? node.description : null;
  // qualifications, responsibilities, requirements, benefits, hours: read with the
  // description, so the skill, remote, seniority and contract rules see them.
  const sections = substanceTexts(node, ownDescription ?? '');
  const description = [ownDescription, ...sections, employment.freeText.length ? employment.freeText.join(', ') : null]
    .filter((d) => d !== null)
    .join('\n');
  return {
    format: 'jsonld' as const,
    sourceId: identity.sourceId,
    url: identity.url,
    title: node.title ?? node.name,
    company,
    description,
    location: isRecord(addr)
      ? {
          raw:
            [textOf(addr.addressLocality), textOf(addr.postalCode), textOf(addr.addressRegion)]
              .filter(Boolean)
              .join(', ') || null,
          city: textOf(addr.addressLocality),
          postalCode: textOf(addr.postalCode),
          departement: null,
          region: textOf(addr.addressRegion),
          country: textOf(addr.addressCountry),
          lat: isRecord(geo) ? geo.latitude : undefined,
          lon: isRecord(geo) ? geo.longitude : undefined,
        }
      : {
          raw: textOf(address) ?? (telecommute ? null : textOf(place)),
          country: applicantLocationOf(node.applicantLocationRequirements),
        },
    structured: {
      contractType: employment.contractType,
      workingTime: employment.workingTime,
      remote: telecommute ? ('full' as const) : null,
      // A required experience, not a grade: classify() decides how it weighs against the title.
      seniority: months !== null ? seniorityFromYears(months / 12) : null,
    },
    contractFallback:
      count === 1 && employment.contractType === null
        ? contractFromPageTitle(pageTitle(), node.title ?? node.name, company)
        : null,
    salary: salaryOfJsonLd(node.baseSalary, node.salaryCurrency),
    skillLists: skillListOf(node.skills),
    postedAt: node.datePosted,
  };
}
