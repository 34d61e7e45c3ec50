//! Demo and benchmark cooperation links: French regions, departments, towns and groupings
//! paired with African regions and towns (real names, ISO 3166-2 codes of their first-level
//! subdivision), a share of them between authorities on the platform and confirmed by both,
//! some dormant or ended; and diaspora consent on a share of the members who live in France.
//! Deterministic (the seed's generator, after the marketplace) and written once, with the rest
//! of a seed.

use std::collections::HashSet;

use chrono::{TimeDelta, Utc};
use rand::{Rng, rngs::StdRng, seq::IndexedRandom};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr};
use uuid::Uuid;

use anyhow::Context;

use super::{Marketplace, Plan, Summary};
use crate::db::{self, Db};
use crate::{
    cooperation::{
        dto::{Level, LinkStatus, NewAuthority, NewCooperationLink},
        service::{self, Side},
    },
    entities::{organisation, project, user},
    organisations::dto::NewOrganisation,
    search,
    taxonomies::{CountryCode, OrganisationKind},
};

/// French authorities: name, level, region (ISO 3166-2), place.
const FRANCE: &[(&str, Level, &str, &str)] = &[
    (
        "Région Auvergne-Rhône-Alpes",
        Level::Region,
        "FR-ARA",
        "Auvergne-Rhône-Alpes",
    ),
    ("Région Bretagne", Level::Region, "FR-BRE", "Bretagne"),
    (
        "Région Île-de-France",
        Level::Region,
        "FR-IDF",
        "Île-de-France",
    ),
    (
        "Région Nouvelle-Aquitaine",
        Level::Region,
        "FR-NAQ",
        "Nouvelle-Aquitaine",
    ),
    ("Région Occitanie", Level::Region, "FR-OCC", "Occitanie"),
    (
        "Région Sud Provence-Alpes-Côte d'Azur",
        Level::Region,
        "FR-PAC",
        "Provence-Alpes-Côte d'Azur",
    ),
    (
        "Région Hauts-de-France",
        Level::Region,
        "FR-HDF",
        "Hauts-de-France",
    ),
    ("Région Grand Est", Level::Region, "FR-GES", "Grand Est"),
    ("Région Normandie", Level::Region, "FR-NOR", "Normandie"),
    (
        "Région Pays de la Loire",
        Level::Region,
        "FR-PDL",
        "Pays de la Loire",
    ),
    (
        "Région Centre-Val de Loire",
        Level::Region,
        "FR-CVL",
        "Centre-Val de Loire",
    ),
    (
        "Région Bourgogne-Franche-Comté",
        Level::Region,
        "FR-BFC",
        "Bourgogne-Franche-Comté",
    ),
    (
        "Département des Côtes-d'Armor",
        Level::Department,
        "FR-BRE",
        "Côtes-d'Armor",
    ),
    (
        "Département d'Ille-et-Vilaine",
        Level::Department,
        "FR-BRE",
        "Ille-et-Vilaine",
    ),
    (
        "Département du Finistère",
        Level::Department,
        "FR-BRE",
        "Finistère",
    ),
    (
        "Département de l'Isère",
        Level::Department,
        "FR-ARA",
        "Isère",
    ),
    (
        "Département de la Drôme",
        Level::Department,
        "FR-ARA",
        "Drôme",
    ),
    (
        "Département de la Savoie",
        Level::Department,
        "FR-ARA",
        "Savoie",
    ),
    (
        "Département de la Seine-Saint-Denis",
        Level::Department,
        "FR-IDF",
        "Seine-Saint-Denis",
    ),
    (
        "Département du Val-de-Marne",
        Level::Department,
        "FR-IDF",
        "Val-de-Marne",
    ),
    (
        "Département des Hauts-de-Seine",
        Level::Department,
        "FR-IDF",
        "Hauts-de-Seine",
    ),
    (
        "Département de l'Essonne",
        Level::Department,
        "FR-IDF",
        "Essonne",
    ),
    (
        "Département de la Gironde",
        Level::Department,
        "FR-NAQ",
        "Gironde",
    ),
    (
        "Département de l'Hérault",
        Level::Department,
        "FR-OCC",
        "Hérault",
    ),
    (
        "Département de la Haute-Garonne",
        Level::Department,
        "FR-OCC",
        "Haute-Garonne",
    ),
    (
        "Département des Bouches-du-Rhône",
        Level::Department,
        "FR-PAC",
        "Bouches-du-Rhône",
    ),
    ("Département du Nord", Level::Department, "FR-HDF", "Nord"),
    (
        "Département du Pas-de-Calais",
        Level::Department,
        "FR-HDF",
        "Pas-de-Calais",
    ),
    (
        "Département de Loire-Atlantique",
        Level::Department,
        "FR-PDL",
        "Loire-Atlantique",
    ),
    (
        "Département de Maine-et-Loire",
        Level::Department,
        "FR-PDL",
        "Maine-et-Loire",
    ),
    (
        "Collectivité européenne d'Alsace",
        Level::Department,
        "FR-GES",
        "Alsace",
    ),
    (
        "Département de la Seine-Maritime",
        Level::Department,
        "FR-NOR",
        "Seine-Maritime",
    ),
    (
        "Ville de Saint-Brieuc",
        Level::Municipality,
        "FR-BRE",
        "Saint-Brieuc",
    ),
    ("Ville de Rennes", Level::Municipality, "FR-BRE", "Rennes"),
    ("Ville de Lorient", Level::Municipality, "FR-BRE", "Lorient"),
    ("Ville de Brest", Level::Municipality, "FR-BRE", "Brest"),
    ("Ville de Lyon", Level::Municipality, "FR-ARA", "Lyon"),
    (
        "Ville de Grenoble",
        Level::Municipality,
        "FR-ARA",
        "Grenoble",
    ),
    (
        "Ville de Chambéry",
        Level::Municipality,
        "FR-ARA",
        "Chambéry",
    ),
    (
        "Ville de Montreuil",
        Level::Municipality,
        "FR-IDF",
        "Montreuil",
    ),
    ("Ville de Paris", Level::Municipality, "FR-IDF", "Paris"),
    (
        "Ville de Saint-Denis",
        Level::Municipality,
        "FR-IDF",
        "Saint-Denis",
    ),
    (
        "Ville d'Ivry-sur-Seine",
        Level::Municipality,
        "FR-IDF",
        "Ivry-sur-Seine",
    ),
    (
        "Ville d'Évry-Courcouronnes",
        Level::Municipality,
        "FR-IDF",
        "Évry-Courcouronnes",
    ),
    (
        "Ville de Marseille",
        Level::Municipality,
        "FR-PAC",
        "Marseille",
    ),
    (
        "Ville de Toulouse",
        Level::Municipality,
        "FR-OCC",
        "Toulouse",
    ),
    (
        "Ville de Montpellier",
        Level::Municipality,
        "FR-OCC",
        "Montpellier",
    ),
    (
        "Ville de Bordeaux",
        Level::Municipality,
        "FR-NAQ",
        "Bordeaux",
    ),
    (
        "Ville de Poitiers",
        Level::Municipality,
        "FR-NAQ",
        "Poitiers",
    ),
    ("Ville de Limoges", Level::Municipality, "FR-NAQ", "Limoges"),
    ("Ville de Lille", Level::Municipality, "FR-HDF", "Lille"),
    ("Ville de Nantes", Level::Municipality, "FR-PDL", "Nantes"),
    ("Ville d'Angers", Level::Municipality, "FR-PDL", "Angers"),
    (
        "Ville de Strasbourg",
        Level::Municipality,
        "FR-GES",
        "Strasbourg",
    ),
    ("Ville de Metz", Level::Municipality, "FR-GES", "Metz"),
    ("Ville de Nancy", Level::Municipality, "FR-GES", "Nancy"),
    ("Ville de Rouen", Level::Municipality, "FR-NOR", "Rouen"),
    ("Ville du Havre", Level::Municipality, "FR-NOR", "Le Havre"),
    ("Ville d'Orléans", Level::Municipality, "FR-CVL", "Orléans"),
    ("Ville de Tours", Level::Municipality, "FR-CVL", "Tours"),
    ("Ville de Dijon", Level::Municipality, "FR-BFC", "Dijon"),
    (
        "Ville de Besançon",
        Level::Municipality,
        "FR-BFC",
        "Besançon",
    ),
    ("Métropole de Lyon", Level::Grouping, "FR-ARA", "Lyon"),
    ("Nantes Métropole", Level::Grouping, "FR-PDL", "Nantes"),
    ("Bordeaux Métropole", Level::Grouping, "FR-NAQ", "Bordeaux"),
    (
        "Métropole européenne de Lille",
        Level::Grouping,
        "FR-HDF",
        "Lille",
    ),
    ("Rennes Métropole", Level::Grouping, "FR-BRE", "Rennes"),
    ("Est Ensemble", Level::Grouping, "FR-IDF", "Est Ensemble"),
    (
        "Plaine Commune",
        Level::Grouping,
        "FR-IDF",
        "Plaine Commune",
    ),
    (
        "Grenoble-Alpes Métropole",
        Level::Grouping,
        "FR-ARA",
        "Grenoble",
    ),
];

