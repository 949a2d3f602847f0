//! The Python package `maslihat` (its native part, `maslihat._native`): thin bindings of the
//! library crates. Every decision is the core's; this crate converts arguments, releases the GIL
//! for long work and turns errors into `maslihat.InputError` and `maslihat.TieError`.

mod allocation;
mod analysis;
mod batch;
mod dataset;
mod errors;
mod options;
mod votes;

use pyo3::prelude::*;

/// The native module; `python/maslihat/__init__.py` wraps it with the documented API.
#[pymodule]
#[pyo3(name = "_native")]
fn maslihat_py(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("Error", py.get_type::<errors::Error>())?;
    let input_error = py.get_type::<errors::InputError>();
    // No position unless a file was read: the attributes are always there.
    for attribute in ["path", "line", "column"] {
        input_error.setattr(attribute, py.None())?;
    }
    module.add("InputError", input_error)?;
    module.add("TieError", py.get_type::<errors::TieError>())?;
    module.add_class::<allocation::PyAllocation>()?;
    module.add_function(wrap_pyfunction!(allocation::allocate, module)?)?;
    module.add_function(wrap_pyfunction!(votes::read_votes, module)?)?;
    module.add_function(wrap_pyfunction!(batch::batch, module)?)?;
    module.add_function(wrap_pyfunction!(analysis::margins, module)?)?;
    module.add_function(wrap_pyfunction!(analysis::simulate, module)?)?;
    module.add_function(wrap_pyfunction!(analysis::sweep, module)?)?;
    module.add_function(wrap_pyfunction!(analysis::outcomes, module)?)?;
    module.add_function(wrap_pyfunction!(dataset::load_dataset, module)?)?;
    module.add_function(wrap_pyfunction!(dataset::election_inputs, module)?)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
