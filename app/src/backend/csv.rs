//! CSV as Dutch spreadsheets read it: semicolons between cells, every
//! cell quoted, and no cell that a spreadsheet would run as a formula.

/// One cell: quoted, with a leading `=`, `+`, `-` or `@` taken off.
fn cell(s: &str) -> String {
    let s = s.trim_start_matches(['=', '+', '-', '@']);
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A header line (Loket's own names, as they are) and a line per row.
pub fn table<R: AsRef<[String]>>(header: &[&str], rows: impl IntoIterator<Item = R>) -> String {
    let mut out = header.join(";");
    out.push('\n');
    for row in rows {
        out.push_str(&row.as_ref().iter().map(|c| cell(c)).collect::<Vec<_>>().join(";"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_cannot_start_a_formula() {
        let out = table(&["a", "b"], [vec!["=SUM(A1)".to_string(), "say \"hi\"".to_string()]]);
        assert_eq!(out, "a;b\n\"SUM(A1)\";\"say \"\"hi\"\"\"\n");
    }
}