/// African authorities: country, name, level, first-level subdivision (ISO 3166-2), place.
const AFRICA: &[(&str, &str, Level, &str, &str)] = &[
    ("SN", "Région de Dakar", Level::Region, "SN-DK", "Dakar"),
    (
        "SN",
        "Région de Saint-Louis",
        Level::Region,
        "SN-SL",
        "Saint-Louis",
    ),
    (
        "SN",
        "Région de Ziguinchor",
        Level::Region,
        "SN-ZG",
        "Ziguinchor",
    ),
    ("SN", "Région de Matam", Level::Region, "SN-MT", "Matam"),
    ("SN", "Région de Kolda", Level::Region, "SN-KD", "Kolda"),
    (
        "SN",
        "Département de Podor",
        Level::Department,
        "SN-SL",
        "Podor",
    ),
    (
        "SN",
        "Département de Bignona",
        Level::Department,
        "SN-ZG",
        "Bignona",
    ),
    (
        "SN",
        "Ville de Dakar",
        Level::Municipality,
        "SN-DK",
        "Dakar",
    ),
    (
        "SN",
        "Commune de Ziguinchor",
        Level::Municipality,
        "SN-ZG",
        "Ziguinchor",
    ),
    (
        "SN",
        "Commune de Saint-Louis",
        Level::Municipality,
        "SN-SL",
        "Saint-Louis",
    ),
    (
        "SN",
        "Ville de Thiès",
        Level::Municipality,
        "SN-TH",
        "Thiès",
    ),
    (
        "SN",
        "Commune de Kaolack",
        Level::Municipality,
        "SN-KL",
        "Kaolack",
    ),
    (
        "SN",
        "Ville de Rufisque",
        Level::Municipality,
        "SN-DK",
        "Rufisque",
    ),
    ("ML", "Région de Kayes", Level::Region, "ML-1", "Kayes"),
    ("ML", "Région de Ségou", Level::Region, "ML-4", "Ségou"),
    ("ML", "Région de Mopti", Level::Region, "ML-5", "Mopti"),
    (
        "ML",
        "Cercle de Yélimané",
        Level::Department,
        "ML-1",
        "Yélimané",
    ),
    (
        "ML",
        "Cercle de Nioro du Sahel",
        Level::Department,
        "ML-1",
        "Nioro du Sahel",
    ),
    (
        "ML",
        "District de Bamako",
        Level::Municipality,
        "ML-BKO",
        "Bamako",
    ),
    (
        "ML",
        "Commune de Kayes",
        Level::Municipality,
        "ML-1",
        "Kayes",
    ),
    ("ML", "Commune de Kita", Level::Municipality, "ML-1", "Kita"),
    (
        "ML",
        "Commune de Sikasso",
        Level::Municipality,
        "ML-3",
        "Sikasso",
    ),
    (
        "ML",
        "Commune de Bougouni",
        Level::Municipality,
        "ML-3",
        "Bougouni",
    ),
    (
        "ML",
        "Commune de Tombouctou",
        Level::Municipality,
        "ML-6",
        "Tombouctou",
    ),
    (
        "BF",
        "Région du Centre-Ouest",
        Level::Region,
        "BF-06",
        "Centre-Ouest",
    ),
    (
        "BF",
        "Région des Hauts-Bassins",
        Level::Region,
        "BF-09",
        "Hauts-Bassins",
    ),
    (
        "BF",
        "Commune de Ouagadougou",
        Level::Municipality,
        "BF-03",
        "Ouagadougou",
    ),
    (
        "BF",
        "Commune de Bobo-Dioulasso",
        Level::Municipality,
        "BF-09",
        "Bobo-Dioulasso",
    ),
    (
        "BF",
        "Commune de Koudougou",
        Level::Municipality,
        "BF-06",
        "Koudougou",
    ),
    (
        "BF",
        "Commune de Ouahigouya",
        Level::Municipality,
        "BF-10",
        "Ouahigouya",
    ),
    (
        "BF",
        "Commune de Banfora",
        Level::Municipality,
        "BF-02",
        "Banfora",
    ),
    (
        "BF",
        "Commune de Kaya",
        Level::Municipality,
        "BF-05",
        "Kaya",
    ),
    (
        "BF",
        "Commune de Dori",
        Level::Municipality,
        "BF-12",
        "Dori",
    ),
    (
        "BJ",
        "Ville de Cotonou",
        Level::Municipality,
        "BJ-LI",
        "Cotonou",
    ),
    (
        "BJ",
        "Ville de Porto-Novo",
        Level::Municipality,
        "BJ-OU",
        "Porto-Novo",
    ),
    (
        "BJ",
        "Commune d'Abomey",
        Level::Municipality,
        "BJ-ZO",
        "Abomey",
    ),
    (
        "BJ",
        "Commune de Parakou",
        Level::Municipality,
        "BJ-BO",
        "Parakou",
    ),
    (
        "BJ",
        "Commune de Natitingou",
        Level::Municipality,
        "BJ-AK",
        "Natitingou",
    ),
    (
        "BJ",
        "Commune de Ouidah",
        Level::Municipality,
        "BJ-AQ",
        "Ouidah",
    ),
    (
        "BJ",
        "Département de l'Atacora",
        Level::Department,
        "BJ-AK",
        "Atacora",
    ),
    (
        "CM",
        "Communauté urbaine de Douala",
        Level::Grouping,
        "CM-LT",
        "Douala",
    ),
    (
        "CM",
        "Communauté urbaine de Yaoundé",
        Level::Grouping,
        "CM-CE",
        "Yaoundé",
    ),
    (
        "CM",
        "Commune de Dschang",
        Level::Municipality,
        "CM-OU",
        "Dschang",
    ),
    (
        "CM",
        "Commune de Bafoussam",
        Level::Municipality,
        "CM-OU",
        "Bafoussam",
    ),
    (
        "CM",
        "Commune de Maroua",
        Level::Municipality,
        "CM-EN",
        "Maroua",
    ),
    ("CM", "Région de l'Ouest", Level::Region, "CM-OU", "Ouest"),
    (
        "MG",
        "Région Analamanga",
        Level::Region,
        "MG-T",
        "Antananarivo",
    ),
    (
        "MG",
        "Commune urbaine d'Antsirabe",
        Level::Municipality,
        "MG-T",
        "Antsirabe",
    ),
    (
        "MG",
        "Commune urbaine de Mahajanga",
        Level::Municipality,
        "MG-M",
        "Mahajanga",
    ),
    (
        "MG",
        "Commune urbaine de Fianarantsoa",
        Level::Municipality,
        "MG-F",
        "Fianarantsoa",
    ),
    (
        "MG",
        "Région Atsinanana",
        Level::Region,
        "MG-A",
        "Toamasina",
    ),
    (
        "MA",
        "Région Souss-Massa",
        Level::Region,
        "MA-09",
        "Souss-Massa",
    ),
    (
        "MA",
        "Région de l'Oriental",
        Level::Region,
        "MA-02",
        "Oriental",
    ),
    (
        "MA",
        "Commune d'Agadir",
        Level::Municipality,
        "MA-09",
        "Agadir",
    ),
    (
        "MA",
        "Commune de Marrakech",
        Level::Municipality,
        "MA-07",
        "Marrakech",
    ),
    ("MA", "Commune de Fès", Level::Municipality, "MA-03", "Fès"),
    (
        "MA",
        "Commune d'Essaouira",
        Level::Municipality,
        "MA-07",
        "Essaouira",
    ),
    (
        "MA",
        "Commune de Ouarzazate",
        Level::Municipality,
        "MA-08",
        "Ouarzazate",
    ),
    (
        "KM",
        "Commune de Moroni",
        Level::Municipality,
        "KM-G",
        "Moroni",
    ),
    (
        "KM",
        "Commune de Mitsamiouli",
        Level::Municipality,
        "KM-G",
        "Mitsamiouli",
    ),
    (
        "KM",
        "Commune de Mutsamudu",
        Level::Municipality,
        "KM-A",
        "Mutsamudu",
    ),
    (
        "KM",
        "Commune de Fomboni",
        Level::Municipality,
        "KM-M",
        "Fomboni",
    ),
    (
        "NE",
        "Ville de Niamey",
        Level::Municipality,
        "NE-8",
        "Niamey",
    ),
    (
        "NE",
        "Commune d'Agadez",
        Level::Municipality,
        "NE-1",
        "Agadez",
    ),
    (
        "NE",
        "Commune de Zinder",
        Level::Municipality,
        "NE-7",
        "Zinder",
    ),
    ("NE", "Région de Tahoua", Level::Region, "NE-5", "Tahoua"),
    (
        "NE",
        "Commune de Dosso",
        Level::Municipality,
        "NE-3",
        "Dosso",
    ),
    (
        "MR",
        "Commune de Kaédi",
        Level::Municipality,
        "MR-04",
        "Kaédi",
    ),
    (
        "MR",
        "Commune de Sélibaby",
        Level::Municipality,
        "MR-10",
        "Sélibaby",
    ),
    (
        "MR",
        "Commune de Rosso",
        Level::Municipality,
        "MR-06",
        "Rosso",
    ),
    (
        "CI",
        "District autonome d'Abidjan",
        Level::Region,
        "CI-AB",
        "Abidjan",
    ),
    (
        "CI",
        "Commune de Bouaké",
        Level::Municipality,
        "CI-VB",
        "Bouaké",
    ),
    ("CI", "Commune de Man", Level::Municipality, "CI-MG", "Man"),
    (
        "CI",
        "Commune de Korhogo",
        Level::Municipality,
        "CI-SV",
        "Korhogo",
    ),
    (
        "CI",
        "Commune de San-Pédro",
        Level::Municipality,
        "CI-BS",
        "San-Pédro",
    ),
    (
        "TN",
        "Commune de Tunis",
        Level::Municipality,
        "TN-11",
        "Tunis",
    ),
    (
        "TN",
        "Commune de Sousse",
        Level::Municipality,
        "TN-51",
        "Sousse",
    ),
    (
        "TN",
        "Commune de Sfax",
        Level::Municipality,
        "TN-61",
        "Sfax",
    ),
    (
        "TN",
        "Commune de Kairouan",
        Level::Municipality,
        "TN-41",
        "Kairouan",
    ),
];

