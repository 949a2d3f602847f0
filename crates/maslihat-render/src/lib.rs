//! Parliament diagrams: the hemicycle seat layout and its rendering as SVG; the chart of a seat
//! projection; and the report of recomputed elections that shows them (HTML, Markdown, CSV, JSON).

pub mod allocation;
pub mod colour;
pub mod decimal;
pub mod hemicycle;
pub mod infobox;
pub mod projection;
pub mod report;
pub mod svg;
pub mod sweep;
pub mod text;
