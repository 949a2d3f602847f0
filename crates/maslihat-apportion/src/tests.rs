//! Unit tests of the apportionment core: worked examples and textbook cases.
