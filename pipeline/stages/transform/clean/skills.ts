/**
 * Skill extraction against the taxonomy (pipeline/model/skills-taxonomy.ts). Every alias
 * and name is a phrase of tokens in one trie (phrase-trie.ts), built once, and the folded
 * text is scanned once against it, so the cost is linear in the text and independent of
 * the taxonomy size. Ambiguous names
 * (R, C, SAS, Tableau, AI) go through their case-sensitive guard on the original text.
 * Words glued together by the source ("technologiqueSpark", "SQLAnalyse") are split
 * first (`unglue`), unless the glued word is itself a known name ("JavaScript").
 */
import { fold } from '../../../model/fold.ts';
import { SKILLS, type SkillDefinition } from '../../../model/skills-taxonomy.ts';
import { PhraseTrie } from './phrase-trie.ts';

interface GuardEntry {
  re: RegExp;
  context: boolean;
  skill: SkillDefinition;
}

interface Matcher {
  /** Every alias and unambiguous name, folded, as phrases of tokens. */
  phrases: PhraseTrie<SkillDefinition>;
  guards: GuardEntry[];
  /**
   * All guards as one alternation: a text it does not match matches no guard, and most
   * texts (every short skill-list item) match none. Null when a guard uses a group
   * reference, which an alternation would renumber.
   */
  anyGuard: RegExp | null;
  byName: Map<string, SkillDefinition>;
  /** Every token of every alias and name: a glued word found here is left whole. */
  vocabulary: Set<string>;
}

/** Words that make a bare "R", "C" or "SAS" a tool rather than a letter or a company form. */
const CONTEXT =
  /(?<![\p{L}\d])(?:python|sql|sas|stata|spss|matlab|julia|scala|java|c\+\+|langages?|languages?|programming|programmation|rstudio|statisti\p{L}*|excel|vba|ggplot2?|tidyverse|shiny|spark|knime|pandas|logiciels?|outils statistiques)(?![\p{L}\d])/iu;

let matcher: Matcher | null = null;

