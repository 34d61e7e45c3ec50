//! The vocabulary of the demo marketplace: places, people, organisations and the themes that
//! projects and opportunities are written about, in French and English. Every code here is
//! checked against the reference data by a test.

use rand::{Rng, rngs::StdRng, seq::IndexedRandom};

use super::pick::pick;
use crate::taxonomies::{OpportunityCategory, OrganisationKind};

/// A country with its cities, currency and (for diaspora associations) its people's name.
pub struct Country {
    pub code: &'static str,
    pub name_fr: &'static str,
    pub people_fr: &'static str,
    pub currency: &'static str,
    pub cities: &'static [&'static str],
}

pub const AFRICA: &[Country] = &[
    Country {
        code: "SN",
        name_fr: "Sénégal",
        people_fr: "Sénégalais",
        currency: "XOF",
        cities: &["Dakar", "Thiès", "Ziguinchor", "Saint-Louis", "Kaolack"],
    },
    Country {
        code: "CI",
        name_fr: "Côte d'Ivoire",
        people_fr: "Ivoiriens",
        currency: "XOF",
        cities: &["Abidjan", "Bouaké", "Yamoussoukro", "Korhogo"],
    },
    Country {
        code: "ML",
        name_fr: "Mali",
        people_fr: "Maliens",
        currency: "XOF",
        cities: &["Bamako", "Sikasso", "Ségou", "Kayes"],
    },
    Country {
        code: "BF",
        name_fr: "Burkina Faso",
        people_fr: "Burkinabè",
        currency: "XOF",
        cities: &["Ouagadougou", "Bobo-Dioulasso", "Koudougou"],
    },
    Country {
        code: "CM",
        name_fr: "Cameroun",
        people_fr: "Camerounais",
        currency: "XAF",
        cities: &["Douala", "Yaoundé", "Bafoussam"],
    },
    Country {
        code: "CD",
        name_fr: "RD Congo",
        people_fr: "Congolais",
        currency: "CDF",
        cities: &["Kinshasa", "Lubumbashi", "Goma"],
    },
    Country {
        code: "MA",
        name_fr: "Maroc",
        people_fr: "Marocains",
        currency: "MAD",
        cities: &["Casablanca", "Marrakech", "Agadir"],
    },
    Country {
        code: "TN",
        name_fr: "Tunisie",
        people_fr: "Tunisiens",
        currency: "TND",
        cities: &["Tunis", "Sfax", "Sousse"],
    },
    Country {
        code: "BJ",
        name_fr: "Bénin",
        people_fr: "Béninois",
        currency: "XOF",
        cities: &["Cotonou", "Porto-Novo", "Parakou"],
    },
    Country {
        code: "TG",
        name_fr: "Togo",
        people_fr: "Togolais",
        currency: "XOF",
        cities: &["Lomé", "Kara", "Sokodé"],
    },
    Country {
        code: "GN",
        name_fr: "Guinée",
        people_fr: "Guinéens",
        currency: "GNF",
        cities: &["Conakry", "Kindia", "Labé"],
    },
    Country {
        code: "NE",
        name_fr: "Niger",
        people_fr: "Nigériens",
        currency: "XOF",
        cities: &["Niamey", "Zinder", "Maradi"],
    },
    Country {
        code: "MG",
        name_fr: "Madagascar",
        people_fr: "Malgaches",
        currency: "MGA",
        cities: &["Antananarivo", "Toamasina", "Fianarantsoa"],
    },
    Country {
        code: "KE",
        name_fr: "Kenya",
        people_fr: "Kényans",
        currency: "KES",
        cities: &["Nairobi", "Mombasa", "Kisumu"],
    },
    Country {
        code: "NG",
        name_fr: "Nigeria",
        people_fr: "Nigérians",
        currency: "NGN",
        cities: &["Lagos", "Abuja", "Kano"],
    },
    Country {
        code: "GH",
        name_fr: "Ghana",
        people_fr: "Ghanéens",
        currency: "GHS",
        cities: &["Accra", "Kumasi", "Tamale"],
    },
];

pub const FRANCE_CITIES: &[&str] = &[
    "Paris",
    "Lyon",
    "Marseille",
    "Bordeaux",
    "Lille",
    "Montreuil",
    "Nantes",
    "Toulouse",
    "Strasbourg",
    "Rennes",
    "Grenoble",
    "Saint-Denis",
];
pub const BELGIUM_CITIES: &[&str] = &["Bruxelles", "Liège", "Namur"];

