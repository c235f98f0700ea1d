/** Per-country material for demo customers: names, places, company forms, phone plans. */
export interface CountryKit {
  code: string;
  weight: number;
  language: string;
  first: { female: readonly string[]; male: readonly string[] };
  last: readonly string[];
  /** Regions and their cities. */
  places: ReadonlyArray<readonly [region: string, cities: readonly string[]]>;
  companyWords: readonly string[];
  companyForms: readonly string[];
  /** Country calling code and mobile prefixes (each valid with any `digits` after it, checked by libphonenumber). */
  phone: { cc: string; prefixes: readonly string[]; digits: number };
  domains: readonly string[];
}

/** The countries demo customers come from. */
export const COUNTRIES: readonly CountryKit[] = [
  {
    code: 'DE',
    weight: 30,
    language: 'de',
    first: {
      female: ['Anna', 'Lena', 'Julia', 'Katrin', 'Sabine', 'Miriam', 'Petra', 'Jana', 'Claudia', 'Sophie'],
      male: ['Lukas', 'Jonas', 'Thomas', 'Stefan', 'Michael', 'Felix', 'Jan', 'Markus', 'Tobias', 'Andreas'],
    },
    last: [
      'Müller',
      'Schmidt',
      'Schneider',
      'Fischer',
      'Weber',
      'Meyer',
      'Wagner',
      'Becker',
      'Hoffmann',
      'Koch',
      'Richter',
      'Klein',
    ],
    places: [
      ['Bayern', ['München', 'Nürnberg', 'Augsburg']],
      ['Berlin', ['Berlin']],
      ['Nordrhein-Westfalen', ['Köln', 'Düsseldorf', 'Dortmund']],
      ['Baden-Württemberg', ['Stuttgart', 'Karlsruhe', 'Mannheim']],
      ['Hamburg', ['Hamburg']],
    ],
    companyWords: [
      'Rhein',
      'Nord',
      'Alpen',
      'Hansa',
      'Kraft',
      'Technik',
      'Werk',
      'Logistik',
      'Maschinenbau',
      'Handel',
    ],
    companyForms: ['GmbH', 'AG', 'GmbH & Co. KG'],
    phone: {
      cc: '49',
      prefixes: [
        '1512',
        '1520',
        '1522',
        '1570',
        '1575',
        '160',
        '162',
        '170',
        '171',
        '172',
        '175',
        '176',
        '177',
        '178',
        '179',
      ],
      digits: 7,
    },
    domains: ['web.de', 'gmx.de', 't-online.de', 'posteo.de'],
  },
  {
    code: 'CN',
    weight: 25,
    language: 'zh-CN',
    first: {
      female: ['Na', 'Jing', 'Li', 'Fang', 'Min', 'Yan', 'Xiu', 'Hui', 'Ling', 'Mei'],
      male: ['Wei', 'Qiang', 'Lei', 'Jun', 'Yong', 'Jie', 'Tao', 'Ming', 'Chao', 'Hao'],
    },
    last: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun'],
    places: [
      ['Guangdong', ['Guangzhou', 'Shenzhen', 'Dongguan']],
      ['Shanghai', ['Shanghai']],
      ['Beijing', ['Beijing']],
      ['Zhejiang', ['Hangzhou', 'Ningbo']],
      ['Jiangsu', ['Nanjing', 'Suzhou']],
    ],
    companyWords: ['Huaxin', 'Zhongda', 'Jinlong', 'Tianyi', 'Hengtong', 'Xinghai', 'Dongfang', 'Changjiang'],
    companyForms: ['Co., Ltd.', 'Technology Co., Ltd.', 'Trading Co., Ltd.'],
    phone: { cc: '86', prefixes: ['135', '136', '138', '139', '150', '151', '186', '187', '188'], digits: 8 },
    domains: ['qq.com', '163.com', '126.com', 'sina.com'],
  },
  {
    code: 'US',
    weight: 20,
    language: 'en-US',
    first: {
      female: [
        'Emily',
        'Sarah',
        'Jessica',
        'Ashley',
        'Megan',
        'Olivia',
        'Rachel',
        'Laura',
        'Grace',
        'Hannah',
      ],
      male: ['Michael', 'David', 'James', 'Robert', 'Daniel', 'Kevin', 'Brian', 'Ryan', 'Jason', 'Eric'],
    },
    last: [
      'Smith',
      'Johnson',
      'Williams',
      'Brown',
      'Jones',
      'Garcia',
      'Miller',
      'Davis',
      'Wilson',
      'Taylor',
      'Clark',
      'Lewis',
    ],
    places: [
      ['California', ['San Francisco', 'Los Angeles', 'San Diego']],
      ['New York', ['New York', 'Buffalo']],
      ['Illinois', ['Chicago']],
      ['Texas', ['Austin', 'Houston', 'Dallas']],
      ['Massachusetts', ['Boston']],
    ],
    companyWords: [
      'Pioneer',
      'Summit',
      'Liberty',
      'Keystone',
      'Pacific',
      'Granite',
      'Redwood',
      'Frontier',
      'Atlas',
    ],
    companyForms: ['Inc.', 'LLC', 'Corp.'],
    phone: {
      cc: '1',
      prefixes: [
        '2125',
        '2127',
        '3126',
        '4155',
        '4158',
        '6173',
        '2064',
        '3037',
        '5126',
        '2134',
        '6469',
        '7738',
      ],
      digits: 6,
    },
    domains: ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'],
  },
  {
    code: 'FR',
    weight: 12,
    language: 'fr',
    first: {
      female: ['Camille', 'Léa', 'Manon', 'Chloé', 'Julie', 'Claire', 'Sophie', 'Inès', 'Élise', 'Margaux'],
      male: ['Lucas', 'Hugo', 'Louis', 'Nicolas', 'Julien', 'Antoine', 'Pierre', 'Mathieu', 'Thomas', 'Théo'],
    },
    last: [
      'Martin',
      'Bernard',
      'Dubois',
      'Thomas',
      'Robert',
      'Richard',
      'Petit',
      'Durand',
      'Leroy',
      'Moreau',
      'Simon',
      'Laurent',
    ],
    places: [
      ['Île-de-France', ['Paris', 'Versailles']],
      ['Auvergne-Rhône-Alpes', ['Lyon', 'Grenoble']],
      ["Provence-Alpes-Côte d'Azur", ['Marseille', 'Nice']],
      ['Occitanie', ['Toulouse', 'Montpellier']],
    ],
    companyWords: [
      'Lumière',
      'Horizon',
      'Atlantique',
      'Provence',
      'Étoile',
      'Vallée',
      'Industrie',
      'Services',
    ],
    companyForms: ['SARL', 'SA', 'SAS'],
    phone: {
      cc: '33',
      prefixes: ['61', '62', '64', '65', '66', '67', '68', '75', '76', '77', '78'],
      digits: 7,
    },
    domains: ['orange.fr', 'free.fr', 'laposte.net', 'gmail.com'],
  },
  {
    code: 'GB',
    weight: 13,
    language: 'en-GB',
    first: {
      female: ['Olivia', 'Amelia', 'Isla', 'Emily', 'Charlotte', 'Poppy', 'Lucy', 'Alice', 'Ruby', 'Harriet'],
      male: ['Oliver', 'George', 'Harry', 'Jack', 'Charlie', 'Thomas', 'William', 'James', 'Alfie', 'Oscar'],
    },
    last: [
      'Smith',
      'Jones',
      'Taylor',
      'Brown',
      'Evans',
      'Wilson',
      'Davies',
      'Roberts',
      'Walker',
      'Wright',
      'Hughes',
      'Green',
    ],
    places: [
      ['England', ['London', 'Manchester', 'Birmingham', 'Leeds']],
      ['Scotland', ['Edinburgh', 'Glasgow']],
      ['Wales', ['Cardiff']],
    ],
    companyWords: ['Albion', 'Thames', 'Crown', 'Regent', 'Highland', 'Brunel', 'Windsor', 'Northern'],
    companyForms: ['Ltd', 'plc', 'LLP'],
    phone: { cc: '44', prefixes: ['7722', '7823', '7456', '7534', '7400'], digits: 6 },
    domains: ['btinternet.com', 'gmail.com', 'outlook.com', 'sky.com'],
  },
];

