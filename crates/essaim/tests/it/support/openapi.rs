//! Checks API responses against the OpenAPI document, and the document
//! against the router.
//!
//! A small validator for the subset of JSON Schema our document uses:
//! `$ref` to components, `type` (with `nullable`), `required`,
//! `properties`, `additionalProperties` (`false` or a schema), `items`,
//! `enum`, `minimum` / `maximum`, `minItems` / `maxItems` and `maxLength`.
//! `pattern` and `format` are not checked.

use serde_json::Value;

use super::Resp;

/// The router whose `/api/v1` routes the document must describe.
pub const ROUTES: &str = include_str!("../../../../essaim-web/src/routes.rs");

/// The parsed document.
pub struct OpenApi {
    doc: Value,
}

impl Default for OpenApi {
    fn default() -> Self {
        Self::load()
    }
}

impl OpenApi {
    /// The document generated from the API's typed structs.
    pub fn load() -> OpenApi {
        OpenApi {
            doc: essaim_web::openapi_document(),
        }
    }

    /// Every documented operation as (method in lowercase, path as written).
    pub fn operations(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (path, item) in self.doc["paths"].as_object().expect("paths") {
            for method in item.as_object().expect("path item").keys() {
                if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                    out.push((method.clone(), path.clone()));
                }
            }
        }
        out
    }

    /// The documented path template matching a request path under
    /// `/api/v1` (query string ignored), e.g. `/groups/{slug}`.
    pub fn template_of(&self, request_path: &str) -> Option<String> {
        let path = request_path.split('?').next().unwrap_or("");
        let path = path.strip_prefix("/api/v1").unwrap_or(path);
        let parts: Vec<&str> = path.split('/').collect();
        self.doc["paths"]
            .as_object()?
            .keys()
            .find(|template| {
                let wanted: Vec<&str> = template.split('/').collect();
                wanted.len() == parts.len()
                    && wanted.iter().zip(&parts).all(|(w, p)| {
                        (w.starts_with('{') && w.ends_with('}') && !p.is_empty()) || w == p
                    })
            })
            .cloned()
    }

    /// Checks a response of `method path` (a request path under `/api/v1`):
    /// the status must be documented, and the JSON body must match the
    /// schema given for it. Returns every mismatch.
    pub fn check(&self, method: &str, path: &str, status: u16, body: &Value) -> Vec<String> {
        let Some(template) = self.template_of(path) else {
            return vec![format!("{path}: no such path in the document")];
        };
        let method = method.to_ascii_lowercase();
        let operation = &self.doc["paths"][&template][&method];
        if operation.is_null() {
            return vec![format!("{method} {template}: not documented")];
        }
        let response = &operation["responses"][status.to_string()];
        let response = if response.is_null() {
            &operation["responses"]["default"]
        } else {
            response
        };
        if response.is_null() {
            return vec![format!(
                "{method} {template}: status {status} not documented"
            )];
        }
        let response = self.resolve(response);
        let content = &response["content"];
        let schema = ["application/json", "application/geo+json"]
            .iter()
            .map(|mime| &content[*mime]["schema"])
            .find(|s| !s.is_null());
        let Some(schema) = schema else {
            return vec![format!(
                "{method} {template} {status}: no JSON schema documented"
            )];
        };
        let mut errors = Vec::new();
        self.validate(schema, body, "$", &mut errors);
        errors
            .into_iter()
            .map(|e| format!("{method} {template} {status}: {e}"))
            .collect()
    }

    /// Panics with every mismatch if a response does not match the document.
    pub fn assert_conforms(&self, method: &str, path: &str, res: &Resp) {
        let body: Value = serde_json::from_str(&res.text).unwrap_or_else(|e| {
            panic!(
                "{method} {path} {}: not JSON ({e}): {}",
                res.status, res.text
            )
        });
        let errors = self.check(method, path, res.status, &body);
        assert!(
            errors.is_empty(),
            "the response does not match openapi.json:\n{}\nbody: {body:#}",
            errors.join("\n")
        );
    }

    /// Follows a `$ref` to the components (repeatedly).
    fn resolve<'a>(&'a self, mut node: &'a Value) -> &'a Value {
        while let Some(reference) = node["$ref"].as_str() {
            let pointer = reference
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("only local references are supported: {reference}"));
            node = self
                .doc
                .pointer(pointer)
                .unwrap_or_else(|| panic!("dangling reference {reference}"));
        }
        node
    }

    /// Validates `value` against `schema`, noting mismatches at `at`.
    pub fn validate(&self, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let schema = self.resolve(schema);
        // `oneOf`/`anyOf` (utoipa writes a nullable reference as
        // `oneOf: [{type: null}, {$ref}]`): one branch must match.
        for keyword in ["oneOf", "anyOf"] {
            if let Some(branches) = schema[keyword].as_array() {
                let ok = branches.iter().any(|b| {
                    let mut e = Vec::new();
                    self.validate(b, value, at, &mut e);
                    e.is_empty()
                });
                if !ok {
                    errors.push(format!("{at}: matches no branch of {keyword}"));
                }
                return;
            }
        }
        for keyword in ["allOf", "not", "discriminator"] {
            assert!(
                schema.get(keyword).is_none(),
                "{at}: `{keyword}` is not supported by this validator: extend it"
            );
        }
        // OpenAPI 3.1: `type` may be a list, `"null"` among them.
        let kinds: Vec<&str> = match &schema["type"] {
            Value::String(k) => vec![k.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if value.is_null() {
            if schema["nullable"] != Value::Bool(true)
                && !kinds.is_empty()
                && !kinds.contains(&"null")
            {
                errors.push(format!("{at}: null but not nullable"));
            }
            if let Some(allowed) = schema["enum"].as_array() {
                if !allowed.contains(value) && !kinds.contains(&"null") {
                    errors.push(format!("{at}: null is not one of {allowed:?}"));
                }
            }
            return;
        }
        let kinds: Vec<&str> = kinds.into_iter().filter(|k| *k != "null").collect();
        if !kinds.is_empty() {
            let fits = |kind: &str| match kind {
                "object" => value.is_object(),
                "array" => value.is_array(),
                "string" => value.is_string(),
                "boolean" => value.is_boolean(),
                "integer" => value.is_i64() || value.is_u64(),
                "number" => value.is_number(),
                other => panic!("type {other} is not supported by this validator"),
            };
            if !kinds.iter().any(|k| fits(k)) {
                errors.push(format!("{at}: expected {kinds:?}, got {value}"));
                return;
            }
        }
        if let Some(allowed) = schema["enum"].as_array() {
            if !allowed.contains(value) {
                errors.push(format!("{at}: {value} is not one of {allowed:?}"));
            }
        }
        if let Some(n) = value.as_f64() {
            if let Some(min) = schema["minimum"].as_f64() {
                if n < min {
                    errors.push(format!("{at}: {n} < minimum {min}"));
                }
            }
            if let Some(max) = schema["maximum"].as_f64() {
                if n > max {
                    errors.push(format!("{at}: {n} > maximum {max}"));
                }
            }
        }
        if let (Some(s), Some(max)) = (value.as_str(), schema["maxLength"].as_u64()) {
            if s.chars().count() as u64 > max {
                errors.push(format!("{at}: longer than {max} characters"));
            }
        }
        if let Some(items) = value.as_array() {
            if let Some(min) = schema["minItems"].as_u64() {
                if (items.len() as u64) < min {
                    errors.push(format!("{at}: fewer than {min} items"));
                }
            }
            if let Some(max) = schema["maxItems"].as_u64() {
                if items.len() as u64 > max {
                    errors.push(format!("{at}: more than {max} items"));
                }
            }
            if !schema["items"].is_null() {
                for (i, item) in items.iter().enumerate() {
                    self.validate(&schema["items"], item, &format!("{at}[{i}]"), errors);
                }
            }
        }
        if let Some(object) = value.as_object() {
            for name in schema["required"].as_array().into_iter().flatten() {
                let name = name.as_str().expect("required names are strings");
                if !object.contains_key(name) {
                    errors.push(format!("{at}: missing required property {name}"));
                }
            }
            let properties = schema["properties"].as_object();
            for (name, item) in object {
                let path = format!("{at}.{name}");
                match properties.and_then(|p| p.get(name)) {
                    Some(property) => self.validate(property, item, &path, errors),
                    None => match &schema["additionalProperties"] {
                        Value::Bool(false) => {
                            errors.push(format!("{path}: property not in the schema"))
                        }
                        Value::Object(_) => {
                            self.validate(&schema["additionalProperties"], item, &path, errors)
                        }
                        _ => {}
                    },
                }
            }
        }
    }
}

/// The `/api/v1` routes of the router: (path under `/api/v1`, methods in
/// lowercase), read from the source of `routes.rs` (a `.route(` call may
/// span several lines).
pub fn router_api_routes(source: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(".route(") {
        let call = &rest[at + ".route(".len()..];
        // The call ends at the parenthesis closing `.route(`.
        let mut depth = 1;
        let mut end = call.len();
        for (i, c) in call.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let body = &call[..end];
        rest = &call[end..];
        let Some(path) = body.split('"').nth(1) else {
            continue;
        };
        let Some(path) = path.strip_prefix("/v1") else {
            continue;
        };
        let handlers = body.split('"').nth(2).unwrap_or("");
        let methods: Vec<String> = ["get", "post", "put", "patch", "delete"]
            .iter()
            .filter(|m| calls(handlers, m))
            .map(|m| m.to_string())
            .collect();
        out.push((path.to_string(), methods));
    }
    out
}

/// Whether `code` calls the function `name` (`name(` not preceded by a
/// character of a longer name or a path, as in `api::get_x(`).
fn calls(code: &str, name: &str) -> bool {
    let pattern = format!("{name}(");
    code.match_indices(&pattern).any(|(i, _)| {
        code[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'))
    })
}

/// A JSON API client (with or without a bearer token) that checks every
/// response against the document.
pub struct Api {
    base: String,
    token: Option<String>,
    client: reqwest::Client,
    doc: OpenApi,
}

impl Api {
    /// A client of the instance at `base` (`http://127.0.0.1:PORT`).
    pub fn new(base: &str, token: Option<&str>) -> Api {
        Api {
            base: base.to_string(),
            token: token.map(str::to_string),
            client: reqwest::Client::new(),
            doc: OpenApi::load(),
        }
    }

    /// Sends `method path` (a path under `/api/v1`, query string allowed)
    /// with an optional JSON body; checks the response against the document.
    pub async fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Resp {
        let method_value = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self
            .client
            .request(method_value, format!("{}/api/v1{path}", self.base));
        if let Some(token) = &self.token {
            req = req.header("authorization", format!("Bearer {token}"));
        }
        if let Some(body) = body {
            req = req
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let res = super::Browser::read(req.send().await.expect("API request")).await;
        self.doc.assert_conforms(method, path, &res);
        res
    }

    /// `GET`, checked.
    pub async fn get(&self, path: &str) -> Resp {
        self.call("GET", path, None).await
    }

    /// `POST` with a JSON body, checked.
    pub async fn post(&self, path: &str, body: &Value) -> Resp {
        self.call("POST", path, Some(body)).await
    }

    /// `PATCH` with a JSON body, checked.
    pub async fn patch(&self, path: &str, body: &Value) -> Resp {
        self.call("PATCH", path, Some(body)).await
    }

    /// `DELETE`, checked.
    pub async fn delete(&self, path: &str) -> Resp {
        self.call("DELETE", path, None).await
    }
}
