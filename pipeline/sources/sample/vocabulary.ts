/**
 * The words the sample generator draws from: cities weighted like the French data-job
 * market (Paris and Île-de-France dominant), data job families with their titles, skills
 * and missions, fictional employers. Codes are INSEE codes checked against
 * `@etalab/decoupage-administratif`; coordinates are approximate city centres.
 */
import type { ContractType, RemoteMode } from '../../../providers/core/index.ts';

export interface SampleCity {
  /** INSEE code of the commune or municipal arrondissement. */
  insee: string;
  /** Name as job boards write it ("Paris 15e Arrondissement"). */
  name: string;
  /** The city a candidate would name ("Paris"). */
  city: string;
  postalCode: string;
  departement: string;
  departementName: string;
  /** Région as Adzuna writes it (no accent on Île). */
  regionAdzuna: string;
  region: string;
  lat: number;
  lon: number;
  weight: number;
}

const c = (
  insee: string,
  name: string,
  city: string,
  postalCode: string,
  departement: string,
  departementName: string,
  region: string,
  lat: number,
  lon: number,
  weight: number,
): SampleCity => ({
  insee,
  name,
  city,
  postalCode,
  departement,
  departementName,
  region,
  regionAdzuna: region.replace('Île', 'Ile'),
  lat,
  lon,
  weight,
});

const IDF = 'Île-de-France';
const ARA = 'Auvergne-Rhône-Alpes';
const PACA = "Provence-Alpes-Côte d'Azur";