pub const FIRST_NAMES: &[&str] = &[
    "Aminata",
    "Moussa",
    "Fatou",
    "Ibrahima",
    "Awa",
    "Mamadou",
    "Aïssatou",
    "Ousmane",
    "Kadiatou",
    "Seydou",
    "Mariam",
    "Abdoulaye",
    "Adjoa",
    "Kwame",
    "Chidi",
    "Ngozi",
    "Fanta",
    "Koffi",
    "Yao",
    "Ama",
    "Rokia",
    "Boubacar",
    "Safiatou",
    "Cheikh",
    "Sophie",
    "Julien",
    "Claire",
    "Thomas",
    "Nadia",
    "Karim",
    "Leïla",
    "Youssef",
    "Hery",
    "Voahangy",
    "Wanjiru",
    "Otieno",
    "Jean-Baptiste",
    "Marie-Claire",
    "Christelle",
    "Patrice",
    "Salimata",
    "Idrissa",
];
pub const LAST_NAMES: &[&str] = &[
    "Diallo",
    "Traoré",
    "Ndiaye",
    "Koné",
    "Ouédraogo",
    "Sow",
    "Diop",
    "Camara",
    "Coulibaly",
    "Touré",
    "Mensah",
    "Okafor",
    "Adeyemi",
    "Kamau",
    "Rakoto",
    "Mbarga",
    "Tshibanda",
    "Benali",
    "Gharbi",
    "Hounkpatin",
    "Agbodjan",
    "Bah",
    "Moreau",
    "Dubois",
    "Martin",
    "Lefèvre",
    "Garnier",
    "Laurent",
    "Sawadogo",
    "Kaboré",
    "Zongo",
    "Mahamadou",
];

pub const LANGUAGES: &[&str] = &[
    "fr", "en", "wo", "bm", "ff", "ar", "sw", "ha", "yo", "mg", "ln",
];

/// What projects and opportunities are about.
pub struct Theme {
    pub sectors: &'static [&'static str],
    pub countries: &'static [&'static str],
    /// Project titles; `{place}` is a city.
    pub titles_fr: &'static [&'static str],
    pub titles_en: &'static [&'static str],
    pub summary_fr: &'static str,
    pub summary_en: &'static str,
    /// What an opportunity is about, as a noun phrase.
    pub object_fr: &'static str,
    pub object_en: &'static str,
    pub role_fr: &'static str,
    pub role_en: &'static str,
    pub skills: &'static [&'static str],
    pub needs: &'static [OpportunityCategory],
    pub detail_fr: &'static str,
    pub detail_en: &'static str,
}

use OpportunityCategory as C;

