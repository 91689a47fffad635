import assert from 'node:assert/strict';
import {
  classify,
  contractFromText,
  foldText,
  remoteFromText,
  seniorityFromDescription,
  seniorityFromTitle,
  workingTimeFromText,
} from './classify.ts';

const t = (title: string, description = '') => foldText(title, description);

describe('classify', () => {
  describe('contract type from text', () => {
    const cases: [title: string, description: string, expected: string | null][] = [
      ['Stage - Data Scientist', '', 'internship'],
      ['Data Analyst (Stage)', '', 'internship'],
      ['Stagiaire Data Engineer', '', 'internship'],
      ['Data Science Intern', '', 'internship'],
      ['Data Analyst', 'Stage de fin d’études de 6 mois.', 'internship'],
      ['Data Analyst en alternance', 'CDI possible à l’issue', 'apprenticeship'],
      ['Alternance - Data Engineer', '', 'apprenticeship'],
      ['Apprenti Data Analyst', '', 'apprenticeship'],
      ['Data Analyst', 'Contrat de professionnalisation de 12 mois.', 'apprenticeship'],
      ['Freelance - Data Engineer', '', 'freelance'],
      ['Data Engineer (indépendant)', '', 'freelance'],
      ['Data Engineer', 'Mission freelance, TJM selon profil.', 'freelance'],
      ['Data Analyst intérim', '', 'temporary'],
      ['Data Analyst', "Mission d'intérim de 3 mois.", 'temporary'],
      ['Data Engineer CDD 6 mois', '', 'fixed-term'],
      ['Data Engineer', 'Contrat à durée déterminée de 12 mois', 'fixed-term'],
      ['Data Scientist CDI', '', 'permanent'],
      ['Data Scientist', 'Poste en CDI basé à Lyon.', 'permanent'],
      ['Data Scientist', 'Permanent contract, great benefits.', 'permanent'],
      // Guards: "early-stage", "internal", "international" are not internships.
      ['Data Scientist', 'Join an early-stage startup with international clients and internal tools.', null],
      ['Senior Data Engineer', 'Nous sommes une scale-up.', null],
    ];
    for (const [title, description, expected] of cases) {
      it(`${title} | ${description || '—'} → ${expected}`, () => assert.equal(contractFromText(t(title, description)), expected));
    }
  });

  describe('working time', () => {
    const cases: [string, string, string | null][] = [
      ['Data Analyst temps partiel', '', 'part-time'],
      ['Data Analyst', 'Poste à mi-temps', 'part-time'],
      ['Data Analyst', 'Part-time, 24 hours a week', 'part-time'],
      ['Data Analyst', 'Temps plein, 35h', 'full-time'],
      ['Data Analyst', 'Full-time position', 'full-time'],
      ['Data Analyst', 'Rien à signaler', null],
    ];
    for (const [title, description, expected] of cases) {
      it(`${title} | ${description} → ${expected}`, () => assert.equal(workingTimeFromText(t(title, description)), expected));
    }
  });

  describe('remote', () => {
    const cases: [string, string, string | null][] = [
      ['Data Engineer (Full Remote)', '', 'full'],
      ['Data Engineer - Remote', '', 'full'],
      ['Data Engineer', '100% télétravail possible', 'full'],
      ['Data Engineer', '100 % remote depuis la France', 'full'],
      ['Data Engineer', 'Télétravail complet', 'full'],
      ['Data Engineer', 'Télétravail partiel (2 jours par semaine)', 'hybrid'],
      ['Data Engineer', 'Organisation hybride', 'hybrid'],
      ['Data Engineer', '3 jours de télétravail par semaine', 'hybrid'],
      ['Data Engineer', 'Hybrid work: 2 days remote per week', 'hybrid'],
      ['Data Engineer', 'Télétravail selon la politique interne', 'hybrid'],
      ['Data Engineer', 'Poste 100% sur site, pas de télétravail.', 'none'],
      ['Data Engineer', 'Pas de télétravail possible', 'none'],
      ['Data Engineer', 'On-site only, no remote.', 'none'],
      ['Data Engineer', 'Bureaux à Lyon', null],
    ];
    for (const [title, description, expected] of cases) {
      it(`${title} | ${description || '—'} → ${expected}`, () => assert.equal(remoteFromText(t(title, description)), expected));
    }
  });

  describe('seniority', () => {
    const titles: [string, string | null][] = [
      ['Senior Data Scientist', 'senior'],
      ['Data Engineer Sr.', 'senior'],
      ['Data Scientist Expert', 'senior'],
      ['Lead Data Engineer', 'lead'],
      ['Principal ML Engineer', 'lead'],
      ['Head of Data', 'lead'],
      ['Data Manager', 'lead'],
      ['Data Analyst Junior', 'junior'],
      ['Data Analyst - Débutant accepté', 'junior'],
      ['Data Scientist confirmé', 'mid'],
      ['Data Scientist Confirmée', 'mid'],
      ['Data Scientist', null],
    ];
    for (const [title, expected] of titles) it(`title ${title} → ${expected}`, () => assert.equal(seniorityFromTitle(t(title).title), expected));

    const texts: [string, string | null][] = [
      ['Débutant accepté, jeunes diplômés bienvenus.', 'junior'],
      ["3 ans d'expérience minimum", 'mid'],
      ["Au moins 6 ans d'expérience", 'senior'],
      ['5+ years of experience with Spark', 'senior'],
      ["De 2 à 4 ans d'expérience", 'mid'],
      ['1 year of experience', 'junior'],
      ['Une équipe de 30 personnes', null],
    ];
    for (const [text, expected] of texts) it(`text ${text} → ${expected}`, () => assert.equal(seniorityFromDescription(t('', text).description), expected));
  });

  it('structured values win; text fills the gaps; a lead title beats the experience level', () => {
    const none = { contractType: null, workingTime: null, remote: null, seniority: null };
    assert.deepEqual(classify({ ...none, contractType: 'permanent' }, t('Stage Data', 'télétravail partiel')), { contractType: 'permanent', workingTime: null, remote: 'hybrid', seniority: null });
    assert.equal(classify({ ...none, seniority: 'mid' }, t('Lead Data Engineer')).seniority, 'lead');
    assert.equal(classify({ ...none, seniority: 'mid' }, t('Senior Data Engineer')).seniority, 'mid');
    assert.equal(classify(none, t('Alternance Data Analyst')).seniority, 'junior');
  });
});
