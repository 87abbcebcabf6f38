//! Several briefs on one HTML page: a table of contents, then each brief as
//! [`render_html`](super::render_html) draws it, its ids prefixed so that they stay unique.

use std::fmt::Write as _;

use super::Brief;
use super::render::{escape_html, render_html};
use crate::model::Cluster;

/// The briefs of several clusters as one standalone HTML page: a table of contents linking to
/// each brief, then the briefs in order. Every `id` and in-page link of brief `n` (from 1) is
/// prefixed with `c{n}-`, so that the page has no duplicate ids even when two clusters share an
/// id or article numbers.
///
/// ```
/// use newsfuse::{Article, Cluster, SummaryConfig};
///
/// let cluster = |id: &str, text: &str| Cluster {
///     id: id.into(),
///     articles: vec![Article { text: text.into(), ..Article::default() }],
/// };
/// let a = cluster("bridge", "The old bridge over the river reopened to traffic on Friday morning.");
/// let b = cluster("ferry", "The ferry between the two islands resumed its crossings on Saturday.");
/// let briefs = [newsfuse::brief(&a, &SummaryConfig::default()), newsfuse::brief(&b, &SummaryConfig::default())];
/// let page = newsfuse::brief::render_html_pages(&[(&briefs[0], &a), (&briefs[1], &b)]);
/// assert_eq!(page.matches("<!DOCTYPE html>").count(), 1);
/// assert!(page.contains("<a href=\"#c2\">ferry</a>"));
/// ```
pub fn render_html_pages(briefs: &[(&Brief, &Cluster)]) -> String {
    let mut out = String::new();
    let mut bodies = Vec::with_capacity(briefs.len());
    for (n, (brief, cluster)) in briefs.iter().enumerate() {
        let page = render_html(brief, cluster);
        let (head, body) = split_page(&page);
        if out.is_empty() {
            out.push_str(&retitle(head, briefs.len()));
        }
        bodies.push(prefix_ids(body, &format!("c{}-", n + 1)));
    }
    if out.is_empty() {
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Briefs</title></head><body>\n");
    }
    let _ = writeln!(
        out,
        "<nav id=\"contents\"><h1>Briefs</h1><p class=\"stats\">{}</p><ol>",
        if briefs.len() == 1 {
            "1 cluster".to_string()
        } else {
            format!("{} clusters", briefs.len())
        }
    );
    for (n, (brief, _)) in briefs.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><a href=\"#c{}\">{}</a></li>",
            n + 1,
            escape_html(&brief.cluster_id)
        );
    }
    let _ = writeln!(out, "</ol></nav>");
    for (n, body) in bodies.iter().enumerate() {
        let _ = writeln!(
            out,
            "<article id=\"c{}\">\n{body}<p><a href=\"#contents\">Contents</a></p></article>",
            n + 1
        );
    }
    out.push_str("</body></html>\n");
    out
}

/// The page's head (up to and including `<body>` and its newline) and its body (up to
/// `</body>`).
fn split_page(page: &str) -> (&str, &str) {
    let body_start = page.find("<body>").map_or(0, |at| at + "<body>".len());
    let body_start = body_start + usize::from(page[body_start..].starts_with('\n'));
    let body_end = page.rfind("</body>").unwrap_or(page.len()).max(body_start);
    (&page[..body_start], &page[body_start..body_end])
}

/// The head with the page's title naming the number of briefs.
fn retitle(head: &str, n_briefs: usize) -> String {
    match (head.find("<title>"), head.find("</title>")) {
        (Some(start), Some(end)) if start < end => format!(
            "{}<title>Briefs of {n_briefs} clusters{}",
            &head[..start],
            &head[end..]
        ),
        _ => head.to_string(),
    }
}

/// Prefixes every `id="…"` and `href="#…"` with `prefix`. Only the renderer's own markup can
/// hold these: article text is escaped, so a `"` from it is `&quot;`.
fn prefix_ids(body: &str, prefix: &str) -> String {
    body.replace("id=\"", &format!("id=\"{prefix}"))
        .replace("href=\"#", &format!("href=\"#{prefix}"))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::brief::build_brief;
    use crate::brief::testutil::cluster_of;

    fn values_of<'a>(page: &'a str, attribute: &str) -> Vec<&'a str> {
        page.split(attribute)
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    #[test]
    fn several_briefs_make_one_page_with_contents_and_unique_ids() {
        let texts = [
            "The council approved the new harbour plan on Monday, the mayor said in a statement.",
            "The mayor said on Monday that the council approved the new harbour plan after a debate.",
        ];
        let (first, cleaned, segmented) = cluster_of(&texts);
        let brief = build_brief(&first, &cleaned, &segmented, &[(0, 0)]);
        // The same cluster twice: the worst case for duplicate ids.
        let page = render_html_pages(&[(&brief, &first), (&brief, &first)]);
        assert_eq!(page.matches("<!DOCTYPE html>").count(), 1, "{page}");
        assert_eq!(page.matches("</body></html>").count(), 1, "{page}");
        assert!(
            page.contains("<title>Briefs of 2 clusters</title>"),
            "{page}"
        );
        let ids = values_of(&page, " id=\"");
        let unique: HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
        assert!(
            ids.iter().any(|id| id.starts_with("c2-article-")),
            "{ids:?}"
        );
        for target in values_of(&page, "href=\"#") {
            assert!(unique.contains(target), "link to #{target} has no target");
        }
        assert!(page.contains("<a href=\"#c1\">test</a>"), "{page}");
        assert!(page.contains("<a href=\"#c2\">test</a>"), "{page}");
    }

    #[test]
    fn no_briefs_is_still_a_page() {
        let page = render_html_pages(&[]);
        assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
        assert!(page.ends_with("</body></html>\n"), "{page}");
        assert!(page.contains("0 clusters"), "{page}");
    }
}
