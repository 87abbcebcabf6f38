//! `render_json` checked against `docs/brief-schema.json` with a small checker for the part of
//! JSON Schema the file uses: `$ref` (local `#/$defs/...`), `anyOf`, `type` (one or a list),
//! `const`, `enum`, `required`, `properties`, `additionalProperties` (false or a schema),
//! `items`, `minimum`, `maximum` and `pattern`. Keywords outside that subset fail the test, so the
//! checker cannot silently ignore what a schema change adds.

use regex::Regex;
use serde_json::Value;

use super::testutil::{cluster_of, prepare};
use super::{build_brief, render::render_json};

const KNOWN: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "title",
    "description",
    "type",
    "anyOf",
    "const",
    "enum",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "minimum",
    "maximum",
    "pattern",
];

fn schema() -> Value {
    let path = format!(
        "{}/../../docs/brief-schema.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("docs/brief-schema.json exists");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn type_ok(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        other => panic!("unknown type {other:?} in schema"),
    }
}

/// Errors of `value` against `schema`, each with its JSON path.
fn check(root: &Value, schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(obj) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            errors.push(format!("{path}: not allowed"));
        }
        return;
    };
    for key in obj.keys() {
        assert!(
            KNOWN.contains(&key.as_str()),
            "schema keyword {key:?} not supported"
        );
    }
    if let Some(reference) = obj.get("$ref").and_then(Value::as_str) {
        let pointer = reference.strip_prefix('#').expect("local $ref");
        let target = root.pointer(pointer).expect("$ref resolves");
        check(root, target, value, path, errors);
    }
    if let Some(options) = obj.get("anyOf").and_then(Value::as_array) {
        let fits = options.iter().any(|option| {
            let mut sub = Vec::new();
            check(root, option, value, path, &mut sub);
            sub.is_empty()
        });
        if !fits {
            errors.push(format!("{path}: matches no anyOf option"));
        }
    }
    if let Some(types) = obj.get("type") {
        let names: Vec<&str> = match types {
            Value::String(s) => vec![s.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type keyword"),
        };
        if !names.iter().any(|n| type_ok(value, n)) {
            errors.push(format!("{path}: {value} is not {names:?}"));
            return;
        }
    }
    if let Some(expected) = obj.get("const")
        && expected != value
    {
        errors.push(format!("{path}: {value} is not {expected}"));
    }
    if let Some(options) = obj.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        errors.push(format!("{path}: {value} not in {options:?}"));
    }
    if let Some(n) = value.as_f64() {
        if let Some(min) = obj.get("minimum").and_then(Value::as_f64)
            && n < min
        {
            errors.push(format!("{path}: {n} < {min}"));
        }
        if let Some(max) = obj.get("maximum").and_then(Value::as_f64)
            && n > max
        {
            errors.push(format!("{path}: {n} > {max}"));
        }
    }
    if let (Some(pattern), Some(s)) = (obj.get("pattern").and_then(Value::as_str), value.as_str())
        && !Regex::new(pattern).expect("pattern compiles").is_match(s)
    {
        errors.push(format!("{path}: {s:?} does not match {pattern}"));
    }
    if let Some(map) = value.as_object() {
        for field in obj
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !map.contains_key(field) {
                errors.push(format!("{path}: missing required {field:?}"));
            }
        }
        let properties = obj.get("properties").and_then(Value::as_object);
        for (key, item) in map {
            let sub_path = format!("{path}.{key}");
            match properties.and_then(|p| p.get(key)) {
                Some(sub) => check(root, sub, item, &sub_path, errors),
                None => match obj.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        errors.push(format!("{sub_path}: not in the schema"));
                    }
                    Some(sub @ Value::Object(_)) => check(root, sub, item, &sub_path, errors),
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Some(list)) = (obj.get("items"), value.as_array()) {
        for (i, item) in list.iter().enumerate() {
            check(root, items, item, &format!("{path}[{i}]"), errors);
        }
    }
}

fn errors_of(json: &str) -> Vec<String> {
    let root = schema();
    let value: Value = serde_json::from_str(json).expect("render_json gives JSON");
    let mut errors = Vec::new();
    check(&root, &root, &value, "$", &mut errors);
    errors
}

/// Every section of a brief is non-empty in `value`, so the check reaches every definition.
fn sections_filled(value: &Value, sections: &[&str]) {
    for section in sections {
        let filled = match &value[*section] {
            Value::Array(list) => !list.is_empty(),
            Value::Object(map) => !map.is_empty(),
            _ => false,
        };
        assert!(filled, "{section} is empty");
    }
}

#[test]
fn fixture_cluster_matches_schema() {
    let (cluster, cleaned, segmented) = cluster_of(&[
        "ROME (Reuters) - Minister Ann Vale said on Tuesday that 40 per cent of the port was closed. \
         \"We will reopen the northern port before the winter storms arrive,\" Vale said.",
        "Minister Ann Vale said on Tuesday that 30 per cent of the port was closed. \
         \"We will reopen the northern port before the winter storms arrive,\" she told reporters.",
    ]);
    let brief = build_brief(&cluster, &cleaned, &segmented, &[(0, 0), (1, 0)]);
    let json = render_json(&brief);
    let errors = errors_of(&json);
    assert!(errors.is_empty(), "{errors:#?}");
    let value: Value = serde_json::from_str(&json).expect("JSON");
    sections_filled(&value, &["articles", "summary", "quotes", "entities"]);
}

#[test]
fn wikinews_cluster_matches_schema() {
    let cluster = super::eval_tests::load("M002");
    let (cleaned, segmented) = prepare(&cluster);
    let brief = build_brief(&cluster, &cleaned, &segmented, &[(0, 0), (2, 1), (6, 0)]);
    let json = render_json(&brief);
    let errors = errors_of(&json);
    assert!(errors.is_empty(), "{errors:#?}");
    let value: Value = serde_json::from_str(&json).expect("JSON");
    sections_filled(
        &value,
        &[
            "articles", "summary", "coverage", "quotes", "entities", "figures", "when",
        ],
    );
}

#[test]
fn checker_rejects_broken_output() {
    let (cluster, cleaned, segmented) =
        cluster_of(&["\"We will reopen the northern port before winter,\" Ann Vale said."]);
    let brief = build_brief(&cluster, &cleaned, &segmented, &[(0, 0)]);
    let mut value: Value = serde_json::from_str(&render_json(&brief)).expect("JSON");
    value["quotes"][0]
        .as_object_mut()
        .expect("a quote")
        .remove("speaker_kind");
    value["articles"][0]["index"] = Value::String("zero".into());
    value["unexpected"] = Value::Bool(true);
    let errors = errors_of(&value.to_string());
    assert_eq!(errors.len(), 3, "{errors:#?}");
}
