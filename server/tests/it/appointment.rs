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

/// Jan's parking case, as Jan's own list gives it.
async fn jan_parking_case(jan: &mut crate::support::Browser<'_>) -> String {
    let cases: serde_json::Value = serde_json::from_str(&jan.call("list_my_cases", "").await.body).unwrap();
    let open = cases["open"].as_array().unwrap();
    open.iter().find(|c| c["case_type"] == "Parkeervergunning").unwrap()["id"].as_str().unwrap().to_string()
}

app_test!(staff_ask_a_question_and_an_appointment_and_the_resident_does_both_without_javascript, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let case = jan_parking_case(&mut jan).await;
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    let staff_page = ahmed.get(&format!("/staff/zaken/{case}")).await;
    assert!(staff_page.body.contains("Iets vragen aan de inwoner") && staff_page.body.contains("Er is nog niets gevraagd."));
    let detail: serde_json::Value = serde_json::from_str(&ahmed.call("get_case_for_staff", &format!("id={case}")).await.body).unwrap();
    let product = detail["products"].as_array().unwrap().iter().find(|p| p["name"] == "Gesprek over je parkeervergunning").unwrap()["id"].as_str().unwrap().to_string();

    // A question with choices, and an appointment to book; a question with one choice is refused.
    let one = ahmed.post_form("/api/ask_todo", &[("case", &case), ("kind", "answer"), ("title", "Oprit?"), ("due_on", "2026-12-04"), ("choices", "Ja")]).await;
    assert!(one.header("location").contains("__err="), "{}", one.header("location"));
    let asked = ahmed
        .post_form("/api/ask_todo", &[("case", &case), ("kind", "answer"), ("title", "Heb je een eigen oprit?"), ("description", "Dan kun je daar parkeren."), ("due_on", "2026-12-04"), ("choices", "Ja\nNee"), ("product", "")])
        .await;
    assert_eq!(asked.status, 302, "{}", asked.body);
    assert_eq!(asked.header("location"), format!("/staff/zaken/{case}?gevraagd=1#te-doen"));
    ahmed.post_form("/api/ask_todo", &[("case", &case), ("kind", "appointment"), ("title", "Kom langs voor een gesprek"), ("due_on", "2026-12-04"), ("product", &product)]).await;
    let staff_page = ahmed.get(&format!("/staff/zaken/{case}?gevraagd=1")).await;
    assert!(staff_page.body.contains("De vraag staat klaar voor de inwoner."));
    assert!(staff_page.body.contains("Vraag beantwoorden · open, uiterlijk 4 december 2026"), "kind and state in words");

    // Jan answers on the case page: a wrong choice comes back with the reason, the right one is thanked for.
    let page = jan.get(&format!("/mijn/zaken/{case}")).await;
    assert!(page.body.contains("Heb je een eigen oprit?") && page.body.contains("Antwoord versturen") && page.body.contains("Kies een tijd"));
    let todos: serde_json::Value = serde_json::from_str(&jan.call("get_my_case", &format!("id={case}")).await.body).unwrap();
    let todo_of = |kind: &str| todos["todos"].as_array().unwrap().iter().find(|t| t["kind"] == kind).unwrap()["id"].as_str().unwrap().to_string();
    let (question, appointment) = (todo_of("Answer"), todo_of("Appointment"));
    let wrong = jan.post_form("/api/answer_todo", &[("todo", &question), ("answer", "Misschien")]).await;
    let back = jan.get(wrong.header("location")).await;
    assert!(back.body.contains("Dit klopt niet. Kijk het nog eens na."), "the page says what is wrong");
    let answered = jan.post_form("/api/answer_todo", &[("todo", &question), ("answer", "Nee")]).await;
    assert_eq!(answered.header("location"), format!("/mijn/zaken/{case}?gedaan=antwoord"));
    assert!(jan.get(answered.header("location")).await.body.contains("We hebben je antwoord ontvangen."));

    // Then a time: the page lists the free times of the first day with any.
    let picker = jan.get(&format!("/mijn/zaken/{case}/afspraak/{appointment}")).await;
    assert_eq!(picker.status, 200);
    assert!(picker.body.contains("Vrije tijden op maandag 23 november 2026"), "today still has times after 11.00");
    assert!(picker.body.contains("value=\"2026-11-23T11:00\"") && !picker.body.contains("value=\"2026-11-23T10:30\""), "nothing within the hour");
    let wednesday = jan.get(&format!("/mijn/zaken/{case}/afspraak/{appointment}?day=2026-11-25")).await;
    assert!(wednesday.body.contains("value=\"2026-11-25T09:00\""));
    let location = wednesday.body.split("name=\"location\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let booked = jan.post_form("/api/book_appointment", &[("todo", &appointment), ("location", &location), ("starts", "2026-11-25T09:00")]).await;
    assert_eq!(booked.status, 302, "{}", booked.body);
    let confirmation = jan.get(booked.header("location")).await;
    assert!(confirmation.body.contains("Je afspraak is gemaakt."));
    assert!(confirmation.body.contains("woensdag 25 november 2026, 09.00 tot 09.30"));
    let appointment_page = booked.header("location").split('?').next().unwrap().to_string();

    // The calendar file, for Jan only.
    let ics = jan.get(&format!("{appointment_page}/agenda.ics")).await;
    assert_eq!(ics.status, 200);
    assert!(ics.header("content-type").starts_with("text/calendar"));
    assert!(ics.body.contains("DTSTART:20261125T080000Z"), "{}", ics.body);
    let mut kees = app.browser();
    kees.login("resident", "inwoner-kees", "midden").await;
    assert_eq!(kees.get(&format!("{appointment_page}/agenda.ics")).await.status, 404);
    assert_eq!(kees.get(&appointment_page).await.status, 404);

    // Ahmed sees both to-dos done, with the answer and the time.
    let staff_page = ahmed.get(&format!("/staff/zaken/{case}")).await;
    assert!(staff_page.body.contains("Antwoord: Nee"));
    assert!(staff_page.body.contains("Afspraak: 25 november 2026 09:00"));

    // Jan moves it, then cancels: the parking team sees the cancellation.
    let moved = jan.post_form("/api/move_appointment", &[("id", appointment_page.rsplit('/').next().unwrap()), ("location", &location), ("starts", "2026-11-27T10:00")]).await;
    assert_eq!(moved.status, 302, "{}", moved.body);
    assert!(jan.get(moved.header("location")).await.body.contains("vrijdag 27 november 2026, 10.00"));
    let taken = jan.post_form("/api/move_appointment", &[("id", appointment_page.rsplit('/').next().unwrap()), ("location", &location), ("starts", "2026-11-28T10:00")]).await;
    assert!(taken.header("location").contains("__err="), "a Saturday has no times");
    jan.post_form("/api/cancel_appointment", &[("id", appointment_page.rsplit('/').next().unwrap())]).await;
    let team = ahmed.get("/staff/afspraken").await;
    assert!(team.body.contains("Geannuleerd in de laatste twee weken"));
    assert!(team.body.contains("door de inwoner"));
    // The list is logged as a read of Jan's data, with its purpose.
    let log: serde_json::Value = serde_json::from_str(&jan.call("my_processing_log", "").await.body).unwrap();
    assert!(log.to_string().contains("Je afspraak maken en voorbereiden"), "{log}");
});

