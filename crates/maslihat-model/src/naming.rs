//! Enumerations named in data files: `named!` gives a fieldless enum its file name, `Display`
//! and `FromStr`, and [`NameError`] says what was expected instead.

/// A text that is not one of a fixed set of names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}, found {found:?}")]
pub struct NameError {
    pub found: String,
    pub expected: &'static str,
}

/// `named!(Type, "what is expected", Type::A => "a", …)`: the names of an enum's variants in
/// data files.
macro_rules! named {
    ($ty:ty, $expected:literal, $($variant:path => $name:literal),+ $(,)?) => {
        impl $ty {
            /// The name used in data files.
            pub fn name(self) -> &'static str {
                match self { $($variant => $name),+ }
            }
        }
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }
        impl ::std::str::FromStr for $ty {
            type Err = $crate::naming::NameError;
            fn from_str(text: &str) -> Result<$ty, $crate::naming::NameError> {
                match text {
                    $($name => Ok($variant),)+
                    _ => Err($crate::naming::NameError { found: text.to_owned(), expected: $expected }),
                }
            }
        }
    };
}
pub(crate) use named;