pub const THEMES: &[Theme] = &[
    Theme {
        sectors: &["32161", "31162"],
        countries: &["SN", "ML", "BF", "CI", "GN"],
        titles_fr: &[
            "Séchage solaire de mangues à {place}",
            "Unité de transformation de mangues à {place}",
            "Jus et purée de mangue bio de {place}",
        ],
        titles_en: &[
            "Solar mango drying in {place}",
            "Mango processing unit in {place}",
            "Organic mango juice and purée from {place}",
        ],
        summary_fr: "Transformer les mangues invendues en produits séchés et en purée pour réduire les pertes après récolte et créer des emplois pour les femmes.",
        summary_en: "Turning unsold mangoes into dried fruit and purée to cut post-harvest losses and create jobs for women.",
        object_fr: "une unité de séchage de mangues",
        object_en: "a mango drying unit",
        role_fr: "responsable qualité en transformation fruitière",
        role_en: "fruit processing quality manager",
        skills: &[
            "transformation agroalimentaire",
            "HACCP",
            "séchage solaire",
            "export",
        ],
        needs: &[
            C::TechnicalPartnership,
            C::CommercialPartnership,
            C::FinancialPartnership,
        ],
        detail_fr: "Près de 40 % des mangues sont perdues chaque saison faute de transformation locale. Les séchoirs solaires et la certification bio ouvrent les marchés européens.",
        detail_en: "Nearly 40% of mangoes are lost each season for lack of local processing. Solar dryers and organic certification open European markets.",
    },
    Theme {
        sectors: &["32161", "31162"],
        countries: &["CI", "BJ", "GN", "BF", "GH", "NG"],
        titles_fr: &[
            "Décorticage de noix de cajou à {place}",
            "Coopérative de cajou transformé de {place}",
        ],
        titles_en: &[
            "Cashew nut shelling in {place}",
            "Processed cashew cooperative of {place}",
        ],
        summary_fr: "Décortiquer et griller localement la noix de cajou au lieu d'exporter la noix brute, pour capter la valeur ajoutée.",
        summary_en: "Shelling and roasting cashew nuts locally instead of exporting raw nuts, to keep the added value at home.",
        object_fr: "la transformation locale de la noix de cajou",
        object_en: "local cashew processing",
        role_fr: "technicien·ne de maintenance de décortiqueuses",
        role_en: "shelling machine maintenance technician",
        skills: &[
            "maintenance industrielle",
            "cajou",
            "logistique",
            "commerce international",
        ],
        needs: &[
            C::IndustrialPartnership,
            C::CommercialPartnership,
            C::FinancialPartnership,
        ],
        detail_fr: "Plus de 90 % du cajou ouest-africain part brut vers l'Asie. Une ligne de décorticage semi-automatique traite 1 000 tonnes par an.",
        detail_en: "Over 90% of West African cashew leaves raw for Asia. A semi-automatic shelling line handles 1,000 tonnes a year.",
    },
    Theme {
        sectors: &["32161", "31162", "31120"],
        countries: &["BF", "ML", "GH", "BJ", "TG"],
        titles_fr: &[
            "Beurre de karité des femmes de {place}",
            "Karité bio et cosmétiques de {place}",
        ],
        titles_en: &[
            "Shea butter by the women of {place}",
            "Organic shea and cosmetics from {place}",
        ],
        summary_fr: "Moderniser la production de beurre de karité d'un groupement de femmes et vendre en circuit équitable.",
        summary_en: "Modernising a women's group shea butter production and selling through fair trade.",
        object_fr: "une filière de beurre de karité équitable",
        object_en: "a fair-trade shea butter chain",
        role_fr: "chargé·e de développement commercial cosmétique",
        role_en: "cosmetics business developer",
        skills: &[
            "commerce équitable",
            "cosmétique",
            "certification bio",
            "gestion de coopérative",
        ],
        needs: &[
            C::CommercialPartnership,
            C::TechnicalPartnership,
            C::Volunteering,
        ],
        detail_fr: "Le groupement réunit 250 productrices. Des presses mécaniques réduiraient la pénibilité et la consommation de bois.",
        detail_en: "The group brings together 250 producers. Mechanical presses would reduce drudgery and firewood use.",
    },
    Theme {
        sectors: &["31140", "23232", "31161"],
        countries: &["SN", "ML", "NE", "BF", "MA", "KE"],
        titles_fr: &[
            "Irrigation solaire des maraîchers de {place}",
            "Pompes solaires pour les jardins de {place}",
        ],
        titles_en: &[
            "Solar irrigation for market gardeners in {place}",
            "Solar pumps for the gardens of {place}",
        ],
        summary_fr: "Remplacer les motopompes diesel par des pompes solaires et le goutte-à-goutte pour produire toute l'année.",
        summary_en: "Replacing diesel pumps with solar pumps and drip irrigation to grow all year round.",
        object_fr: "l'irrigation solaire au goutte-à-goutte",
        object_en: "solar drip irrigation",
        role_fr: "ingénieur·e en énergie solaire",
        role_en: "solar energy engineer",
        skills: &[
            "photovoltaïque",
            "hydraulique",
            "goutte-à-goutte",
            "agronomie",
        ],
        needs: &[
            C::TechnicalPartnership,
            C::IndustrialPartnership,
            C::FinancialPartnership,
        ],
        detail_fr: "Le coût du gasoil absorbe la moitié des revenus des maraîchers. Un kit solaire de 2 kWc irrigue un hectare.",
        detail_en: "Diesel eats half of the growers' income. A 2 kWp solar kit irrigates one hectare.",
    },
    Theme {
        sectors: &["24030", "24040"],
        countries: &["SN", "ML", "CI", "CM", "CD", "MA", "NG", "KE"],
        titles_fr: &[
            "Transferts d'argent à bas coût vers {place}",
            "Fintech de la diaspora pour investir à {place}",
        ],
        titles_en: &[
            "Low-cost remittances to {place}",
            "Diaspora fintech to invest in {place}",
        ],
        summary_fr: "Une application de transfert d'argent qui réduit les frais et oriente une part des envois vers l'investissement productif.",
        summary_en: "A remittance app that cuts fees and channels part of the transfers into productive investment.",
        object_fr: "une plateforme de transfert d'argent de la diaspora",
        object_en: "a diaspora remittance platform",
        role_fr: "développeur·se mobile paiement",
        role_en: "mobile payments developer",
        skills: &[
            "mobile money",
            "conformité",
            "Rust",
            "React Native",
            "finance",
        ],
        needs: &[C::FinancialPartnership, C::TechnicalPartnership, C::Job],
        detail_fr: "Les frais moyens dépassent 7 % vers l'Afrique subsaharienne. Le mobile money permet de descendre sous 2 %.",
        detail_en: "Average fees exceed 7% to sub-Saharan Africa. Mobile money can bring them below 2%.",
    },
    Theme {
        sectors: &["12220", "12230"],
        countries: &["ML", "NE", "CD", "MG", "GN", "TG", "CM"],
        titles_fr: &[
            "Centre de santé communautaire de {place}",
            "Maternité rurale près de {place}",
        ],
        titles_en: &[
            "Community health centre in {place}",
            "Rural maternity clinic near {place}",
        ],
        summary_fr: "Construire et équiper un centre de santé de proximité, avec un personnel formé et une mutuelle de santé.",
        summary_en: "Building and equipping a local health centre with trained staff and a community health insurance scheme.",
        object_fr: "un centre de santé communautaire",
        object_en: "a community health centre",
        role_fr: "infirmier·ère coordinateur·rice",
        role_en: "nurse coordinator",
        skills: &[
            "santé publique",
            "gestion hospitalière",
            "logistique médicale",
        ],
        needs: &[C::Volunteering, C::FinancialPartnership, C::Job],
        detail_fr: "Le centre le plus proche est à 30 km. La commune fournit le terrain et l'association de la diaspora finance une partie des travaux.",
        detail_en: "The nearest clinic is 30 km away. The town provides the land and the diaspora association funds part of the works.",
    },
    Theme {
        sectors: &["11330", "16020"],
        countries: &["SN", "CI", "BJ", "TG", "CM", "MA", "TN", "GH"],
        titles_fr: &[
            "Formation aux métiers du numérique à {place}",
            "Centre de formation professionnelle de {place}",
        ],
        titles_en: &[
            "Digital skills training in {place}",
            "Vocational training centre in {place}",
        ],
        summary_fr: "Former chaque année 200 jeunes aux métiers porteurs et les accompagner vers l'emploi ou la création d'entreprise.",
        summary_en: "Training 200 young people a year in in-demand trades and helping them into jobs or their own business.",
        object_fr: "un centre de formation professionnelle",
        object_en: "a vocational training centre",
        role_fr: "formateur·rice en développement web",
        role_en: "web development trainer",
        skills: &[
            "pédagogie",
            "développement web",
            "insertion professionnelle",
        ],
        needs: &[C::Volunteering, C::TechnicalPartnership, C::Internship],
        detail_fr: "Les formations alternent théorie et stages en entreprise. Des formateurs de la diaspora interviennent à distance.",
        detail_en: "Courses alternate classroom and company placements. Diaspora trainers teach remotely.",
    },
    Theme {
        sectors: &["14050", "32130"],
        countries: &["SN", "CI", "CM", "KE", "GH", "BJ", "TN"],
        titles_fr: &[
            "Recyclage des déchets plastiques de {place}",
            "Pavés en plastique recyclé à {place}",
        ],
        titles_en: &[
            "Plastic waste recycling in {place}",
            "Recycled plastic paving stones in {place}",
        ],
        summary_fr: "Collecter les déchets plastiques avec les récupérateurs et les transformer en pavés et en granulés vendus localement.",
        summary_en: "Collecting plastic waste with informal pickers and turning it into paving stones and pellets sold locally.",
        object_fr: "une filière de recyclage du plastique",
        object_en: "a plastic recycling chain",
        role_fr: "chef·fe d'atelier recyclage",
        role_en: "recycling workshop manager",
        skills: &["économie circulaire", "gestion des déchets", "mécanique"],
        needs: &[
            C::IndustrialPartnership,
            C::FinancialPartnership,
            C::CommercialPartnership,
        ],
        detail_fr: "La ville produit 300 tonnes de plastique par mois, dont moins de 10 % est recyclé.",
        detail_en: "The city produces 300 tonnes of plastic a month, less than 10% of it recycled.",
    },
    Theme {
        sectors: &["33210", "41030"],
        countries: &["SN", "MA", "TN", "MG", "KE", "BJ"],
        titles_fr: &[
            "Écotourisme solidaire autour de {place}",
            "Campement villageois près de {place}",
        ],
        titles_en: &[
            "Community ecotourism around {place}",
            "Village eco-lodge near {place}",
        ],
        summary_fr: "Un tourisme responsable géré par les villageois, dont les revenus financent l'école et la protection de la mangrove.",
        summary_en: "Responsible tourism run by villagers, whose income funds the school and mangrove protection.",
        object_fr: "un campement d'écotourisme villageois",
        object_en: "a village eco-lodge",
        role_fr: "guide et chargé·e d'accueil touristique",
        role_en: "tour guide and hospitality officer",
        skills: &["tourisme", "marketing digital", "hôtellerie"],
        needs: &[C::CommercialPartnership, C::Volunteering, C::Internship],
        detail_fr: "Le campement de 12 cases est construit en matériaux locaux. Des agences de voyage françaises sont intéressées.",
        detail_en: "The 12-hut camp is built from local materials. French travel agencies are interested.",
    },
    Theme {
        sectors: &["15112", "43030"],
        countries: &["SN", "ML", "BF", "BJ", "MG", "CM", "NE", "MA"],
        titles_fr: &[
            "Coopération décentralisée entre {france} et {place}",
            "Jumelage et coopération {france} – {place}",
        ],
        titles_en: &[
            "Decentralised cooperation between {france} and {place}",
            "Town twinning and cooperation {france} – {place}",
        ],
        summary_fr: "Un partenariat de coopération décentralisée entre deux collectivités : eau, assainissement, état civil et échanges de jeunes.",
        summary_en: "A decentralised cooperation partnership between two local authorities: water, sanitation, civil registry and youth exchanges.",
        object_fr: "la coopération décentralisée",
        object_en: "decentralised cooperation",
        role_fr: "chargé·e de mission coopération internationale",
        role_en: "international cooperation officer",
        skills: &[
            "coopération internationale",
            "gestion de projet",
            "finances locales",
        ],
        needs: &[
            C::AuthorityCooperation,
            C::FinancialPartnership,
            C::TechnicalPartnership,
        ],
        detail_fr: "La convention de coopération est signée pour trois ans, avec le soutien de la diaspora installée en France.",
        detail_en: "The cooperation agreement runs for three years, with the support of the diaspora living in France.",
    },
    Theme {
        sectors: &["31320", "32161"],
        countries: &["SN", "GN", "MG", "MA", "GH"],
        titles_fr: &[
            "Transformation du poisson par les femmes de {place}",
            "Fumoirs améliorés à {place}",
        ],
        titles_en: &[
            "Fish processing by the women of {place}",
            "Improved fish smokers in {place}",
        ],
        summary_fr: "Des fumoirs améliorés et une chambre froide solaire pour mieux conserver le poisson et protéger la santé des transformatrices.",
        summary_en: "Improved smokers and a solar cold room to keep fish longer and protect the processors' health.",
        object_fr: "une unité de transformation du poisson",
        object_en: "a fish processing unit",
        role_fr: "technicien·ne froid et énergie",
        role_en: "refrigeration and energy technician",
        skills: &["chaîne du froid", "hygiène alimentaire", "énergie solaire"],
        needs: &[C::TechnicalPartnership, C::FinancialPartnership],
        detail_fr: "Les fumoirs traditionnels consomment beaucoup de bois et exposent les femmes aux fumées.",
        detail_en: "Traditional smokers burn a lot of wood and expose women to smoke.",
    },
    Theme {
        sectors: &["14030", "14022"],
        countries: &["ML", "NE", "BF", "TG", "MG", "CD"],
        titles_fr: &[
            "Forages et eau potable pour {place}",
            "Accès à l'eau et assainissement à {place}",
        ],
        titles_en: &[
            "Boreholes and drinking water for {place}",
            "Water and sanitation in {place}",
        ],
        summary_fr: "Réaliser des forages équipés de pompes solaires et un réseau de bornes-fontaines gérées par un comité d'usagers.",
        summary_en: "Drilling boreholes with solar pumps and a network of standpipes run by a users' committee.",
        object_fr: "l'accès à l'eau potable",
        object_en: "access to drinking water",
        role_fr: "hydrogéologue",
        role_en: "hydrogeologist",
        skills: &["hydraulique", "génie civil", "animation communautaire"],
        needs: &[
            C::AuthorityCooperation,
            C::FinancialPartnership,
            C::TechnicalPartnership,
        ],
        detail_fr: "Les femmes marchent en moyenne deux heures par jour pour chercher l'eau.",
        detail_en: "Women walk two hours a day on average to fetch water.",
    },
    Theme {
        sectors: &["22040", "32130"],
        countries: &["SN", "CI", "KE", "NG", "GH", "TN", "MA", "CM"],
        titles_fr: &[
            "Incubateur de start-up numériques à {place}",
            "Tiers-lieu numérique de {place}",
        ],
        titles_en: &[
            "Digital start-up incubator in {place}",
            "Digital community hub in {place}",
        ],
        summary_fr: "Accompagner les jeunes entrepreneurs du numérique : espace de travail, mentorat par la diaspora et accès au financement.",
        summary_en: "Supporting young digital entrepreneurs: co-working space, diaspora mentoring and access to funding.",
        object_fr: "un incubateur de start-up",
        object_en: "a start-up incubator",
        role_fr: "chargé·e d'accompagnement de start-up",
        role_en: "start-up programme manager",
        skills: &["entrepreneuriat", "mentorat", "levée de fonds", "numérique"],
        needs: &[C::Volunteering, C::FinancialPartnership, C::Job],
        detail_fr: "Trente start-up sont accompagnées chaque année, dont un tiers portées par des femmes.",
        detail_en: "Thirty start-ups are supported each year, a third of them led by women.",
    },
    Theme {
        sectors: &["31163", "31120"],
        countries: &["CI", "CM", "SN", "BF", "NG", "CD"],
        titles_fr: &[
            "Aviculture villageoise à {place}",
            "Ferme avicole et provenderie de {place}",
        ],
        titles_en: &[
            "Village poultry farming in {place}",
            "Poultry farm and feed mill in {place}",
        ],
        summary_fr: "Une ferme avicole avec sa provenderie pour produire œufs et poulets à prix abordable et former les éleveurs.",
        summary_en: "A poultry farm with its own feed mill to produce affordable eggs and chicken and train farmers.",
        object_fr: "une ferme avicole",
        object_en: "a poultry farm",
        role_fr: "zootechnicien·ne",
        role_en: "livestock technician",
        skills: &["élevage", "nutrition animale", "gestion d'exploitation"],
        needs: &[C::FinancialPartnership, C::TechnicalPartnership, C::Job],
        detail_fr: "Les éleveurs importent la plupart des aliments ; une provenderie locale baisse les coûts de 25 %.",
        detail_en: "Farmers import most feed; a local feed mill cuts costs by 25%.",
    },
    Theme {
        sectors: &["24040", "16020"],
        countries: &["SN", "ML", "BF", "NE", "TG", "BJ", "GN"],
        titles_fr: &[
            "Microcrédit pour les femmes entrepreneures de {place}",
            "Tontine numérique de {place}",
        ],
        titles_en: &[
            "Microcredit for women entrepreneurs in {place}",
            "Digital savings group in {place}",
        ],
        summary_fr: "Des prêts de petite taille et un accompagnement en gestion pour les commerçantes et artisanes.",
        summary_en: "Small loans and management coaching for women traders and craftswomen.",
        object_fr: "le microcrédit pour les femmes",
        object_en: "microcredit for women",
        role_fr: "agent·e de crédit",
        role_en: "loan officer",
        skills: &["microfinance", "comptabilité", "animation de groupe"],
        needs: &[C::FinancialPartnership, C::Volunteering],
        detail_fr: "Le taux de remboursement des groupes solidaires dépasse 95 %.",
        detail_en: "Solidarity groups repay more than 95% of their loans.",
    },
];