/** The runs of `[a-z0-9+#]` in folded text: `text.split(/[^a-z0-9+#]+/)` without its empty strings. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x23) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      tokens.push(text.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) tokens.push(text.slice(start));
  return tokens;
}

function buildMatcher(): Matcher {
  const trie = new PhraseTrie<SkillDefinition>();
  const guards: GuardEntry[] = [];
  const byName = new Map<string, SkillDefinition>();
  const vocabulary = new Set<string>();
  for (const skill of SKILLS) {
    byName.set(skill.name, skill);
    const phrases = new Set(skill.aliases.map(fold));
    if (!skill.nameIsAmbiguous) phrases.add(fold(skill.name));
    for (const phrase of phrases) {
      const tokens = tokenize(phrase);
      if (tokens.length === 0) continue;
      for (const token of tokens) vocabulary.add(token);
      // A phrase named twice keeps its first skill, as taxonomy order decides.
      trie.add(tokens, skill);
    }
    if (skill.guard)
      guards.push({ re: new RegExp(skill.guard.pattern, 'gu'), context: skill.guard.context === true, skill });
  }
  // At each token the longest phrase wins, so "power bi" beats a one-word alias.
  return { phrases: trie, guards, byName, vocabulary, anyGuard: alternationOf(guards.map((g) => g.re.source)) };
}

/** The patterns as one alternation, or null when joining them could change one (group references, names). */
function alternationOf(sources: readonly string[]): RegExp | null {
  if (sources.length === 0 || sources.some((src) => /\\[1-9]|\\k<|\(\?</.test(src.replace(/\(\?<[=!]/g, ''))))
    return null;
  return new RegExp(sources.map((src) => `(?:${src})`).join('|'), 'u');
}

function getMatcher(): Matcher {
  matcher ??= buildMatcher();
  return matcher;
}

export interface SkillOptions {
  /**
   * The text is a list of skills (France Travail `competences`, JSON-LD `skills`): the
   * ambiguous names need no neighbouring context there.
   */
  skillList?: boolean;
}

/**
 * Where a word stops and the next starts without a space, in the original (unfolded)
 * text: "technologiqueSpark" (lower → capitalized word), "SQLAnalyse" (an acronym of two
 * or more capitals → a capitalized word of at least two more letters, so "LLMs" and
 * "KPIs" stay whole), "expérienceAWS" (lower → a trailing acronym of three or more
 * capitals, so "OpenAI", "ReactJS" and "AutoML" stay whole). A sentence end without a
 * space ("pipeline.Python") needs nothing: the tokenizer already splits at the dot.
 */
const GLUE_POINT =
  /(?<=\p{Ll})(?=\p{Lu}\p{Ll})|(?<=\p{Lu}{2})(?=\p{Lu}\p{Ll}{2})|(?<=\p{Ll})(?=\p{Lu}{3,}(?![\p{L}\d]))/u;
/**
 * A scan for the places GLUE_POINT may apply, over Latin letters (ASCII and Latin-1
 * accented, i.e. French and English text): ten times cheaper than Unicode property classes,
 * and it runs on every text.
 */
const GLUE_HINT = /[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ]|[A-ZÀ-ÖØ-Þ]{3}[a-zß-öø-ÿ]/g;
const WORD_CHAR = /[\p{L}\p{M}\d]/u;
/** Glued words repeat across postings ("BigQuery", "MLOps"): each is decided once. */
const splitCache = new Map<string, string>();

/**
 * `text` with a space put between glued words; the same string when there are none.
 * Only a word holding a glue point is looked at (one linear scan of the text otherwise).
 * A glued word that is itself a taxonomy token stays whole ("JavaScript", "PostgreSQL",
 * "PySpark"), and so do neighbouring pieces that together form one
 * ("développementJavaScript" → "développement JavaScript", never "Java").
 */
export function unglue(text: string): string {
  GLUE_HINT.lastIndex = 0;
  let hit = GLUE_HINT.exec(text);
  if (hit === null) return text;
  const { vocabulary } = getMatcher();
  let out = '';
  let copied = 0;
  while (hit !== null) {
    let start = hit.index;
    while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start--;
    let end = hit.index + hit[0].length;
    while (end < text.length && WORD_CHAR.test(text[end]!)) end++;
    const word = text.slice(start, end);
    let split = splitCache.get(word);
    if (split === undefined) {
      split = splitGlued(word, vocabulary);
      if (splitCache.size >= 10_000) splitCache.clear(); // bounded memory
      splitCache.set(word, split);
    }
    if (split !== word) {
      out += text.slice(copied, start) + split;
      copied = end;
    }
    GLUE_HINT.lastIndex = end;
    hit = GLUE_HINT.exec(text);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function splitGlued(word: string, vocabulary: Set<string>): string {
  if (vocabulary.has(fold(word))) return word;
  const parts = word.split(GLUE_POINT);
  if (parts.length < 2) return word;
  const out: string[] = [];
  for (let i = 0; i < parts.length; ) {
    // The longest run of pieces that is a known token, else the piece alone.
    let j = parts.length;
    while (j > i + 1 && !vocabulary.has(fold(parts.slice(i, j).join('')))) j--;
    out.push(parts.slice(i, j).join(''));
    i = j;
  }
  return out.join(' ');
}

/** Canonical skill names found in `text`, added to `into`; `folded` is `fold(text)` when already known. */
export function collectSkills(input: string, into: Set<string>, options: SkillOptions = {}, folded?: string): void {
  if (!input) return;
  const m = getMatcher();
  const text = unglue(input);
  m.phrases.forEachLongest(text === input && folded !== undefined ? folded : fold(text), (skill) =>
    add(skill, into, m),
  );
  if (m.anyGuard !== null && !m.anyGuard.test(text)) return;
  for (const guard of m.guards) {
    if (into.has(guard.skill.name)) continue;
    guard.re.lastIndex = 0;
    for (let hit = guard.re.exec(text); hit !== null; hit = guard.re.exec(text)) {
      if (!guard.context || options.skillList || hasContext(text, hit.index, hit[0].length)) {
        add(guard.skill, into, m);
        break;
      }
    }
  }
}

function hasContext(text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
  const after = text.slice(index + length, index + length + 60);
  return CONTEXT.test(`${before} ${after}`);
}

function add(skill: SkillDefinition, into: Set<string>, m: Matcher): void {
  into.add(skill.name);
  for (const implied of skill.implies ?? []) if (m.byName.has(implied)) into.add(implied);
}

/** A text to search, with its folded form when the caller already has it. */
export type SkillText = string | null | undefined | { text: string; folded: string };

/** Sorted canonical skill names found in any of the texts. */
export function extractSkills(texts: readonly SkillText[], skillLists: readonly string[] = []): string[] {
  const found = new Set<string>();
  for (const t of texts) {
    if (typeof t === 'string') collectSkills(t, found);
    else if (t) collectSkills(t.text, found, {}, t.folded);
  }
  for (const item of skillLists) collectSkills(item, found, { skillList: true });
  return [...found].sort();
}