/// DAC themes of the demo, ICT first: (code, what the description says).
const THEMES: &[(&str, &str)] = &[
    (
        "22040",
        "numérique et accès à Internet dans les écoles et les mairies",
    ),
    ("14030", "accès à l'eau potable et assainissement"),
    ("11220", "éducation de base et échanges scolaires"),
    ("12220", "santé de base et centres de santé communautaires"),
    ("31120", "développement agricole et maraîchage"),
    ("43030", "urbanisme, état civil et gestion municipale"),
    ("15150", "participation citoyenne et société civile"),
    ("41010", "environnement et gestion des déchets"),
    (
        "23210",
        "énergies renouvelables et éclairage public solaire",
    ),
    ("32161", "transformation agroalimentaire"),
    ("16061", "culture, jeunesse et sport"),
    ("11330", "formation professionnelle et insertion des jeunes"),
];

/// Links in the demo.
const DEMO_LINKS: usize = 320;

/// The cooperation step of a seed, links recorded by the seed's own account (a few hundred
/// for the demo, a third as many as the opportunities for a benchmark: 10 000 for `--scale
/// 30000`) and diaspora consent, drawing from the seed's generator after the marketplace.
pub(super) async fn seed(
    db: &Db,
    rng: &mut StdRng,
    plan: &Plan,
    market: &Marketplace,
    _summary: &mut Summary,
) -> anyhow::Result<()> {
    let count = if plan.bulk {
        plan.opportunities / 3
    } else {
        DEMO_LINKS
    };
    let owner = market
        .people
        .first()
        .context("a seed has its own account")?
        .id;
    partner_authorities(db).await?;
    let links = links(db, rng, owner, count).await?;
    let counted = diaspora(db, rng).await?;
    tracing::info!(
        links,
        counted,
        "cooperation links and diaspora consent seeded"
    );
    Ok(())
}

