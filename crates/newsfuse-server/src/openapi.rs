//! The OpenAPI 3.1 document: generated from the handlers' annotations (utoipa), with the brief's
//! JSON Schema (`docs/brief-schema.json`) put in for the `Brief` component.

use std::sync::OnceLock;

use serde_json::Value;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::api;

/// The brief's JSON Schema, the one the library's tests check the brief against.
const BRIEF_SCHEMA: &str = include_str!("../../../docs/brief-schema.json");

#[derive(OpenApi)]
#[openapi(
    info(
        title = "newsfuse",
        description = "News articles in, stories and their cited briefs out. Writes need \
            `Authorization: Bearer TOKEN` when the server was started with a token.",
    ),
    paths(
        api::post_articles,
        api::get_article,
        api::list_stories,
        api::get_story,
        api::get_story_updates,
        api::post_summarize,
        api::post_brief,
        api::get_openapi,
        api::healthz,
        api::get_metrics,
    ),
    components(schemas(api::BriefDoc, api::SummaryDoc)),
    modifiers(&Bearer)
)]
struct ApiDoc;

struct Bearer;

impl utoipa::Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document as JSON text (built once).
pub fn openapi_json() -> String {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the document serializes");
        put_brief_schema(&mut doc);
        serde_json::to_string(&doc).expect("the document serializes")
    })
    .clone()
}

/// Replaces the `Brief` placeholder with the brief's schema: its `$defs` become components
/// `Brief_<name>` and its references follow them.
fn put_brief_schema(doc: &mut Value) {
    let mut brief: Value = serde_json::from_str(BRIEF_SCHEMA).expect("docs/brief-schema.json");
    let object = brief
        .as_object_mut()
        .expect("the brief schema is an object");
    object.remove("$schema");
    object.remove("$id");
    let defs = object.remove("$defs").and_then(|d| match d {
        Value::Object(map) => Some(map),
        _ => None,
    });
    let schemas = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .expect("the document has component schemas");
    for (name, mut schema) in defs.unwrap_or_default() {
        rewrite_refs(&mut schema);
        schemas.insert(format!("Brief_{name}"), schema);
    }
    rewrite_refs(&mut brief);
    schemas.insert("Brief".into(), brief);
}

fn rewrite_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get_mut("$ref")
                && let Some(name) = target.strip_prefix("#/$defs/")
            {
                *target = format!("#/components/schemas/Brief_{name}");
            }
            map.values_mut().for_each(rewrite_refs);
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    out.push(r.clone());
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_reference_resolves() {
        let doc: Value = serde_json::from_str(&openapi_json()).expect("json");
        assert_eq!(doc["openapi"], "3.1.0");
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(found.len() > 10, "{found:?}");
        for r in found {
            let pointer = r.strip_prefix('#').expect("a local reference");
            assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
        }
        let brief = &doc["components"]["schemas"]["Brief"];
        assert!(brief["properties"]["summary"].is_object(), "{brief}");
    }
}
