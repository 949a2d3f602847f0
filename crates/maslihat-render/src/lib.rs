//! Parliament diagrams: the hemicycle seat layout and its rendering as SVG.

pub mod hemicycle;
pub mod svg;