pub const GENERIC_FR: &[&str] = &[
    "Le projet est porté par une équipe mixte de la diaspora et d'acteurs locaux.",
    "Nous cherchons des partenaires fiables pour passer à l'échelle.",
    "Les premiers essais ont été concluants et la demande locale est forte.",
    "Un accompagnement par un facilitateur Marcottage est souhaité.",
    "La commune et les autorités coutumières soutiennent la démarche.",
    "Les bénéfices seront réinvestis dans la formation des jeunes du village.",
];
pub const GENERIC_EN: &[&str] = &[
    "The project is led by a mixed team of diaspora members and local actors.",
    "We are looking for reliable partners to scale up.",
    "Early trials were conclusive and local demand is strong.",
    "Support from a Marcottage facilitator would be welcome.",
    "The town council and traditional leaders back the initiative.",
    "Profits will be reinvested in training young people from the village.",
];

pub const MILESTONES_FR: &[&str] = &[
    "Étude de faisabilité terminée",
    "Premier partenaire financier engagé",
    "Terrain obtenu auprès de la commune",
    "Équipements installés et premiers essais",
    "Premières ventes sur le marché local",
    "Recrutement de l'équipe locale",
];
pub const MILESTONES_EN: &[&str] = &[
    "Feasibility study completed",
    "First funding partner on board",
    "Land secured from the town council",
    "Equipment installed and first trials",
    "First sales on the local market",
    "Local team recruited",
];

