//! The JSON API: token and session authentication, error shape, OpenAPI.

use crate::both;
use crate::support::{Backend, TestApp};

both!(
    api_authenticates_by_token_or_session,
    openapi_describes_every_route
);

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
    assert_eq!(res.json()["id"], user.id);
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
