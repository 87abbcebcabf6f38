//! Server-rendered pages: the stories, one story's brief, and a brief of pasted texts. No
//! script, no external asset; every piece of article text goes through maud's escaping, and only
//! http(s) URLs become links.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use newsfuse::brief::Brief;
use newsfuse::model::{Article, Cluster};
use newsfuse_store::{current_story, story_update};
use newsfuse_stories::format_time;
use serde::Deserialize;

use crate::api::{ApiError, StoriesQuery, in_store_range, story_page};
use crate::articles::{StoryItem, is_web_url, now_secs};
use crate::state::AppState;
use newsfuse_store::parse_since;

const STYLE: &str = "
:root{color-scheme:light dark;--muted:#666;--line:#ddd;--warn:#a40}
@media (prefers-color-scheme:dark){:root{--muted:#aaa;--line:#444;--warn:#f96}}
*{box-sizing:border-box}
body{font:17px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:46rem;padding:0 1rem 3rem;overflow-wrap:anywhere}
header{border-bottom:1px solid var(--line);padding:.6rem 0;display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
header a{font-weight:600;text-decoration:none}
h1{font-size:1.5rem;line-height:1.25}h2{font-size:1.15rem;margin-top:2rem}
.muted,small{color:var(--muted)}
.warn{color:var(--warn);font-weight:600}
ol.stories{list-style:none;padding:0}ol.stories li{border-bottom:1px solid var(--line);padding:.8rem 0}
ol.stories a.title{font-size:1.1rem;font-weight:600}
form.search{display:flex;gap:.5rem}form.search input{flex:1;min-width:0;font:inherit;padding:.3rem}
textarea{width:100%;min-height:14rem;font:inherit}
button,input[type=submit]{font:inherit;padding:.3rem .8rem}
sup a{text-decoration:none}
blockquote{margin:.4rem 0 .4rem 1rem;padding-left:.6rem;border-left:3px solid var(--line)}
details{margin:.3rem 0}
.new{border:1px solid var(--line);padding:.3rem 1rem;border-radius:.4rem}
nav.paging{margin-top:1rem}
";

fn page(title: &str, body: &Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · newsfuse" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    a href="/" { "newsfuse" }
                    a href="/" { "Stories" }
                    a href="/brief" { "Brief of your texts" }
                }
                main { (body) }
            }
        }
    }
}

fn html_response(status: StatusCode, markup: Markup) -> Response {
    (status, Html(markup.into_string())).into_response()
}

/// A page saying something went wrong, with the status.
fn error_page(status: StatusCode, message: &str) -> Response {
    html_response(
        status,
        page(
            status.canonical_reason().unwrap_or("Error"),
            &html! {
                h1 { (status.canonical_reason().unwrap_or("Error")) }
                p { (message) }
                p { a href="/" { "Back to the stories" } }
            },
        ),
    )
}

pub fn not_found_page(message: &str) -> Response {
    error_page(StatusCode::NOT_FOUND, message)
}

impl ApiError {
    fn page(self) -> Response {
        error_page(self.status, &self.message)
    }
}

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn day(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `/`: the stories, newest day first and best covered first; a search box; paging.
pub async fn index(
    State(state): State<AppState>,
    query: Result<Query<StoriesQuery>, QueryRejection>,
) -> Response {
    let Ok(Query(query)) = query else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "The address has a malformed query.",
        );
    };
    let q = query.q.clone().unwrap_or_default();
    let list = match story_page(&state, query).await {
        Ok(list) => list,
        Err(e) => return e.page(),
    };
    let body = html! {
        h1 { "Stories" }
        form.search method="get" action="/" role="search" {
            label for="q" class="muted" { "Search" }
            input #q type="search" name="q" value=(q) placeholder="words in titles and summaries";
            input type="submit" value="Search";
        }
        @if list.stories.is_empty() {
            p.muted {
                @if q.trim().is_empty() { "No stories yet. Add articles with POST /v1/articles or `newsfuse ingest`." }
                @else { "No story matches." }
            }
        }
        ol.stories {
            @for story in &list.stories { (story_card(story)) }
        }
        @if let Some(cursor) = &list.next_cursor {
            nav.paging {
                a rel="next" href={ "/?cursor=" (encode(cursor)) @if !q.is_empty() { "&q=" (encode(&q)) } } { "Older stories →" }
            }
        }
    };
    html_response(StatusCode::OK, page("Stories", &body))
}