export const CITIES: readonly SampleCity[] = [
  c('75102', 'Paris 2e Arrondissement', 'Paris', '75002', '75', 'Paris', IDF, 48.868, 2.343, 5),
  c('75108', 'Paris 8e Arrondissement', 'Paris', '75008', '75', 'Paris', IDF, 48.873, 2.311, 7),
  c('75109', 'Paris 9e Arrondissement', 'Paris', '75009', '75', 'Paris', IDF, 48.877, 2.337, 6),
  c('75110', 'Paris 10e Arrondissement', 'Paris', '75010', '75', 'Paris', IDF, 48.876, 2.361, 4),
  c('75111', 'Paris 11e Arrondissement', 'Paris', '75011', '75', 'Paris', IDF, 48.859, 2.38, 4),
  c('75113', 'Paris 13e Arrondissement', 'Paris', '75013', '75', 'Paris', IDF, 48.828, 2.362, 4),
  c('75115', 'Paris 15e Arrondissement', 'Paris', '75015', '75', 'Paris', IDF, 48.84, 2.293, 5),
  c('75117', 'Paris 17e Arrondissement', 'Paris', '75017', '75', 'Paris', IDF, 48.887, 2.306, 4),
  c('92026', 'Courbevoie', 'Courbevoie', '92400', '92', 'Hauts-de-Seine', IDF, 48.897, 2.253, 5),
  c('92062', 'Puteaux', 'Puteaux', '92800', '92', 'Hauts-de-Seine', IDF, 48.884, 2.238, 2),
  c('92012', 'Boulogne-Billancourt', 'Boulogne-Billancourt', '92100', '92', 'Hauts-de-Seine', IDF, 48.835, 2.241, 3),
  c('92040', 'Issy-les-Moulineaux', 'Issy-les-Moulineaux', '92130', '92', 'Hauts-de-Seine', IDF, 48.824, 2.27, 3),
  c('92044', 'Levallois-Perret', 'Levallois-Perret', '92300', '92', 'Hauts-de-Seine', IDF, 48.895, 2.287, 2),
  c('92050', 'Nanterre', 'Nanterre', '92000', '92', 'Hauts-de-Seine', IDF, 48.892, 2.207, 2),
  c('93066', 'Saint-Denis', 'Saint-Denis', '93200', '93', 'Seine-Saint-Denis', IDF, 48.936, 2.357, 2),
  c('91377', 'Massy', 'Massy', '91300', '91', 'Essonne', IDF, 48.731, 2.271, 1),
  c('78646', 'Versailles', 'Versailles', '78000', '78', 'Yvelines', IDF, 48.801, 2.13, 1),
  c('69383', 'Lyon 3e Arrondissement', 'Lyon', '69003', '69', 'Rhône', ARA, 45.76, 4.851, 5),
  c('69387', 'Lyon 7e Arrondissement', 'Lyon', '69007', '69', 'Rhône', ARA, 45.745, 4.842, 3),
  c('69266', 'Villeurbanne', 'Villeurbanne', '69100', '69', 'Rhône', ARA, 45.767, 4.88, 1),
  c('38185', 'Grenoble', 'Grenoble', '38000', '38', 'Isère', ARA, 45.188, 5.724, 2),
  c('63113', 'Clermont-Ferrand', 'Clermont-Ferrand', '63000', '63', 'Puy-de-Dôme', ARA, 45.778, 3.087, 1),
  c('31555', 'Toulouse', 'Toulouse', '31000', '31', 'Haute-Garonne', 'Occitanie', 43.605, 1.444, 5),
  c('34172', 'Montpellier', 'Montpellier', '34000', '34', 'Hérault', 'Occitanie', 43.611, 3.877, 2),
  c('44109', 'Nantes', 'Nantes', '44000', '44', 'Loire-Atlantique', 'Pays de la Loire', 47.218, -1.554, 4),
  c('33063', 'Bordeaux', 'Bordeaux', '33000', '33', 'Gironde', 'Nouvelle-Aquitaine', 44.838, -0.579, 4),
  c('59350', 'Lille', 'Lille', '59000', '59', 'Nord', 'Hauts-de-France', 50.629, 3.057, 4),
  c('59512', 'Roubaix', 'Roubaix', '59100', '59', 'Nord', 'Hauts-de-France', 50.69, 3.181, 1),
  c('13201', 'Marseille 1er Arrondissement', 'Marseille', '13001', '13', 'Bouches-du-Rhône', PACA, 43.3, 5.384, 2),
  c('13208', 'Marseille 8e Arrondissement', 'Marseille', '13008', '13', 'Bouches-du-Rhône', PACA, 43.241, 5.377, 1),
  c('13001', 'Aix-en-Provence', 'Aix-en-Provence', '13090', '13', 'Bouches-du-Rhône', PACA, 43.529, 5.447, 2),
  c('06152', 'Valbonne', 'Valbonne', '06560', '06', 'Alpes-Maritimes', PACA, 43.641, 7.009, 2),
  c('06088', 'Nice', 'Nice', '06000', '06', 'Alpes-Maritimes', PACA, 43.71, 7.262, 1),
  c('35238', 'Rennes', 'Rennes', '35000', '35', 'Ille-et-Vilaine', 'Bretagne', 48.117, -1.678, 3),
  c('29019', 'Brest', 'Brest', '29200', '29', 'Finistère', 'Bretagne', 48.39, -4.486, 0.5),
  c('67482', 'Strasbourg', 'Strasbourg', '67000', '67', 'Bas-Rhin', 'Grand Est', 48.573, 7.752, 2),
  c('54395', 'Nancy', 'Nancy', '54000', '54', 'Meurthe-et-Moselle', 'Grand Est', 48.692, 6.184, 0.7),
  c('76540', 'Rouen', 'Rouen', '76000', '76', 'Seine-Maritime', 'Normandie', 49.443, 1.099, 0.8),
  c('21231', 'Dijon', 'Dijon', '21000', '21', "Côte-d'Or", 'Bourgogne-Franche-Comté', 47.322, 5.041, 0.6),
  c('37261', 'Tours', 'Tours', '37000', '37', 'Indre-et-Loire', 'Centre-Val de Loire', 47.394, 0.685, 0.6),
  c('2A004', 'Ajaccio', 'Ajaccio', '20000', '2A', 'Corse-du-Sud', 'Corse', 41.919, 8.738, 0.2),
  c('2B033', 'Bastia', 'Bastia', '20200', '2B', 'Haute-Corse', 'Corse', 42.697, 9.45, 0.15),
  c('97411', 'Saint-Denis', 'Saint-Denis', '97400', '974', 'La Réunion', 'La Réunion', -20.882, 55.45, 0.3),
  c('97120', 'Pointe-à-Pitre', 'Pointe-à-Pitre', '97110', '971', 'Guadeloupe', 'Guadeloupe', 16.241, -61.533, 0.15),
  c('97209', 'Fort-de-France', 'Fort-de-France', '97200', '972', 'Martinique', 'Martinique', 14.616, -61.059, 0.15),
  c('97302', 'Cayenne', 'Cayenne', '97300', '973', 'Guyane', 'Guyane', 4.938, -52.326, 0.08),
  c('97611', 'Mamoudzou', 'Mamoudzou', '97600', '976', 'Mayotte', 'Mayotte', -12.781, 45.228, 0.05),
];

export const CITY_WEIGHTS = CITIES.map((city) => [city, city.weight] as const);

/**
 * Fictional employers: a stem and a line of business, about 500 names, with a long tail
 * (the first stems hire most, as large groups do). Legal forms ("SAS") are added to some
 * copies only, so the dedupe has to see through them.
 */