/// An opportunity's title, in French or English, for a category and a direction.
pub fn opportunity_title(
    category: OpportunityCategory,
    offer: bool,
    french: bool,
    theme: &Theme,
    city: &str,
    france: &str,
) -> String {
    if french {
        title_fr(category, offer, theme, city, france)
    } else {
        title_en(category, offer, theme, city, france)
    }
}

fn title_fr(
    category: OpportunityCategory,
    offer: bool,
    theme: &Theme,
    city: &str,
    france: &str,
) -> String {
    let (object, role) = (theme.object_fr, theme.role_fr);
    let skill = theme.skills.first().copied().unwrap_or("gestion de projet");
    match (category, offer) {
        (C::TechnicalPartnership, true) => {
            format!("Expertise technique en {skill} pour {object}")
        }
        (C::TechnicalPartnership, false) => {
            format!("Recherche partenaire technique pour {object} à {city}")
        }
        (C::IndustrialPartnership, true) => {
            format!("Fourniture et installation d'équipements pour {object}")
        }
        (C::IndustrialPartnership, false) => {
            format!("Partenaire industriel recherché : {object} ({city})")
        }
        (C::CommercialPartnership, true) => {
            format!("Distribution en Europe des produits issus de {object}")
        }
        (C::CommercialPartnership, false) => {
            format!("Acheteurs recherchés : {object} à {city}")
        }
        (C::FinancialPartnership, true) => {
            format!("Prêt d'honneur et subvention pour {object}")
        }
        (C::FinancialPartnership, false) => format!("Levée de fonds : {object} à {city}"),
        (C::Internship, true) => format!("Stage de 6 mois à {city} : {role}"),
        (C::Internship, false) => format!("Étudiant·e cherche un stage : {role}"),
        (C::Job, true) => format!("Poste à pourvoir à {city} : {role}"),
        (C::Job, false) => format!("Profil expérimenté disponible : {role}"),
        (C::Volunteering, true) => format!("Mission bénévole de 3 mois à {city} : {role}"),
        (C::Volunteering, false) => format!("Bénévoles recherchés pour {object}"),
        (C::AuthorityCooperation, true) => {
            format!("Coopération décentralisée {france} – {city} : {object}")
        }
        (C::AuthorityCooperation, false) => {
            format!("Commune partenaire recherchée en coopération pour {object}")
        }
    }
}