fn story_card(story: &StoryItem) -> Markup {
    html! {
        li.story {
            a.title href={ "/stories/" (story.id) } { (story.title) }
            @if story.disagreements > 0 {
                " " span.warn title="Sources give different figures" { "⚠ sources disagree" }
            }
            @if let Some(lead) = &story.lead { p { (lead) } }
            small {
                @if story.sources > 0 { (plural(story.sources, "source", "sources")) ", " }
                (plural(story.articles, "article", "articles")) ", "
                (plural(story.independent, "textually independent report", "textually independent reports")) " · "
                time datetime=(story.latest) { (day(&story.latest)) }
            }
        }
    }
}

/// The query of `/stories/{id}`.
#[derive(Debug, Default, Deserialize)]
pub struct StoryPageQuery {
    since: Option<String>,
}

fn cookie_name(id: u64) -> String {
    format!("nf_seen_{id}")
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// `/stories/{id}`: the brief, and what is new since the reader's last visit (a cookie remembers
/// the latest article seen) or since `?since=`.
pub async fn story(
    State(state): State<AppState>,
    id: Result<Path<u64>, PathRejection>,
    query: Result<Query<StoryPageQuery>, QueryRejection>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let Some(id) = id.ok().map(|Path(id)| id).filter(|id| in_store_range(*id)) else {
        return not_found_page("Stories are numbered: /stories/1, /stories/2, …");
    };
    let Ok(Query(query)) = query else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "The address has a malformed query.",
        );
    };
    let asked = match query.since.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(text) => match parse_since(text, now_secs()) {
            Ok(t) => Some(t),
            Err(e) => return error_page(StatusCode::BAD_REQUEST, &e),
        },
        None => None,
    };
    let last_seen: Option<i64> =
        cookie_value(&headers, &cookie_name(id)).and_then(|v| v.parse().ok());
    let summary = state.config().summary.clone();
    let found = state
        .read(move |store| {
            let Some(story) = current_story(store, id, &summary)? else {
                return Ok(store.merged_into(id)?.map(Err));
            };
            // New: after the reader's last visit (the latest article then), or since the time asked.
            let since = asked.or_else(|| last_seen.map(|t| t.saturating_add(1)));
            let update = match since {
                Some(since) if since <= story.row.last_time => {
                    story_update(store, id, since, &summary)?
                }
                _ => None,
            };
            Ok(Some(Ok((story, update, since))))
        })
        .await;
    let (story, update, since) = match found {
        Ok(Some(Ok(found))) => found,
        Ok(Some(Err(into))) => {
            // Merged into another story: its page, with the same query.
            let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
            return Redirect::permanent(&format!("/stories/{into}{query}")).into_response();
        }
        Ok(None) => return not_found_page(&format!("There is no story {id}.")),
        Err(e) => return e.page(),
    };
    let row = &story.row;
    let times: Vec<i64> = story.articles.iter().map(|a| a.time).collect();
    let new_section = html! {
        @if let Some(update) = &update {
            section.new #new {
                h2 { "New since " (since.map(format_time).unwrap_or_default()) }
                p.muted { (plural(update.new_articles.len() as u64, "new article", "new articles")) ", "
                    (plural(update.seen as u64, "article", "articles")) " seen before." }
                @if update.summary.sentences.is_empty() {
                    p { "The new articles add nothing the earlier ones did not say." }
                }
                ul {
                    @for s in &update.summary.sentences {
                        li { (s.text) " " small { "(" (article_name(&update.cluster.articles[s.article])) ")" } }
                    }
                }
            }
        } @else if since.is_some() {
            p.new.muted { "Nothing new since " (since.map(format_time).unwrap_or_default()) "." }
        }
    };
    let heading = html! {
        h1 { (row.title) }
        p.muted {
            (plural(row.articles, "article", "articles")) " from " (plural(row.sources, "source", "sources"))
            ", " (day(&format_time(row.first_time))) " to " (day(&format_time(row.last_time))) ". "
            a href={ "/stories/" (row.id) "?since=" (encode(&format_time(row.last_time))) } { "Link for what comes after this" }
            " · " a href={ "/v1/stories/" (row.id) } { "JSON" }
        }
    };
    let body = html! {
        (heading)
        (new_section)
        (brief_sections(&story.brief, &story.cluster, Some(&times)))
    };
    let mut response = html_response(StatusCode::OK, page(&row.title, &body));
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        cookie_name(id),
        row.last_time
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