export const COMPANY_STEMS: readonly string[] = [
  'Horizon',
  'Datalyse',
  'Nexa',
  'Octave',
  'Mobilis',
  'Énergie Verte',
  'Pharmalys',
  'Retailia',
  'Cybelle',
  'Aérostructures du Sud',
  'Telcom Ouest',
  'Hexagone Médias',
  'Quantix',
  'Lumen',
  'Agrinova',
  'Kairos',
  'Atlas',
  'Veridis',
  'Maison Céleste',
  'Numéria',
  'Astral',
  'Helio',
  'Batiplus',
  'Cortex IA',
  'Océane',
  'Tradix',
  'Lumière',
  'Alpina',
  'Delta Recrutement',
  'Talents Plus',
  'Boréal',
  'Sirius',
  'Azimut',
  'Calypso',
  'Ondine',
  'Mistral',
  'Garance',
  'Vauban',
  'Colbert',
  'Zéphyr',
];
export const COMPANY_LINES: readonly string[] = [
  '',
  ' Conseil',
  ' Analytics',
  ' Technologies',
  ' Services',
  ' Solutions',
  ' Digital',
  ' Banque',
  ' Assurances',
  ' Industrie',
  ' Santé',
  ' Logistique',
];
export type FamilyId =
  | 'data-scientist'
  | 'data-engineer'
  | 'data-analyst'
  | 'ml-engineer'
  | 'mlops'
  | 'analytics-engineer'
  | 'bi'
  | 'data-architect'
  | 'genai';

export interface Family {
  id: FamilyId;
  weight: number;
  /** [French title, English title] pairs. */
  titles: readonly (readonly [string, string])[];
  /** Always present in the ad. */
  core: readonly string[];
  /** Drawn from, 2 to 5 of them. */
  optional: readonly string[];
  missionsFr: readonly string[];
  missionsEn: readonly string[];
}

