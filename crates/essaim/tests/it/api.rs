//! The JSON API: token and session authentication, error shape, OpenAPI.

use serde_json::json;

use crate::both;
use crate::support::openapi::Api;
use crate::support::{Backend, TestApp};

both!(
    api_authenticates_by_token_or_session,
    openapi_describes_every_route,
    lengths_are_counted_as_the_document_counts_them,
    a_link_to_an_unknown_service_is_refused,
    the_keyword_filter_refuses_what_its_pattern_refuses,
    a_short_address_is_sent_in_its_normal_form,
    meetings_and_polls_are_read_as_their_document_says
);

/// A caller with a token (the instance's first account: an admin, whose
/// proposals are listed at once).
async fn admin_api(app: &TestApp) -> Api {
    let user = app
        .user("First", "first@coop.fr", "mot de passe long")
        .await;
    let (_, secret) = app.store.create_api_token(user.id, "t").await.unwrap();
    Api::new(&app.base, Some(&secret))
}

/// A card to propose, with `extra` fields.
fn card(slug: &str, extra: serde_json::Value) -> serde_json::Value {
    let mut card = json!({
        "name": "Jardins partagés",
        "summary": "Des jardins ouverts à tous",
        "kind": "thematic",
        "slug": slug,
        "charter_accepted": true,
    });
    for (k, v) in extra.as_object().unwrap() {
        card[k] = v.clone();
    }
    card
}

fn refused(res: &crate::support::Resp, field: &str, key: &str) {
    assert_eq!(res.status, 422, "{}", res.text);
    let fields = res.json()["error"]["fields"].clone();
    assert!(
        fields
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["field"] == field && f["code"] == key),
        "{field} {key}: {fields}"
    );
}

