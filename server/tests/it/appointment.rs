//! Appointments on "Mijn overzicht": shown in Dutch local time, cancelled
//! by a plain form post, only by their own resident.

use crate::support::app_test;

app_test!(a_resident_cancels_an_appointment_with_a_plain_form, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let page = jan.get("/mijn").await;
    assert!(page.body.contains("Paspoort ophalen"));
    assert!(page.body.contains("van 10.00 tot 10.30 uur"), "Dutch local time");
    let list: serde_json::Value = serde_json::from_str(&jan.call("list_my_appointments", "").await.body).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_string();

    // Someone else cannot cancel it.
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    assert_eq!(kees.call("cancel_appointment", &format!("id={id}")).await.status, 404);

    let res = jan.post_form("/api/cancel_appointment", &[("id", &id)]).await;
    assert_eq!(res.status, 302, "{}", res.body);
    assert_eq!(res.header("location"), "/mijn?afspraak=geannuleerd");
    let page = jan.get("/mijn?afspraak=geannuleerd").await;
    assert!(page.body.contains("Je afspraak is geannuleerd."));
    assert!(!page.body.contains("Paspoort ophalen"));
    assert_eq!(jan.call("cancel_appointment", &format!("id={id}")).await.status, 404, "cancelling twice changes nothing");
    assert_eq!(jan.call("cancel_appointment", "id=not-a-uuid").await.status, 400);
});
