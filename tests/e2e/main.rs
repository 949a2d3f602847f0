//! End-to-end tests: datasets in, reports out.