/// Records `count` links, the recorder being `owner`; returns how many were written.
async fn links(db: &Db, rng: &mut StdRng, owner: Uuid, count: usize) -> anyhow::Result<usize> {
    let authorities = platform_authorities(db).await?;
    let projects = published_projects(db).await?;
    let mut pairs = HashSet::new();
    let mut prepared = Vec::new();
    let now = Utc::now();
    let mut written = 0;
    // About one link in twelve is between two authorities on the platform.
    let (french, african): (Vec<_>, Vec<_>) =
        authorities.iter().partition(|(_, org)| org.country == "FR");
    for index in 0..count {
        let on_platform = index % 12 == 0 && !french.is_empty() && !african.is_empty();
        let (north, south) = if on_platform {
            let north = french[index / 12 % french.len()];
            let south = african[(index / 12 + index / (12 * french.len())) % african.len()];
            (platform_side(north), platform_side(south))
        } else {
            (named_side(rng, FRANCE), named_african(rng))
        };
        // Two authorities on the platform are linked once.
        let key = (north.name.clone(), south.name.clone());
        let (north, south) = if pairs.insert(key) || !on_platform {
            (north, south)
        } else {
            continue;
        };
        let theme_count = rng.random_range(1..=3);
        let themes: Vec<&(&str, &str)> = THEMES.choose_multiple(rng, theme_count).collect();
        let status = random_status(rng);
        let project_ids = projects_in(rng, &projects, south.country.as_str());
        let new = NewCooperationLink {
            north: authority_of(&north),
            south: authority_of(&south),
            themes: themes.iter().map(|(code, _)| (*code).to_owned()).collect(),
            started: Some(rng.random_range(1975..=2025)),
            status: Some(status),
            description: description(&north, &south, &themes),
            project_ids,
        };
        // Authorities on the platform agree on most of their links; one in three waits.
        let agrees = if on_platform {
            [true, index % 36 != 0]
        } else {
            [false, false]
        };
        let at = now - TimeDelta::minutes((count - index) as i64);
        let parsed = parsed_themes(&new.themes)?;
        prepared.push(service::prepare(
            owner,
            [north, south],
            &new,
            &parsed,
            agrees,
            at,
        ));
        if prepared.len() == 300 {
            written += write(db, std::mem::take(&mut prepared)).await?;
        }
    }
    written += write(db, prepared).await?;
    Ok(written)
}