fn title_en(
    category: OpportunityCategory,
    offer: bool,
    theme: &Theme,
    city: &str,
    france: &str,
) -> String {
    let (object, role) = (theme.object_en, theme.role_en);
    let skill = theme.skills.first().copied().unwrap_or("gestion de projet");
    match (category, offer) {
        (C::TechnicalPartnership, true) => {
            format!("Technical expertise in {skill} for {object}")
        }
        (C::TechnicalPartnership, false) => {
            format!("Looking for a technical partner for {object} in {city}")
        }
        (C::IndustrialPartnership, true) => {
            format!("Equipment supply and installation for {object}")
        }
        (C::IndustrialPartnership, false) => {
            format!("Industrial partner wanted: {object} ({city})")
        }
        (C::CommercialPartnership, true) => {
            format!("European distribution for products from {object}")
        }
        (C::CommercialPartnership, false) => format!("Buyers wanted: {object} in {city}"),
        (C::FinancialPartnership, true) => {
            format!("Interest-free loan and grant for {object}")
        }
        (C::FinancialPartnership, false) => format!("Fundraising: {object} in {city}"),
        (C::Internship, true) => format!("6-month internship in {city}: {role}"),
        (C::Internship, false) => format!("Student seeking an internship: {role}"),
        (C::Job, true) => format!("Job opening in {city}: {role}"),
        (C::Job, false) => format!("Experienced {role} available"),
        (C::Volunteering, true) => format!("3-month volunteer mission in {city}: {role}"),
        (C::Volunteering, false) => format!("Volunteers wanted for {object}"),
        (C::AuthorityCooperation, true) => {
            format!("Decentralised cooperation {france} – {city}: {object}")
        }
        (C::AuthorityCooperation, false) => {
            format!("Partner town sought for cooperation on {object}")
        }
    }
}