/** Industries of organisation customers. */
export const INDUSTRIES = [
  'machinery',
  'automotive',
  'retail',
  'wholesale',
  'construction',
  'healthcare',
  'education',
  'logistics',
  'software',
  'food and beverage',
  'energy',
  'public administration',
] as const;

/** Occupations of person customers. */
export const OCCUPATIONS = [
  'engineer',
  'teacher',
  'physician',
  'designer',
  'shop owner',
  'accountant',
  'student',
  'nurse',
  'farmer',
  'lawyer',
] as const;

/** Roles of contacts at organisations. */
export const CONTACT_ROLES = [
  'purchasing manager',
  'CEO',
  'CTO',
  'site engineer',
  'finance',
  'operations lead',
  'IT administrator',
  'procurement officer',
] as const;

/** Demo tags. */
export const TAGS = [
  'vip',
  'newsletter',
  'trade-fair-2026',
  'key-account',
  'price-sensitive',
  'early-adopter',
  'wechat',
  'referral-partner',
] as const;

/** Subjective profile material. */
export const PREFERENCES = [
  'phone over e-mail',
  'morning calls',
  'printed invoices',
  'fast delivery',
  'bulk discounts',
  'local service',
] as const;
/** @see PREFERENCES */
export const INTERESTS = [
  'automation',
  'sustainability',
  'new products',
  'training',
  'financing',
  'after-sales service',
  'digital tools',
] as const;
/** @see PREFERENCES */
export const HABITS = [
  'orders quarterly',
  'compares three offers',
  'buys at trade fairs',
  'pays early',
  'orders online',
  'visits the showroom',
] as const;
/** @see PREFERENCES */
export const TEMPERAMENTS = [
  'analytical',
  'decisive',
  'relationship-driven',
  'cautious',
  'expressive',
] as const;

/** Subjects of interactions, by channel. */
export const SUBJECTS: Record<string, readonly string[]> = {
  phone: ['Question about an invoice', 'Delivery date', 'Follow-up call', 'Price enquiry'],
  email: ['Quotation sent', 'Order confirmation', 'Newsletter reply', 'Document request'],
  sms: ['Delivery notice', 'Appointment reminder', 'Service survey'],
  web: ['Self-service ticket', 'Downloaded a brochure', 'Configured a product online'],
  chat: ['Chat about availability', 'Chat about returns', 'Chat about opening hours'],
  visit: ['Visited the showroom', 'Store visit', 'Picked up an order'],
  meeting: ['Quarterly review', 'Contract negotiation', 'Project kick-off'],
  event: ['Met at the trade fair', 'Customer day', 'Product launch event'],
  'company-visit': ['Tour of our headquarters', 'Factory tour'],
  'reference-site-visit': ['Visit to a reference installation', 'Reference customer site tour'],
  'on-site-meeting': ['On-site requirements workshop', 'On-site acceptance meeting'],
  'technical-exchange': ['Technical exchange on integration', 'Joint engineering session'],
  'management-seminar': ['Executive seminar on digital strategy', 'Management forum'],
};
