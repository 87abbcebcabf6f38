//! Extraction scoring (stub).