/// Most links are active, some dormant, a few ended.
fn random_status(rng: &mut StdRng) -> LinkStatus {
    let roll: f64 = rng.random();
    if roll < 0.7 {
        LinkStatus::Active
    } else if roll < 0.9 {
        LinkStatus::Dormant
    } else {
        LinkStatus::Ended
    }
}

/// Up to two published projects of the southern side's country.
fn projects_in(rng: &mut StdRng, projects: &[(Uuid, String)], country: &str) -> Vec<Uuid> {
    let in_country: Vec<Uuid> = projects
        .iter()
        .filter(|(_, at)| at == country)
        .map(|(id, _)| *id)
        .collect();
    let count = rng.random_range(0..=2).min(in_country.len());
    in_country.choose_multiple(rng, count).copied().collect()
}

fn description(north: &service::Side, south: &service::Side, themes: &[&(&str, &str)]) -> String {
    let words: Vec<&str> = themes.iter().map(|(_, words)| *words).collect();
    format!(
        "Coopération décentralisée entre {} et {} : {}.",
        north.name,
        south.name,
        words.join(", ")
    )
}

/// The demo's themes, held to the reference data like a member's.
fn parsed_themes(themes: &[String]) -> anyhow::Result<Vec<crate::taxonomies::SectorCode>> {
    let mut errors = Vec::new();
    let parsed = service::parse_themes(themes, super::reference()?, &mut errors);
    if !errors.is_empty() {
        anyhow::bail!("unknown seed themes: {errors:?}");
    }
    Ok(parsed)
}