/// The document's maxLength counts the characters of the string sent; the
/// server counted them after trimming and collapsing spaces, so a string
/// too long with spaces (or a link made of spaces) was accepted.
async fn lengths_are_counted_as_the_document_counts_them(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = admin_api(&app).await;
    // Characters, not bytes: 20 000 "é" (40 000 bytes) fit.
    let res = api
        .post(
            "/groups",
            &card("longue", json!({"description": "é".repeat(20_000)})),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let padded = format!("{}   ", "a".repeat(20_000));
    let res = api
        .post(
            "/groups",
            &card("trop-longue", json!({"description": padded})),
        )
        .await;
    refused(&res, "description", "error-description-too-long");
    let res = api
        .post(
            "/groups",
            &card("trop-longue", json!({"links": {"home": " ".repeat(2001)}})),
        )
        .await;
    refused(&res, "links", "error-url-invalid");
    let res = api
        .post(
            "/groups",
            &card(
                "trop-longue",
                json!({"name": format!("{} ", "a".repeat(120))}),
            ),
        )
        .await;
    refused(&res, "name", "error-group-name-too-long");
    let res = api
        .post(
            "/groups",
            &card(
                "trop-longue",
                json!({"summary": format!("{}\r\n", "a".repeat(139))}),
            ),
        )
        .await;
    refused(&res, "summary", "error-summary-too-long");
    let res = api
        .patch(
            "/groups/longue",
            &json!({"partners": [{"name": "Mairie", "url": " ".repeat(2001)}]}),
        )
        .await;
    refused(&res, "partner_url", "error-url-invalid");
    // Nothing was made or changed by what was refused.
    assert_eq!(api.get("/groups/trop-longue").await.status, 404);
    let longue = api.get("/groups/longue").await.json();
    assert_eq!(longue["partners"], json!([]));
}

/// A link under a name that is not one of the services was trimmed into one
/// (` home`); it is refused, as the document's `additionalProperties: false`
/// says.
async fn a_link_to_an_unknown_service_is_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = admin_api(&app).await;
    for links in [
        json!({" home": "https://jardins.example.org"}),
        json!({"Home": "https://jardins.example.org"}),
        json!({"site": "https://jardins.example.org"}),
    ] {
        let res = api
            .post("/groups", &card("jardins", json!({ "links": links })))
            .await;
        refused(&res, "links", "error-choice-invalid");
    }
    let res = api
        .post(
            "/groups",
            &card(
                "jardins",
                json!({"links": {"home": "https://jardins.example.org"}}),
            ),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    assert_eq!(res.json()["links"]["home"], "https://jardins.example.org");
    let res = api
        .patch("/groups/jardins", &json!({"links": {"home ": null}}))
        .await;
    refused(&res, "links", "error-choice-invalid");
    let res = api.get("/groups/jardins").await;
    assert_eq!(res.json()["links"]["home"], "https://jardins.example.org");
    // A partner has a name and a web site; anything else is refused too.
    let res = api
        .patch(
            "/groups/jardins",
            &json!({"partners": [{"name": "Mairie", "site": "https://mairie.example.org"}]}),
        )
        .await;
    refused(&res, "partners", "error-json-unknown-field");
}

/// The `keyword` filter is enforced as documented (a keyword no card could
/// have is a mistake worth saying, like a wrong kind): at most 40 characters
/// as sent, none of `/ ? # < > \ ,` nor a control character, not only dots
/// and spaces. The server trimmed before counting and took ". ." as a
/// keyword.
async fn the_keyword_filter_refuses_what_its_pattern_refuses(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = Api::new(&app.base, None);
    let doc = essaim_web::openapi_document();
    let params = doc["paths"]["/groups"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let keyword = params.iter().find(|p| p["name"] == "keyword").unwrap();
    assert_eq!(keyword["schema"]["maxLength"], 40);
    assert_eq!(
        keyword["schema"]["pattern"],
        essaim_domain::groups::KEYWORD_FILTER_PATTERN
    );
    for path in ["/groups", "/groups.geojson"] {
        for (raw, key) in [
            (format!("%20{}", "a".repeat(40)), "error-keyword-too-long"),
            (".%20.".to_string(), "error-keyword-invalid"),
            ("%01".to_string(), "error-keyword-invalid"),
            ("jardin,compost".to_string(), "error-keyword-invalid"),
        ] {
            let res = api.get(&format!("{path}?keyword={raw}")).await;
            refused(&res, "keyword", key);
        }
        let res = api.get(&format!("{path}?keyword=%20Jardin%20")).await;
        assert_eq!(res.status, 200, "{}", res.text);
    }
}

/// A short address sent in capitals was created in small letters, so the
/// address the caller sent was not found; it must now be sent in its normal
/// form (the document's pattern), else nothing is made.
async fn a_short_address_is_sent_in_its_normal_form(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = admin_api(&app).await;
    for slug in ["Jardins-Lyon", " jardins-lyon", "jardins-lyon\n"] {
        let res = api.post("/groups", &card(slug, json!({}))).await;
        refused(&res, "slug", "error-slug-lowercase");
    }
    assert_eq!(api.get("/groups/jardins-lyon").await.status, 404);
    let doc = essaim_web::openapi_document();
    let pattern = doc["components"]["schemas"]["GroupIn"]["properties"]["slug"]["pattern"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(pattern, "^[a-z0-9]+(-[a-z0-9]+)*$");
    let res = api.post("/groups", &card("jardins-lyon", json!({}))).await;
    assert_eq!(res.status, 201, "{}", res.text);
    assert_eq!(api.get("/groups/jardins-lyon").await.status, 200);
    // Sent back unchanged it is accepted; in another spelling, refused.
    let res = api
        .patch(
            "/groups/jardins-lyon",
            &json!({"slug": "jardins-lyon", "region": "Rhône"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    let res = api
        .patch("/groups/jardins-lyon", &json!({"slug": "JARDINS-LYON"}))
        .await;
    refused(&res, "slug", "error-slug-lowercase");
}

async fn api_authenticates_by_token_or_session(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.user("First", "first@coop.fr", "mot de passe long")
        .await; // the admin
    let user = app.user("Rosa", "rosa@coop.fr", "mot de passe long").await;
    let (token, secret) = app.store.create_api_token(user.id, "script").await.unwrap();
    let client = reqwest::Client::new();
    let me = |auth: Option<String>| {
        let mut req = client.get(format!("{}/api/v1/me", app.base));
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        async move { crate::support::Browser::read(req.send().await.unwrap()).await }
    };

    let res = me(Some(format!("Bearer {secret}"))).await;
    assert_eq!(res.status, 200, "{}", res.text);
    let body = res.json();
    assert_eq!(body["email"], "rosa@coop.fr");
    assert_eq!(body["name"], "Rosa");
    assert_eq!(body["is_admin"], false);

    // No credentials, a wrong token, a revoked token: 401 in the stable shape.
    for auth in [
        None,
        Some("Bearer essaim_nope".to_string()),
        Some("Basic abc".to_string()),
    ] {
        let res = me(auth.clone()).await;
        assert_eq!(res.status, 401, "{auth:?}");
        let err = res.json();
        assert_eq!(err["error"]["code"], "unauthenticated");
        assert!(err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Connectez-vous"));
    }
    assert!(app.store.revoke_api_token(user.id, token.id).await.unwrap());
    assert_eq!(me(Some(format!("Bearer {secret}"))).await.status, 401);

    // The browser session works too, and errors follow the reader's language.
    let b = app.logged_in("rosa@coop.fr", "mot de passe long").await;
    let res = b.get("/api/v1/me").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["id"], user.id.0);
    let res = app.browser_lang("en").get("/api/v1/nothing-here").await;
    assert_eq!(res.status, 404);
    assert_eq!(res.json()["error"]["code"], "not_found");
    assert!(res.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("does not exist"));
}

async fn openapi_describes_every_route(backend: Backend) {
    let app = TestApp::start(backend).await;
    let doc = app.browser().get("/api/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["servers"][0]["url"], format!("{}/api/v1", app.base));
    let paths = doc["paths"].as_object().unwrap();
    // Every /api/v1 route of the router is documented.
    let router_source = include_str!("../../../essaim-web/src/routes.rs");
    for line in router_source
        .lines()
        .filter(|l| l.contains(".route(\"/v1/"))
    {
        let path = line.split('"').nth(1).unwrap().trim_start_matches("/v1");
        // axum and OpenAPI both write path parameters as `{name}`.
        assert!(
            paths.contains_key(path),
            "{path} missing from the OpenAPI document"
        );
    }
    // Responses match their schema's required fields.
    let user = app.user("Ana", "ana@coop.fr", "mot de passe long").await;
    let (_, secret) = app.store.create_api_token(user.id, "t").await.unwrap();
    let me: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/v1/me", app.base))
        .bearer_auth(secret)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let schema = &doc["components"]["schemas"]["Me"];
    for field in schema["required"].as_array().unwrap() {
        assert!(
            me.get(field.as_str().unwrap()).is_some(),
            "{field} missing in /me"
        );
    }
    let documented: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    for key in me.as_object().unwrap().keys() {
        assert!(
            documented.contains(&key),
            "{key} returned but not documented"
        );
    }
}

/// The meetings' and polls' operations are typed: their answers follow the
/// document (checked by [`Api`]), and what the document refuses is refused,
/// nothing made — a filter or a time that is not RFC 3339, a code not
/// exactly one of the list, a length past the limit as sent.
async fn meetings_and_polls_are_read_as_their_document_says(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = admin_api(&app).await;
    let res = api.post("/groups", &card("jardins", json!({}))).await;
    assert_eq!(res.status, 201, "{}", res.text);
    let day = |days: i64, hour: u32| {
        (chrono::Utc::now() + chrono::Duration::days(days))
            .date_naive()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
            .and_utc()
            .to_rfc3339()
    };
    let meeting = |extra: serde_json::Value| {
        let mut m = json!({"title": "Assemblée", "starts_at": day(5, 18), "ends_at": day(5, 20)});
        for (k, v) in extra.as_object().unwrap() {
            m[k] = v.clone();
        }
        m
    };
    for (extra, field) in [
        (json!({"visibility": " members"}), "visibility"),
        (json!({"timezone": "europe/paris"}), "timezone"),
        (
            json!({"starts_at": format!(" {}", day(5, 18))}),
            "starts_at",
        ),
        (json!({"title": format!("{}  ", "a".repeat(199))}), "title"),
        (json!({"address": " ".repeat(301)}), "address"),
    ] {
        let res = api
            .post("/groups/jardins/meetings", &meeting(extra.clone()))
            .await;
        assert_eq!(res.status, 422, "{extra}: {}", res.text);
        assert_eq!(res.json()["error"]["fields"][0]["field"], field, "{extra}");
    }
    let res = api
        .post(
            "/groups/jardins/meetings",
            &meeting(json!({"visibility": "members", "description": "é".repeat(20_000)})),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    assert_eq!(res.json()["visibility"], "members");
    let list = api.get("/groups/jardins/meetings").await;
    assert_eq!(list.json()["meetings"].as_array().unwrap().len(), 1);
    for query in [
        "from=demain",
        "to=2031-03-30T19:00",
        "keyword=a/b",
        "keyword=%20%20",
    ] {
        for path in ["/meetings", "/groups/jardins/meetings"] {
            let res = api.get(&format!("{path}?{query}")).await;
            assert_eq!(res.status, 422, "{path}?{query}: {}", res.text);
        }
    }
    assert_eq!(api.get("/groups/personne/meetings").await.status, 404);
    let found = api
        .get(&format!("/meetings?from={}", day(1, 0).replace('+', "%2B")))
        .await;
    assert_eq!(found.json()["meetings"].as_array().unwrap().len(), 1);

    // Polls: a deadline as RFC 3339 or none; an option's date too.
    let res = api
        .post(
            "/groups/jardins/polls",
            &json!({"title": "Quand ?", "deadline": "", "options": [{"starts_at": day(9, 18)}]}),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    let res = api
        .post(
            "/groups/jardins/polls",
            &json!({"title": "Quand ?", "options": [{"label": "x".repeat(201)}]}),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    let res = api
        .post(
            "/groups/jardins/polls",
            &json!({"title": "Quand ?", "deadline": day(3, 12), "guests_allowed": true,
                    "options": [{"starts_at": day(9, 18)}, {"label": "Un dimanche"}]}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let token = res.json()["token"].as_str().unwrap().to_string();
    let first = res.json()["options"][0]["id"].to_string();
    let guest = Api::new(&app.base, None);
    let res = guest
        .post(
            &format!("/polls/{token}/answers"),
            &json!({"name": "x".repeat(501), "choices": {first.clone(): "yes"}}),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    let res = guest
        .post(
            &format!("/polls/{token}/answers"),
            &json!({"name": "Lou", "choices": {first.clone(): "yes"}}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.json()["key"].is_string());
    let shown = guest.get(&format!("/polls/{token}")).await;
    assert_eq!(shown.status, 200);
    assert_eq!(shown.json()["answers"][0]["choices"], json!(["yes", "no"]));
    assert!(shown.json().get("key").is_none());
}
