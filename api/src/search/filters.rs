//! Filters that projects and opportunities build the same way.

use sea_orm::{
    ColumnTrait,
    sea_query::{Expr, ExprTrait, Query, SimpleExpr},
};

use crate::taxonomies::regions;

/// True for the items that have at least one linked row (in the table of `link`, the column
/// pointing at `item_id`) satisfying `condition`. A correlated `EXISTS` rather than
/// `id IN (SELECT ...)`: the database stops at the first linked row of each item instead of
/// collecting the whole list first (on SQLite at 100 000 opportunities, the sector-filtered
/// total went from 35–58 ms to 11–16 ms).
pub fn linked<L: ColumnTrait, I: ColumnTrait>(
    link: L,
    item_id: I,
    condition: SimpleExpr,
) -> SimpleExpr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(link.entity_name())
            .and_where(
                Expr::col((link.entity_name(), link)).equals((item_id.entity_name(), item_id)),
            )
            .and_where(condition)
            .to_owned(),
    )
}

/// `column` (of a link table) holds `sector`: a 3-digit category or a 5-digit DAC code.
pub fn sector_is<C: ColumnTrait>(code: C, category: C, sector: &str) -> SimpleExpr {
    let column = if sector.len() == 3 { category } else { code };
    Expr::col((column.entity_name(), column)).eq(sector)
}

/// `column` holds a country of `region` (a DAC region code already checked by
/// [`region_error`]; an unknown one matches nothing).
pub fn country_in_region<C: ColumnTrait>(column: C, region: &str) -> SimpleExpr {
    let countries = regions::countries_in(region).unwrap_or_default();
    Expr::col((column.entity_name(), column)).is_in(countries.iter().map(String::as_str))
}

/// The error for a `region` that is not a DAC region naming a place.
pub fn region_error(region: Option<&str>) -> Option<crate::error::FieldError> {
    region
        .filter(|region| regions::countries_in(region).is_none())
        .map(|_| {
            crate::error::FieldError::new(
                "region",
                "unknown_code",
                "use a DAC region code that names a place (see /api/v1/taxonomies/regions)",
            )
        })
}
