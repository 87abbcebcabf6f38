//! ROUGE (stub).