async fn write(db: &Db, prepared: Vec<service::PreparedLink>) -> anyhow::Result<usize> {
    let written = prepared.len();
    let txn = db::write_transaction(db).await?;
    service::insert_prepared(&txn, prepared)
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    search::record(&txn, search::ChangeKind::Everything, Uuid::nil())
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    txn.commit().await?;
    Ok(written)
}

fn authority_of(side: &Side) -> NewAuthority {
    NewAuthority {
        organisation_id: side.organisation_id,
        name: Some(side.name.clone()),
        country: Some(side.country.as_str().to_owned()),
        level: side.level,
        subdivision: side.subdivision.clone(),
        place: Some(side.place.clone()),
    }
}

fn named_side(rng: &mut StdRng, list: &[(&str, Level, &str, &str)]) -> Side {
    let (name, level, subdivision, place) = list.choose(rng).copied().unwrap_or(list[0]);
    Side {
        organisation_id: None,
        name: name.to_owned(),
        country: CountryCode::from_stored("FR"),
        level,
        subdivision: Some(subdivision.to_owned()),
        place: place.to_owned(),
    }
}

fn named_african(rng: &mut StdRng) -> Side {
    let (country, name, level, subdivision, place) =
        AFRICA.choose(rng).copied().unwrap_or(AFRICA[0]);
    Side {
        organisation_id: None,
        name: name.to_owned(),
        country: CountryCode::from_stored(country),
        level,
        subdivision: Some(subdivision.to_owned()),
        place: place.to_owned(),
    }
}