export const FAMILIES: readonly Family[] = [
  {
    id: 'data-scientist',
    weight: 22,
    titles: [
      ['Data Scientist', 'Data Scientist'],
      ['Ingénieur Data Science', 'Data Science Engineer'],
      ['Scientifique des données', 'Data Scientist'],
    ],
    core: ['Python', 'machine learning'],
    optional: [
      'SQL',
      'scikit-learn',
      'pandas',
      'TensorFlow',
      'PyTorch',
      'statistiques',
      'Spark',
      'AWS',
      'GCP',
      'Git',
      'Docker',
      'NLP',
      'séries temporelles',
      'R',
      'deep learning',
      'A/B testing',
    ],
    missionsFr: [
      'concevoir des modèles prédictifs',
      'industrialiser les modèles avec les équipes data engineering',
      'analyser les données clients',
      'présenter les résultats aux métiers',
    ],
    missionsEn: [
      'build predictive models',
      'ship models to production with the data engineers',
      'explore customer data',
      'present findings to business teams',
    ],
  },
  {
    id: 'data-engineer',
    weight: 24,
    titles: [
      ['Data Engineer', 'Data Engineer'],
      ['Ingénieur Data', 'Data Engineer'],
      ['Ingénieur Big Data', 'Big Data Engineer'],
    ],
    core: ['Python', 'SQL'],
    optional: [
      'Spark',
      'PySpark',
      'Airflow',
      'Kafka',
      'dbt',
      'AWS',
      'GCP',
      'Azure',
      'Databricks',
      'Snowflake',
      'BigQuery',
      'Docker',
      'Kubernetes',
      'Terraform',
      'Scala',
      'PostgreSQL',
      'Git',
      'CI/CD',
    ],
    missionsFr: [
      'construire et maintenir les pipelines de données',
      'modéliser le data warehouse',
      'garantir la qualité des données',
      'optimiser les coûts de la plateforme cloud',
    ],
    missionsEn: [
      'build and run data pipelines',
      'model the data warehouse',
      'own data quality',
      'keep cloud platform costs in check',
    ],
  },
  {
    id: 'data-analyst',
    weight: 26,
    titles: [
      ['Data Analyst', 'Data Analyst'],
      ['Analyste de données', 'Data Analyst'],
      ["Chargé d'études statistiques", 'Statistical Analyst'],
      ['Product Data Analyst', 'Product Data Analyst'],
    ],
    core: ['SQL'],
    optional: [
      'Python',
      'Power BI',
      'Tableau',
      'Excel',
      'Looker',
      'statistiques',
      'Google Analytics',
      'BigQuery',
      'dbt',
      'R',
      'SAS',
      'VBA',
      'A/B testing',
    ],
    missionsFr: [
      'construire des tableaux de bord',
      'suivre les indicateurs clés',
      'répondre aux demandes d’analyse des métiers',
      'fiabiliser les données de reporting',
    ],
    missionsEn: [
      'build dashboards',
      'track key metrics',
      'answer ad-hoc business questions',
      'make reporting data reliable',
    ],
  },
  {
    id: 'ml-engineer',
    weight: 8,
    titles: [
      ['Ingénieur Machine Learning', 'Machine Learning Engineer'],
      ['ML Engineer', 'ML Engineer'],
    ],
    core: ['Python', 'machine learning'],
    optional: [
      'PyTorch',
      'TensorFlow',
      'Docker',
      'Kubernetes',
      'MLflow',
      'AWS',
      'GCP',
      'Spark',
      'Git',
      'CI/CD',
      'computer vision',
      'NLP',
    ],
    missionsFr: [
      'déployer des modèles en production',
      'concevoir des API de prédiction',
      'surveiller la performance des modèles',
    ],
    missionsEn: ['deploy models to production', 'design prediction APIs', 'monitor model performance'],
  },
  {
    id: 'mlops',
    weight: 4,
    titles: [['Ingénieur MLOps', 'MLOps Engineer']],
    core: ['MLOps', 'Docker'],
    optional: [
      'Kubernetes',
      'MLflow',
      'Kubeflow',
      'Terraform',
      'AWS',
      'Azure',
      'GCP',
      'Python',
      'CI/CD',
      'Git',
      'Airflow',
    ],
    missionsFr: ['automatiser le cycle de vie des modèles', 'maintenir la plateforme ML'],
    missionsEn: ['automate the model lifecycle', 'run the ML platform'],
  },
  {
    id: 'analytics-engineer',
    weight: 5,
    titles: [['Analytics Engineer', 'Analytics Engineer']],
    core: ['SQL', 'dbt'],
    optional: ['Snowflake', 'BigQuery', 'Looker', 'Airflow', 'Python', 'Git', 'Fivetran', 'Airbyte'],
    missionsFr: ['modéliser les données avec dbt', 'documenter la couche sémantique'],
    missionsEn: ['model data with dbt', 'document the semantic layer'],
  },
  {
    id: 'bi',
    weight: 7,
    titles: [
      ['Consultant BI', 'BI Consultant'],
      ['Développeur BI Power BI', 'Power BI Developer'],
      ['Consultant décisionnel', 'Business Intelligence Analyst'],
    ],
    core: ['Power BI', 'SQL'],
    optional: ['Tableau', 'Qlik', 'SSIS', 'Talend', 'Excel', 'Azure', 'SQL Server', 'Oracle'],
    missionsFr: [
      'recueillir les besoins de reporting',
      'développer les rapports décisionnels',
      'former les utilisateurs',
    ],
    missionsEn: ['gather reporting needs', 'develop BI reports', 'train business users'],
  },
  {
    id: 'data-architect',
    weight: 2,
    titles: [['Architecte Data', 'Data Architect']],
    core: ['data warehouse', 'SQL'],
    optional: ['AWS', 'Azure', 'GCP', 'Snowflake', 'Databricks', 'Kafka', 'Terraform', 'Spark'],
    missionsFr: ["définir l'architecture de la plateforme data", 'encadrer les choix techniques'],
    missionsEn: ['design the data platform architecture', 'steer technical choices'],
  },
  {
    id: 'genai',
    weight: 2,
    titles: [
      ['Ingénieur IA générative', 'GenAI Engineer'],
      ['Ingénieur NLP / LLM', 'NLP / LLM Engineer'],
    ],
    core: ['Python', 'LLM'],
    optional: ['LangChain', 'Hugging Face', 'PyTorch', 'NLP', 'RAG', 'Azure', 'AWS', 'Docker'],
    missionsFr: ['prototyper des assistants fondés sur des LLM', 'évaluer la qualité des réponses'],
    missionsEn: ['prototype LLM-based assistants', 'evaluate answer quality'],
  },
];

export const FAMILY_WEIGHTS = FAMILIES.map((f) => [f, f.weight] as const);

/** Contract mix of French data-job ads (CDI dominant). */
export const CONTRACT_WEIGHTS: readonly (readonly [ContractType, number])[] = [
  ['permanent', 62],
  ['fixed-term', 8],
  ['internship', 10],
  ['apprenticeship', 9],
  ['freelance', 8],
  ['temporary', 3],
];

/** null: the ad does not say. */
export const REMOTE_WEIGHTS: readonly (readonly [RemoteMode | null, number])[] = [
  ['hybrid', 55],
  ['none', 20],
  ['full', 8],
  [null, 17],
];

export const SOFT_SKILLS_FR = [
  'autonomie',
  'rigueur',
  "esprit d'équipe",
  'anglais professionnel',
  'aisance relationnelle',
];
export const SOFT_SKILLS_EN = ['autonomy', 'fluent English', 'team player', 'problem solving'];
