//! Instance roles given by administrators.

use crate::both;
use crate::support::{Backend, TestApp};

both!(admins_give_the_helper_role);

async fn admins_give_the_helper_role(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin_user = app.user("Ada", "ada@coop.fr", "mot de passe long").await;
    let hugo = app.user("Hugo", "hugo@coop.fr", "mot de passe long").await;
    let hugo_b = app.logged_in("hugo@coop.fr", "mot de passe long").await;
    assert_eq!(hugo_b.get("/admin/groups").await.status, 403);
    assert_eq!(hugo_b.get("/admin/people").await.status, 403);
    let res = hugo_b
        .post_form(
            &format!("/admin/people/{}/roles", hugo.id),
            &[("helper", "1"), ("admin", "1")],
        )
        .await;
    assert_eq!(res.status, 403, "nobody gives themselves a role");

    let admin = app.logged_in("ada@coop.fr", "mot de passe long").await;
    let page = admin.get("/admin/people?q=hug").await;
    assert!(page.text.contains("hugo@coop.fr") && !page.text.contains("ada@coop.fr"));
    let res = admin
        .post_form(
            &format!("/admin/people/{}/roles", hugo.id),
            &[("helper", "1")],
        )
        .await;
    assert_eq!(res.status, 303);
    let hugo_now = app.store.user_by_id(hugo.id).await.unwrap().unwrap();
    assert!(hugo_now.is_helper && !hugo_now.is_admin);
    assert_eq!(
        hugo_b.get("/admin/groups").await.status,
        200,
        "helpers review groups"
    );
    assert_eq!(
        hugo_b.get("/admin/people").await.status,
        403,
        "but do not give roles"
    );

    // An administrator cannot remove their own role.
    admin
        .post_form(&format!("/admin/people/{}/roles", admin_user.id), &[])
        .await;
    assert!(
        app.store
            .user_by_id(admin_user.id)
            .await
            .unwrap()
            .unwrap()
            .is_admin
    );
    assert!(admin
        .get("/admin/people")
        .await
        .text
        .contains("propre rôle"));
}