/// A description of two to four sentences.
pub fn description(rng: &mut StdRng, theme: &Theme, french: bool, lead: &str) -> String {
    let (detail, generic) = if french {
        (theme.detail_fr, GENERIC_FR)
    } else {
        (theme.detail_en, GENERIC_EN)
    };
    let mut text = format!("{lead} {detail}");
    for _ in 0..rng.random_range(1..=2) {
        text.push(' ');
        text.push_str(pick(rng, generic));
    }
    text
}

/// An organisation's name for its kind.
pub fn organisation_name(
    rng: &mut StdRng,
    kind: OrganisationKind,
    country: &Country,
    city: &str,
    france: &str,
) -> String {
    use OrganisationKind as K;
    let last = pick(rng, LAST_NAMES);
    let options: Vec<String> = match kind {
        K::Company => vec![
            format!("Agro-Transformation de {city}"),
            format!("{city} Solar Solutions"),
            format!("Néo-Finance {city}"),
            format!("{last} & Fils SARL"),
            format!("Karité Pur {city}"),
        ],
        K::Ngo => vec![
            format!("ONG Terre Solidaire {city}"),
            format!("Water for {city}"),
            format!("Santé pour Tous {city}"),
            format!("Jeunesse et Avenir {city}"),
        ],
        K::LocalAuthority => vec![format!("Commune de {city}"), format!("Ville de {city}")],
        K::DiasporaAssociation => vec![
            format!("Association des {} de {france}", country.people_fr),
            format!("Ressortissants de {city} en France"),
            format!("Diaspora {} pour le développement", country.name_fr),
        ],
        K::PublicAgency => vec![
            format!("Agence régionale de développement de {city}"),
            format!("{} Investment Promotion Agency", country.name_fr),
        ],
        K::Academic => vec![
            format!("Université de {city}"),
            format!("Institut polytechnique de {city}"),
        ],
        K::Funder => vec![
            format!("Fondation {last} pour l'Afrique"),
            format!("Impact Capital {city}"),
            format!("Fonds de solidarité de {france}"),
        ],
        K::Other => vec![
            format!("Chambre de commerce de {city}"),
            format!("Coopérative des producteurs de {city}"),
            format!("{city} Lab"),
        ],
    };
    options
        .choose(rng)
        .cloned()
        .unwrap_or_else(|| format!("Organisation de {city}"))
}