fn platform_side((id, org): &(Uuid, organisation::Model)) -> Side {
    let place = org.city.clone().unwrap_or_else(|| org.name.clone());
    Side {
        organisation_id: Some(*id),
        name: org.name.clone(),
        country: CountryCode::from_stored(org.country.as_str()),
        level: Level::Municipality,
        subdivision: None,
        place,
    }
}

/// African partner towns on the platform (the seeded marketplace's authorities are French),
/// each owned by the oldest demo member from its country, else by the oldest member.
const PARTNER_TOWNS: &[(&str, &str, &str)] = &[
    ("Commune de Ziguinchor", "SN", "Ziguinchor"),
    ("Commune de Kayes", "ML", "Kayes"),
    ("Commune de Moroni", "KM", "Moroni"),
    ("Commune de Bobo-Dioulasso", "BF", "Bobo-Dioulasso"),
];

async fn partner_authorities(db: &Db) -> anyhow::Result<()> {
    let txn = db::write_transaction(db).await?;
    for (name, country, city) in PARTNER_TOWNS {
        let from_there = user::Entity::find()
            .filter(user::Column::CountryOfResidence.eq(*country))
            .order_by_asc(user::Column::Id)
            .one(&txn)
            .await?;
        let owner = match from_there {
            Some(owner) => owner,
            None => user::Entity::find()
                .order_by_asc(user::Column::Id)
                .one(&txn)
                .await?
                .context("a seed has members")?,
        };
        let new = NewOrganisation {
            name: (*name).to_owned(),
            kind: OrganisationKind::LocalAuthority,
            country: (*country).to_owned(),
            city: Some((*city).to_owned()),
            website: None,
            description: Some(format!(
                "{name} : coopération décentralisée avec des collectivités françaises, \
                 jumelages et projets de développement local."
            )),
        };
        super::insert_organisation(&txn, owner.id, new)
            .await
            .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    }
    txn.commit().await?;
    Ok(())
}