fn article_name(article: &Article) -> String {
    match (&article.source, &article.title) {
        (Some(source), Some(title)) => format!("{source}: {title}"),
        (None, Some(title)) => title.clone(),
        (Some(source), None) => source.clone(),
        (None, None) => article.origin.clone(),
    }
}

/// A citation link to an article's entry in the coverage list.
fn cite(brief: &Brief, index: usize) -> Markup {
    let label = brief
        .articles
        .get(index)
        .map_or_else(String::new, |a| a.label.clone());
    html! { sup { a href={ "#a" (index) } title=(label) { "[" (index + 1) "]" } } }
}

fn article_link(article: &Article, text: &str) -> Markup {
    html! {
        @match article.url.as_deref().filter(|u| is_web_url(u)) {
            Some(url) => a href=(url) rel="noopener noreferrer nofollow" { (text) },
            None => span { (text) },
        }
    }
}

/// The brief, as a reader wants it: disagreements, summary (each sentence cited), quotes by
/// speaker, people, places and organisations, coverage (copies folded), timeline.
fn brief_sections(brief: &Brief, cluster: &Cluster, times: Option<&[i64]>) -> Markup {
    let figures = &brief.figures;
    let mut quotes_by_speaker: BTreeMap<String, Vec<&newsfuse::brief::quotes::QuoteGroup>> =
        BTreeMap::new();
    for group in &brief.quotes {
        let speaker = group
            .speaker
            .clone()
            .unwrap_or_else(|| "Unattributed".into());
        quotes_by_speaker.entry(speaker).or_default().push(group);
    }
    let entity_kinds = [
        ("person", "People"),
        ("place", "Places"),
        ("organization", "Organisations"),
    ];
    let mut timeline: Vec<(usize, String)> = cluster
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let when = times
                .and_then(|t| t.get(i))
                .map(|t| format_time(*t))
                .or_else(|| a.published.clone())
                .unwrap_or_default();
            (i, when)
        })
        .collect();
    timeline.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    html! {
        @if !figures.disagreements.is_empty() {
            section #disagreements {
                h2.warn { "Where the sources disagree" }
                ul {
                    @for &q in &figures.disagreements {
                        @if let Some(quantity) = figures.quantities.get(q) {
                            li {
                                strong { (quantity.measure) } ": "
                                @for (n, value) in quantity.values.iter().enumerate() {
                                    @if n > 0 { " · " }
                                    (value.written.first().cloned().unwrap_or_else(|| value.value.to_string()))
                                    @for &a in &value.articles { (cite(brief, a)) }
                                }
                                @if let Some(note) = &quantity.note { br; small { (note) } }
                            }
                        }
                    }
                }
            }
        }
        section #summary {
            h2 { "Summary" }
            @if brief.summary.is_empty() { p.muted { "No sentence could be taken from these articles." } }
            ol {
                @for s in &brief.summary {
                    li {
                        (s.excerpt.text)
                        (cite(brief, s.excerpt.article))
                        @for support in &s.support {
                            @if support.excerpt.article != s.excerpt.article { (cite(brief, support.excerpt.article)) }
                        }
                        @if s.independent_support > 1 {
                            " " small { "(" (plural(s.independent_support as u64, "independent report", "independent reports")) ")" }
                        }
                    }
                }
            }
        }
        @if !quotes_by_speaker.is_empty() {
            section #quotes {
                h2 { "Quotes" }
                @for (speaker, groups) in &quotes_by_speaker {
                    h3 { (speaker) }
                    @for group in groups {
                        blockquote {
                            "“" (group.text) "”"
                            @for &a in &group.articles { (cite(brief, a)) }
                        }
                    }
                }
            }
        }
        @if !brief.entities.is_empty() {
            section #entities {
                h2 { "People, places, organisations" }
                @for (kind, heading) in entity_kinds {
                    @let names: Vec<_> = brief.entities.iter().filter(|e| e.kind == kind).collect();
                    @if !names.is_empty() {
                        h3 { (heading) }
                        p {
                            @for (n, entity) in names.iter().enumerate() {
                                @if n > 0 { ", " }
                                (entity.name) " " small { "(" (entity.articles.len()) ")" }
                            }
                        }
                    }
                }
            }
        }
        section #coverage {
            h2 { "Coverage" }
            p.muted { (plural(brief.coverage.n_articles as u64, "article", "articles")) ", "
                (plural(brief.coverage.n_independent as u64, "independent report", "independent reports")) "." }
            ol {
                @for group in &brief.coverage.groups {
                    @if let Some(article) = cluster.articles.get(group.original) {
                        li id={ "a" (group.original) } {
                            strong { "[" (group.original + 1) "] " }
                            (article_link(article, &article_name(article)))
                            @if !group.derived.is_empty() {
                                details {
                                    summary { (plural(group.derived.len() as u64, "copy", "copies")) " of it" }
                                    ul {
                                        @for derived in &group.derived {
                                            @if let Some(copy) = cluster.articles.get(derived.article) {
                                                li id={ "a" (derived.article) } {
                                                    "[" (derived.article + 1) "] "
                                                    (article_link(copy, &article_name(copy)))
                                                    " " small { "(" (derived.kind) ")" }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        section #timeline {
            h2 { "Timeline" }
            ul {
                @for (i, when) in &timeline {
                    li {
                        time { (day(when)) } " "
                        a href={ "#a" (i) } { (article_name(&cluster.articles[*i])) }
                    }
                }
            }
        }
    }
}

/// `/brief` (GET): paste texts or upload files.
pub async fn brief_form() -> Response {
    html_response(
        StatusCode::OK,
        page("Brief of your texts", &form_body(None)),
    )
}

fn form_body(message: Option<&str>) -> Markup {
    html! {
        h1 { "Brief of your texts" }
        p.muted { "Paste articles about one event (separate them with a line holding only ---) or upload files (text, HTML, cluster JSONL). Nothing is stored." }
        @if let Some(message) = message { p.warn { (message) } }
        form method="post" action="/brief" enctype="multipart/form-data" {
            p { label for="texts" { "Articles" } br; textarea #texts name="texts" {} }
            p { label for="files" { "Files" } br; input #files type="file" name="files" multiple; }
            p { input type="submit" value="Make the brief"; }
        }
    }
}

/// `/brief` (POST): the brief page of the pasted texts and uploaded files.
pub async fn brief_post(State(state): State<AppState>, mut multipart: Multipart) -> Response {
    let mut articles: Vec<Article> = Vec::new();
    let mut notes = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return error_page(e.status(), &e.body_text()),
        };
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(ToString::to_string);
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(e) => return error_page(e.status(), &e.body_text()),
        };
        if name == "texts" {
            let text = String::from_utf8_lossy(&bytes);
            let mut block = String::new();
            let mut flush = |block: &mut String, articles: &mut Vec<Article>| {
                if !block.trim().is_empty() {
                    let origin = format!("pasted text {}", articles.len() + 1);
                    articles.push(newsfuse::ingest::article_from_text(
                        block.trim(),
                        &origin,
                        &mut notes,
                    ));
                }
                block.clear();
            };
            for line in text.lines() {
                if line.trim() == "---" {
                    flush(&mut block, &mut articles);
                } else {
                    block.push_str(line);
                    block.push('\n');
                }
            }
            flush(&mut block, &mut articles);
        } else if name == "files" && !bytes.is_empty() {
            let origin = file_name.unwrap_or_else(|| "upload".into());
            let ingested = newsfuse::ingest::read_bytes(&bytes, &origin);
            for cluster in ingested.clusters.into_iter().flatten() {
                articles.extend(cluster.articles);
            }
        }
    }
    articles.retain(|a| !a.text.trim().is_empty());
    if articles.is_empty() {
        return html_response(
            StatusCode::BAD_REQUEST,
            page(
                "Brief of your texts",
                &form_body(Some("No text was given: paste articles or choose files.")),
            ),
        );
    }
    let cluster = Cluster {
        id: "your texts".into(),
        articles,
    };
    let config = state.config().summary.clone();
    let built = AppState::compute(move || {
        let brief = newsfuse::brief(&cluster, &config);
        Ok((brief, cluster))
    })
    .await;
    let (brief, cluster) = match built {
        Ok(built) => built,
        Err(e) => return e.page(),
    };
    let body = html! {
        h1 { "Brief of your texts" }
        p.muted { (plural(cluster.articles.len() as u64, "article", "articles")) ". Nothing was stored. "
            a href="/brief" { "Another brief" } }
        (brief_sections(&brief, &cluster, None))
    };
    html_response(StatusCode::OK, page("Brief of your texts", &body))
}