pub fn country(code: &str) -> Option<&'static Country> {
    AFRICA.iter().find(|country| country.code == code)
}

/// Lower-case ASCII for an e-mail's local part: `Aïssatou Ouédraogo` → `aissatou.ouedraogo`.
pub fn mailbox(first: &str, last: &str) -> String {
    let fold = |text: &str| {
        crate::search::text::fold(text)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
    };
    format!("{}.{}", fold(first), fold(last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomies::{Taxonomies, TaxonomyKind};

    #[test]
    fn every_code_is_in_the_reference_data() {
        let taxonomies = Taxonomies::load().unwrap();
        for country in AFRICA {
            assert!(taxonomies.contains(TaxonomyKind::Countries, country.code));
            assert!(
                taxonomies.contains(TaxonomyKind::Currencies, country.currency),
                "{}",
                country.currency
            );
        }
        for theme in THEMES {
            for sector in theme.sectors {
                assert!(
                    taxonomies.contains(TaxonomyKind::Sectors, sector),
                    "{sector}"
                );
            }
            for code in theme.countries {
                assert!(country(code).is_some(), "{code}");
            }
        }
        for language in LANGUAGES {
            assert!(
                taxonomies.contains(TaxonomyKind::Languages, language),
                "{language}"
            );
        }
    }

    #[test]
    fn mailboxes_are_plain_ascii() {
        assert_eq!(mailbox("Aïssatou", "Ouédraogo"), "aissatou.ouedraogo");
        assert_eq!(mailbox("Jean-Baptiste", "Lefèvre"), "jean-baptiste.lefevre");
    }
}