/// The local authorities of the seeded marketplace, oldest first.
async fn platform_authorities(db: &Db) -> anyhow::Result<Vec<(Uuid, organisation::Model)>> {
    let rows = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrganisationKind::LocalAuthority.as_str()))
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| (row.id, row)).collect())
}

/// Published projects and their first country, oldest first.
async fn published_projects(db: &Db) -> anyhow::Result<Vec<(Uuid, String)>> {
    let rows = project::Entity::find()
        .filter(project::Column::Status.eq("published"))
        .order_by_asc(project::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let countries = row.countries.to_vec();
            Some((row.id, countries.first()?.clone()))
        })
        .collect())
}

/// Where in France members of the diaspora live: where their community is largest (Malians
/// and Senegalese in Île-de-France, Comorians in Provence), else anywhere in this list.
const COMMUNITIES: &[(&str, &str)] = &[("ML", "FR-IDF"), ("SN", "FR-IDF"), ("KM", "FR-PAC")];
const FRENCH_HOMES: &[&str] = &[
    "FR-IDF", "FR-IDF", "FR-IDF", "FR-IDF", "FR-PAC", "FR-PAC", "FR-ARA", "FR-OCC", "FR-HDF",
    "FR-NAQ", "FR-BRE", "FR-PDL",
];

/// Gives the members who live in France and come from elsewhere a region, and the consent to
/// be counted to four in five of them; returns how many consent.
async fn diaspora(db: &Db, rng: &mut StdRng) -> anyhow::Result<usize> {
    let rows = user::Entity::find()
        .filter(user::Column::CountryOfResidence.eq("FR"))
        .filter(user::Column::CountryOfOrigin.ne("FR"))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    let txn = db::write_transaction(db).await?;
    let mut counted = 0;
    for row in rows {
        let community = COMMUNITIES
            .iter()
            .find(|(origin, _)| row.country_of_origin.as_deref() == Some(*origin))
            .map(|(_, home)| *home);
        let anywhere = FRENCH_HOMES.choose(rng).copied().unwrap_or("FR-IDF");
        let home = community.unwrap_or(anywhere);
        let consents = rng.random_bool(0.8);
        counted += usize::from(consents);
        user::Entity::update_many()
            .col_expr(user::Column::ResidenceSubdivision, Expr::value(home))
            .col_expr(user::Column::DiasporaCounted, Expr::value(consents))
            .filter(user::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(counted)
}
