/**
 * Skill extraction against the taxonomy (pipeline/model/skills-taxonomy.ts). The folded
 * text is split into tokens once and aliases are looked up by their first token, so the
 * cost is linear in the text and independent of the taxonomy size. Ambiguous names
 * (R, C, SAS, Tableau, AI) go through their case-sensitive guard on the original text.
 */
import { fold } from '../model/fold.ts';
import { SKILLS, type SkillDefinition } from '../model/skills-taxonomy.ts';

const TOKEN_SPLIT = /[^a-z0-9+#]+/;

interface AliasEntry {
  tokens: readonly string[];
  skill: SkillDefinition;
}

interface GuardEntry {
  re: RegExp;
  context: boolean;
  skill: SkillDefinition;
}

interface Matcher {
  byFirstToken: Map<string, AliasEntry[]>;
  guards: GuardEntry[];
  byName: Map<string, SkillDefinition>;
}

/** Words that make a bare "R", "C" or "SAS" a tool rather than a letter or a company form. */
const CONTEXT = /(?<![\p{L}\d])(?:python|sql|sas|stata|spss|matlab|julia|scala|java|c\+\+|langages?|languages?|programming|programmation|rstudio|statisti\p{L}*|excel|vba|ggplot2?|tidyverse|shiny|spark|knime|pandas|logiciels?|outils statistiques)(?![\p{L}\d])/iu;

let matcher: Matcher | null = null;

function tokenize(text: string): string[] {
  return text.split(TOKEN_SPLIT).filter((t) => t !== '');
}

function buildMatcher(): Matcher {
  const byFirstToken = new Map<string, AliasEntry[]>();
  const guards: GuardEntry[] = [];
  const byName = new Map<string, SkillDefinition>();
  for (const skill of SKILLS) {
    byName.set(skill.name, skill);
    const phrases = new Set(skill.aliases.map(fold));
    if (!skill.nameIsAmbiguous) phrases.add(fold(skill.name));
    for (const phrase of phrases) {
      const tokens = tokenize(phrase);
      const first = tokens[0];
      if (first === undefined) continue;
      const list = byFirstToken.get(first) ?? [];
      list.push({ tokens, skill });
      byFirstToken.set(first, list);
    }
    if (skill.guard) guards.push({ re: new RegExp(skill.guard.pattern, 'gu'), context: skill.guard.context === true, skill });
  }
  // Longest phrase first, so "power bi" is tried before a one-word alias.
  for (const list of byFirstToken.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { byFirstToken, guards, byName };
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

/** Canonical skill names found in `text`, added to `into`; `folded` is `fold(text)` when already known. */
export function collectSkills(text: string, into: Set<string>, options: SkillOptions = {}, folded?: string): void {
  if (!text) return;
  const m = getMatcher();
  const tokens = tokenize(folded ?? fold(text));
  for (let i = 0; i < tokens.length; i++) {
    const candidates = m.byFirstToken.get(tokens[i]!);
    if (!candidates) continue;
    for (const { tokens: phrase, skill } of candidates) {
      let ok = true;
      for (let k = 1; k < phrase.length; k++) {
        if (tokens[i + k] !== phrase[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        add(skill, into, m);
        break;
      }
    }
  }
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