app_test!(staff_book_a_time_for_the_resident_of_a_case_and_only_their_team_may, |app| {
    let mut jan = app.browser();
    jan.login("resident", "inwoner-jan", "midden").await;
    let case = jan_parking_case(&mut jan).await;
    let mut ahmed = app.browser();
    ahmed.login("staff", "medewerker-ahmed", "").await;
    let page = ahmed.get(&format!("/staff/zaken/{case}/afspraak")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Afspraak maken voor de inwoner") && page.body.contains("Gesprek over je inkomen (45 min)"));
    let product = page.body.split("name=\"product\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let location = page.body.split("name=\"location\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let starts = page.body.split("name=\"starts\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let booked = ahmed.post_form("/api/book_appointment_for_case", &[("case", &case), ("product", &product), ("location", &location), ("starts", &starts)]).await;
    assert_eq!(booked.header("location"), format!("/staff/zaken/{case}?afspraak=1"));
    assert!(ahmed.get(booked.header("location")).await.body.contains("De afspraak is gemaakt."));
    let again = ahmed.post_form("/api/book_appointment_for_case", &[("case", &case), ("product", &product), ("location", &location), ("starts", "2026-11-23T03:00")]).await;
    assert!(again.header("location").contains("__err="), "a time outside the hours is refused");
    let mine: serde_json::Value = serde_json::from_str(&jan.call("list_my_appointments", "").await.body).unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 2, "the seeded one and Ahmed's");
    assert!(ahmed.get("/staff/afspraken").await.body.contains("Jan Jansen"), "the team's list shows it");
    // Sanne (KCC) does not work on cases; Kees is no staff member.
    let mut sanne = app.browser();
    sanne.login("staff", "medewerker-sanne", "").await;
    assert_eq!(sanne.get(&format!("/staff/zaken/{case}/afspraak")).await.status, 403);
    assert_eq!(sanne.call("book_appointment_for_case", &format!("case={case}&product={product}&location={location}&starts={starts}")).await.status, 403);
});
