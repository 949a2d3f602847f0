//! Parliament diagrams: the hemicycle seat layout and its rendering as SVG; and the report of
//! recomputed elections that shows them (HTML, Markdown, CSV, JSON).

pub mod hemicycle;
pub mod report;
pub mod svg;
