import type { TFunction } from 'i18next';
import type { Reason } from '../api/get-matches';
import { joinList } from '@/lib/format';

/** Labels for the codes a reason shares, from the taxonomies in the reader's language. */
export interface ReasonLabels {
  /** Sector codes, 5-digit and 3-digit categories alike. */
  sector: (code: string) => string;
  country: (code: string) => string;
  region: (code: string) => string;
  language: (code: string) => string;
  /** A skill as the API folded it (`sechage`) back in the words of the item (`séchage`). */
  skill?: (folded: string) => string;
}

/** Lower case without accents, as the API compares skills: `Séchage` → `sechage`. */
export function foldSkill(skill: string): string {
  return skill.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The skill labeller for a matched item: its own spelling of each folded skill it lists. */
export function skillsOf(skills: readonly string[]): (folded: string) => string {
  const spelled = new Map(skills.map((skill) => [foldSkill(skill), skill.trim()]));
  return (folded) => spelled.get(folded) ?? folded;
}

/** A score between 0 and 1 as a whole percentage ("87 %", "87%"). */
export function formatScore(score: number, lang: string): string {
  const bounded = Math.min(1, Math.max(0, score));
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(bounded);
}

/**
 * Why two sides match, in the reader's words: built from the reason's `criterion` and the codes
 * it `shared` (sector, country, region, language codes labelled from the taxonomies; skills as
 * the API folded them), never from its English `detail`. The place criterion shares countries
 * (ISO 3166 letters), else regions (DAC numbers), else nothing when remote work is what brings
 * the sides together; the sector criterion shares 5-digit codes, else 3-digit categories.
 */
export function reasonWords(reason: Reason, t: TFunction, labels: ReasonLabels, lang: string): string {
  const list = (label: (code: string) => string) => joinList(reason.shared.map(label), lang);
  switch (reason.criterion) {
    case 'sector':
      return reason.shared.every((code) => code.length === 3)
        ? t('contacts.reasons.sectorCategory', { list: list(labels.sector) })
        : t('contacts.reasons.sector', { list: list(labels.sector) });
    case 'place':
      if (reason.shared.length === 0) return t('contacts.reasons.remote');
      return reason.shared.every((code) => /^[A-Za-z]{2}$/.test(code))
        ? t('contacts.reasons.country', { list: list(labels.country) })
        : t('contacts.reasons.region', { list: list(labels.region) });
    case 'skills':
      return t('contacts.reasons.skills', { list: list(labels.skill ?? ((skill) => skill)) });
    case 'languages':
      return t('contacts.reasons.languages', { list: list(labels.language) });
    case 'text':
      return t('contacts.reasons.text');
    case 'freshness':
      return t('contacts.reasons.freshness');
    case 'verified_organisation':
      return t('contacts.reasons.verified');
  }
}
