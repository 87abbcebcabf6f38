//! End-to-end tests of the `newsfuse` binary: inputs, formats, budgets, bad input, brief and eval.
//! The harness (corpus, temporary folders, time-limited runs that fail on a panic) is in `support`.

mod support;

use serde_json::Value;
use support::{
    ARTICLE_A, ARTICLE_B, ARTICLE_C, FRENCH, HTML_PAGE, RUSSIAN, TempDir, binary_bytes, newsfuse,
};

const ALGORITHMS: [&str; 7] = [
    "lead", "centroid", "lexrank", "textrank", "mmr", "coverage", "ilp",
];

/// Checks one JSON summary object: the schema fields, and that every sentence's span cuts exactly
/// its text out of the article it cites (`articles` are the texts as written to the input).
fn check_summary_json(summary: &Value, id: &str, articles: &[&str]) {
    assert_eq!(summary["schema_version"], "3.0.0", "{summary}");
    assert_eq!(summary["id"], id, "{summary}");
    assert_eq!(summary["n_articles"], articles.len(), "{summary}");
    let sentences = summary["sentences"]
        .as_array()
        .expect("sentences is an array");
    assert!(!sentences.is_empty(), "empty summary: {summary}");
    let mut joined = Vec::new();
    for sentence in sentences {
        let article = usize::try_from(sentence["article"].as_u64().expect("article index"))
            .expect("small index");
        let start =
            usize::try_from(sentence["start"].as_u64().expect("start")).expect("small offset");
        let end = usize::try_from(sentence["end"].as_u64().expect("end")).expect("small offset");
        assert!(sentence["sentence"].is_u64(), "{sentence}");
        let text = sentence["text"].as_str().expect("sentence text");
        assert_eq!(
            &articles[article][start..end],
            text,
            "span {start}..{end} of article {article}"
        );
        for other in sentence["also_in"].as_array().expect("also_in is an array") {
            let other =
                usize::try_from(other.as_u64().expect("article index")).expect("small index");
            assert!(other < articles.len() && other != article, "{sentence}");
        }
        joined.push(text);
    }
    assert_eq!(summary["summary"], joined.join("\n"));
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

// ---------------------------------------------------------------- inputs

#[test]
fn summarizes_files() {
    let dir = TempDir::with_cluster("files");
    let out = newsfuse(
        &dir,
        &["summarize", "a.txt", "b.txt", "c.txt", "--sentences", "3"],
    )
    .run()
    .success()
    .stderr_empty();
    let sentences = out.sentences();
    assert_eq!(sentences.len(), 3, "{}", out.stdout);
    for sentence in sentences {
        assert!(
            [ARTICLE_A, ARTICLE_B, ARTICLE_C]
                .iter()
                .any(|a| a.contains(sentence)),
            "not extracted: {sentence}"
        );
    }
}

#[test]
fn summarizes_a_folder_as_one_cluster() {
    let dir = TempDir::new("folder");
    dir.write("story/a.txt", ARTICLE_A);
    dir.write("story/b.txt", ARTICLE_B);
    dir.write("story/c.txt", ARTICLE_C);
    let out = newsfuse(&dir, &["summarize", "story", "--format", "json"])
        .run()
        .success();
    let lines = out.json_lines();
    assert_eq!(lines.len(), 1);
    check_summary_json(&lines[0], "story", &[ARTICLE_A, ARTICLE_B, ARTICLE_C]);
}

/// Regression: `summarize .` named the cluster `.`.
#[test]
fn current_folder_cluster_is_named_after_the_folder() {
    let dir = TempDir::new("dot");
    dir.write("story/a.txt", ARTICLE_A);
    let mut cmd = newsfuse(&dir, &["summarize", ".", "--format", "json"]);
    cmd.current_dir(&dir.path().join("story"));
    let out = cmd.run().success();
    check_summary_json(&out.json_lines()[0], "story", &[ARTICLE_A]);
}

#[test]
fn summarizes_plain_text_from_stdin() {
    let dir = TempDir::new("stdin");
    let out = newsfuse(&dir, &["summarize", "-", "--format", "json"])
        .stdin(ARTICLE_A)
        .run()
        .success();
    check_summary_json(&out.json_lines()[0], "stdin", &[ARTICLE_A]);
}

#[test]
fn summarizes_jsonl_file_one_json_line_per_cluster() {
    let dir = TempDir::new("jsonl-file");
    let line1 = serde_json::json!({"id": "park", "documents": [ARTICLE_A, ARTICLE_B]});
    let line2 = serde_json::json!({"id": "vote", "documents": [ARTICLE_C, ARTICLE_A]});
    dir.write("clusters.jsonl", format!("{line1}\n\n{line2}\n"));
    let out = newsfuse(
        &dir,
        &[
            "summarize",
            "clusters.jsonl",
            "--format",
            "json",
            "--sentences",
            "2",
        ],
    )
    .run()
    .success();
    let lines = out.json_lines();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    check_summary_json(&lines[0], "park", &[ARTICLE_A, ARTICLE_B]);
    check_summary_json(&lines[1], "vote", &[ARTICLE_C, ARTICLE_A]);
}

#[test]
fn summarizes_jsonl_from_stdin() {
    let dir = TempDir::new("jsonl-stdin");
    let line1 = serde_json::json!({"id": 1, "documents": [ARTICLE_A, ARTICLE_B]});
    let line2 = serde_json::json!({"id": "two", "documents": [ARTICLE_B, ARTICLE_C]});
    let out = newsfuse(&dir, &["summarize", "-", "--format", "json"])
        .stdin(format!("{line1}\n{line2}\n"))
        .run()
        .success();
    let lines = out.json_lines();
    assert_eq!(lines.len(), 2);
    check_summary_json(&lines[0], "1", &[ARTICLE_A, ARTICLE_B]);
    check_summary_json(&lines[1], "two", &[ARTICLE_B, ARTICLE_C]);
}

#[test]
fn rich_jsonl_documents_keep_their_metadata() {
    let dir = TempDir::new("rich");
    let line = serde_json::json!({"id": "rich", "documents": [
        {"title": "Park vote", "text": ARTICLE_C, "url": "https://example.com/c", "source": "Example", "published": "2025-03-04"},
        {"text": ARTICLE_B},
    ]});
    dir.write("rich.jsonl", format!("{line}\n"));
    let out = newsfuse(&dir, &["summarize", "rich.jsonl", "--format", "json"])
        .run()
        .success();
    let summary = &out.json_lines()[0];
    check_summary_json(summary, "rich", &[ARTICLE_C, ARTICLE_B]);
    let first = &summary["articles"][0];
    assert_eq!(first["title"], "Park vote");
    assert_eq!(first["url"], "https://example.com/c");
    assert_eq!(first["source"], "Example");
    assert_eq!(first["published"], "2025-03-04");
    assert_eq!(summary["articles"][1]["title"], Value::Null);
}

#[test]
fn multinews_format_is_split_into_articles() {
    let dir = TempDir::new("multinews");
    let encode = |text: &str| text.replace('\n', "NEWLINE_CHAR");
    dir.write(
        "story.src",
        format!("{} ||||| {} |||||", encode(ARTICLE_A), encode(ARTICLE_B)),
    );
    let out = newsfuse(
        &dir,
        &[
            "summarize",
            "story.src",
            "--format",
            "json",
            "--sentences",
            "3",
        ],
    )
    .run()
    .success();
    let summary = &out.json_lines()[0];
    assert_eq!(summary["n_articles"], 2, "{summary}");
    let text = summary["summary"].as_str().expect("summary");
    assert!(
        !text.contains("NEWLINE_CHAR") && !text.contains("|||||"),
        "{text}"
    );
    // Spans point into the decoded articles: the originals, trimmed.
    check_summary_json(summary, "story", &[ARTICLE_A.trim(), ARTICLE_B.trim()]);
}

#[test]
fn html_page_is_summarized_without_its_clutter() {
    let dir = TempDir::new("html");
    dir.write("page.html", HTML_PAGE);
    let out = newsfuse(&dir, &["summarize", "page.html"]).run().success();
    out.stdout_has("riverside park")
        .stdout_lacks("Home")
        .stdout_lacks("menu")
        .stdout_lacks("newsletter")
        .stdout_lacks("Copyright")
        .stdout_lacks("cookie")
        .stdout_lacks("<");
    let json = newsfuse(&dir, &["summarize", "page.html", "--format", "json"])
        .run()
        .success();
    assert_eq!(
        json.json_lines()[0]["articles"][0]["title"],
        "Council approves riverside park"
    );
}

#[test]
fn markdown_has_citations_and_sources() {
    let dir = TempDir::with_cluster("markdown");
    let out = newsfuse(
        &dir,
        &[
            "summarize",
            "a.txt",
            "b.txt",
            "c.txt",
            "--format",
            "markdown",
        ],
    )
    .run()
    .success();
    assert!(out.stdout.starts_with("## Summary of "), "{}", out.stdout);
    out.stdout_has("- ")
        .stdout_has("[1]")
        .stdout_has("### Sources")
        .stdout_has("1. a.txt")
        .stdout_has("3. c.txt");
}

#[test]
fn several_clusters_in_text_get_headings() {
    let dir = TempDir::new("headings");
    let line1 = serde_json::json!({"id": "first", "documents": [ARTICLE_A]});
    let line2 = serde_json::json!({"id": "second", "documents": [ARTICLE_C]});
    dir.write("two.jsonl", format!("{line1}\n{line2}\n"));
    newsfuse(&dir, &["summarize", "two.jsonl"])
        .run()
        .success()
        .stdout_has("# first\n")
        .stdout_has("\n# second\n");
}

// ---------------------------------------------------------------- options

#[test]
fn word_budget_is_respected() {
    let dir = TempDir::with_cluster("words");
    for budget in [30, 60, 100] {
        let out = newsfuse(
            &dir,
            &[
                "summarize",
                "a.txt",
                "b.txt",
                "c.txt",
                "--words",
                &budget.to_string(),
            ],
        )
        .run()
        .success();
        let n_words = word_count(&out.stdout);
        assert!(
            n_words > 0 && n_words <= budget,
            "{n_words} words for a budget of {budget}:\n{}",
            out.stdout
        );
    }
}

#[test]
fn char_budget_is_respected() {
    let dir = TempDir::with_cluster("chars");
    for budget in [200, 400] {
        let out = newsfuse(
            &dir,
            &[
                "summarize",
                "a.txt",
                "b.txt",
                "c.txt",
                "--chars",
                &budget.to_string(),
            ],
        )
        .run()
        .success();
        let n_chars = out.stdout.trim_end().chars().count();
        assert!(
            n_chars > 0 && n_chars <= budget,
            "{n_chars} chars for a budget of {budget}:\n{}",
            out.stdout
        );
    }
}

#[test]
fn sentence_budget_is_respected() {
    let dir = TempDir::with_cluster("sentences");
    for budget in [1, 2, 4] {
        let out = newsfuse(
            &dir,
            &[
                "summarize",
                "a.txt",
                "b.txt",
                "c.txt",
                "--sentences",
                &budget.to_string(),
                "--format",
                "json",
            ],
        )
        .run()
        .success();
        let summary = &out.json_lines()[0];
        check_summary_json(summary, "cluster", &[ARTICLE_A, ARTICLE_B, ARTICLE_C]);
        assert_eq!(
            summary["sentences"].as_array().expect("sentences").len(),
            budget,
            "{summary}"
        );
        assert_eq!(summary["budget"]["sentences"], budget);
    }
}

/// Regression: a budget smaller than every sentence gave an empty summary without a word.
#[test]
fn too_small_budget_warns_that_the_summary_is_empty() {
    let dir = TempDir::with_cluster("tiny-budget");
    for flag in [["--chars", "20"], ["--words", "3"], ["--sentences", "0"]] {
        let args = ["summarize", "a.txt", flag[0], flag[1]];
        let out = newsfuse(&dir, &args)
            .run()
            .success()
            .stderr_has("no sentence fits the budget");
        assert!(out.stdout.trim().is_empty(), "{}", out.stdout);
    }
}

#[test]
fn conflicting_budgets_are_a_usage_error() {
    let dir = TempDir::with_cluster("conflict");
    newsfuse(
        &dir,
        &["summarize", "a.txt", "--words", "5", "--chars", "6"],
    )
    .run()
    .code(2)
    .stderr_has("cannot be used with");
    newsfuse(
        &dir,
        &[
            "summarize",
            "a.txt",
            "--min-words",
            "20",
            "--max-words",
            "10",
        ],
    )
    .run()
    .code(2)
    .stderr_has("--min-words (20) is larger than --max-words (10)");
}

#[test]
fn every_algorithm_summarizes() {
    let dir = TempDir::with_cluster("algorithms");
    for name in ALGORITHMS {
        let out = newsfuse(
            &dir,
            &[
                "summarize",
                "a.txt",
                "b.txt",
                "c.txt",
                "--algorithm",
                name,
                "--words",
                "80",
                "--format",
                "json",
            ],
        )
        .run()
        .success();
        let summary = &out.json_lines()[0];
        assert_eq!(summary["algorithm"], name);
        check_summary_json(summary, "cluster", &[ARTICLE_A, ARTICLE_B, ARTICLE_C]);
        assert!(
            word_count(summary["summary"].as_str().expect("summary")) <= 80,
            "{name}: {summary}"
        );
    }
}

#[test]
fn unknown_algorithm_is_a_usage_error_listing_the_names() {
    let dir = TempDir::with_cluster("bad-algorithm");
    newsfuse(&dir, &["summarize", "a.txt", "--algorithm", "magic"])
        .run()
        .code(2)
        .stderr_has("unknown algorithm \"magic\"")
        .stderr_has("lead, centroid, lexrank, textrank, mmr, coverage, ilp");
    assert!(
        newsfuse(&dir, &["summarize", "a.txt", "--algorithm", "magic"])
            .run()
            .stdout
            .is_empty()
    );
}

// ---------------------------------------------------------------- bad input

#[test]
fn no_arguments_is_a_usage_error() {
    let dir = TempDir::new("no-args");
    newsfuse(&dir, &[]).run().code(2).stderr_has("Usage");
    newsfuse(&dir, &["summarize"])
        .run()
        .code(2)
        .stderr_has("required")
        .stderr_has("<INPUTS>");
    newsfuse(&dir, &["brief"])
        .run()
        .code(2)
        .stderr_has("required");
}

#[test]
fn empty_file_is_reported_and_exits_2() {
    let dir = TempDir::new("empty-file");
    dir.write("empty.txt", "");
    let out = newsfuse(&dir, &["summarize", "empty.txt"])
        .run()
        .code(2)
        .stderr_has("article is empty")
        .stderr_has("no article has any text");
    assert!(out.stdout.trim().is_empty(), "{}", out.stdout);
}

#[test]
fn empty_stdin_is_reported_and_exits_2() {
    let dir = TempDir::new("empty-stdin");
    newsfuse(&dir, &["summarize", "-"])
        .stdin("")
        .run()
        .code(2)
        .stderr_has("stdin: no article has any text");
}

#[test]
fn whitespace_only_article_is_reported_and_exits_2() {
    let dir = TempDir::new("whitespace");
    dir.write("blank.txt", "  \n\t\n   \r\n");
    newsfuse(&dir, &["summarize", "blank.txt"])
        .run()
        .code(2)
        .stderr_has("article is empty");
}

#[test]
fn empty_article_beside_good_ones_is_skipped_with_a_warning() {
    let dir = TempDir::with_cluster("empty-beside");
    dir.write("empty.txt", "");
    newsfuse(
        &dir,
        &["summarize", "a.txt", "empty.txt", "--sentences", "1"],
    )
    .run()
    .success()
    .stdout_has("riverside park")
    .stderr_has("(empty.txt) is empty; skipped");
}

#[test]
fn empty_jsonl_cluster_is_an_error_for_that_line_only() {
    let dir = TempDir::new("empty-jsonl");
    let good = serde_json::json!({"id": "good", "documents": [ARTICLE_A]});
    dir.write(
        "c.jsonl",
        format!("{{\"id\": \"none\", \"documents\": []}}\n{good}\n"),
    );
    let out = newsfuse(&dir, &["summarize", "c.jsonl", "--format", "json"])
        .run()
        .code(1)
        .stderr_has("none: no article has any text");
    let lines = out.json_lines();
    assert_eq!(lines.len(), 1);
    check_summary_json(&lines[0], "good", &[ARTICLE_A]);
}

#[test]
fn single_article_is_summarized() {
    let dir = TempDir::with_cluster("single");
    let out = newsfuse(&dir, &["summarize", "a.txt", "--format", "json"])
        .run()
        .success()
        .stderr_empty();
    let summary = &out.json_lines()[0];
    check_summary_json(summary, "a", &[ARTICLE_A]);
    for sentence in summary["sentences"].as_array().expect("sentences") {
        assert_eq!(sentence["also_in"], serde_json::json!([]));
    }
}

#[test]
fn cluster_of_1000_short_articles_is_summarized() {
    let dir = TempDir::new("thousand");
    for idx in 0..1000 {
        dir.write(
            &format!("many/{idx:04}.txt"),
            format!(
                "Officials in district {idx} reported that the riverside park project number {idx} was approved by the council on Tuesday after a long debate. \
                 The budget for site {idx} is {} thousand dollars according to the city office.",
                idx * 3
            ),
        );
    }
    let out = newsfuse(
        &dir,
        &["summarize", "many", "--format", "json", "--sentences", "5"],
    )
    .run()
    .success();
    let summary = &out.json_lines()[0];
    assert_eq!(summary["id"], "many");
    assert_eq!(summary["n_articles"], 1000);
    assert_eq!(summary["sentences"].as_array().expect("sentences").len(), 5);
}

/// 50 MB takes about 26 s in a debug build (linear: 10 MB takes about 6 s), over the time limit of
/// this suite; 10 MB exercises the same path.
#[test]
fn ten_megabyte_article_finishes() {
    let dir = TempDir::new("large");
    let mut text = String::with_capacity(10_000_000 + ARTICLE_A.len());
    let mut idx = 0;
    while text.len() < 10_000_000 {
        text.push_str(&ARTICLE_A.replace("Tuesday", &format!("day {idx}")));
        text.push('\n');
        idx += 1;
    }
    dir.write("large.txt", &text);
    let out = newsfuse(&dir, &["summarize", "large.txt", "--sentences", "3"])
        .run()
        .success();
    assert_eq!(out.sentences().len(), 3, "{}", out.stdout);
}

#[test]
fn binary_file_alone_is_refused_with_exit_2() {
    let dir = TempDir::new("binary");
    dir.write("blob.bin", binary_bytes(4096));
    let out = newsfuse(&dir, &["summarize", "blob.bin"])
        .run()
        .code(2)
        .stderr_has("blob.bin")
        .stderr_has("binary");
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn binary_on_stdin_is_refused_with_exit_2() {
    let dir = TempDir::new("binary-stdin");
    newsfuse(&dir, &["summarize", "-"])
        .stdin(binary_bytes(1000))
        .run()
        .code(2)
        .stderr_has("stdin")
        .stderr_has("binary");
}

#[test]
fn binary_file_beside_good_ones_exits_1_and_still_summarizes() {
    let dir = TempDir::with_cluster("binary-beside");
    dir.write("blob.bin", binary_bytes(4096));
    let out = newsfuse(
        &dir,
        &[
            "summarize",
            "a.txt",
            "blob.bin",
            "b.txt",
            "--format",
            "json",
        ],
    )
    .run()
    .code(1)
    .stderr_has("binary");
    let summary = &out.json_lines()[0];
    check_summary_json(summary, "cluster", &[ARTICLE_A, ARTICLE_B]);
}

#[test]
fn latin1_file_is_decoded_with_a_note() {
    let dir = TempDir::new("latin1");
    let latin1: Vec<u8> = "Le conseil municipal a approuvé mardi un nouveau parc au bord de la rivière, après trois années de débat très animé.\n"
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 character"))
        .collect();
    dir.write("latin1.txt", latin1);
    newsfuse(&dir, &["summarize", "latin1.txt"])
        .run()
        .success()
        .stdout_has("approuvé mardi")
        .stdout_has("rivière")
        .stderr_has("latin1.txt: not UTF-8; decoded as");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = TempDir::new("utf16");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(ARTICLE_A.encode_utf16().flat_map(u16::to_le_bytes));
    dir.write("le.txt", &bytes);
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(ARTICLE_B.encode_utf16().flat_map(u16::to_be_bytes));
    dir.write("be.txt", &bytes);
    newsfuse(&dir, &["summarize", "le.txt", "be.txt", "--format", "json"])
        .run()
        .success()
        .stderr_has("le.txt: decoded from UTF-16LE")
        .stderr_has("be.txt: decoded from UTF-16BE")
        .stdout_has("riverside park");
}

#[test]
fn malformed_jsonl_line_is_named_and_the_others_are_output() {
    let dir = TempDir::new("malformed");
    let good1 = serde_json::json!({"id": "park", "documents": [ARTICLE_A, ARTICLE_B]});
    let good3 = serde_json::json!({"id": "vote", "documents": [ARTICLE_C]});
    dir.write(
        "mixed.jsonl",
        format!("{good1}\n{{\"id\": \"broken\", \"documents\": [\n{good3}\n"),
    );
    let out = newsfuse(&dir, &["summarize", "mixed.jsonl", "--format", "json"])
        .run()
        .code(1)
        .stderr_has("mixed.jsonl line 2:");
    let lines = out.json_lines();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    check_summary_json(&lines[0], "park", &[ARTICLE_A, ARTICLE_B]);
    check_summary_json(&lines[1], "vote", &[ARTICLE_C]);
    // The same from stdin.
    let good = serde_json::json!({"id": "park", "documents": [ARTICLE_A]});
    newsfuse(&dir, &["summarize", "-"])
        .stdin(format!("{good}\nnot json\n"))
        .run()
        .code(1)
        .stderr_has("stdin line 2:")
        .stdout_has("riverside park");
}

#[test]
fn non_english_articles_give_extracted_sentences() {
    let dir = TempDir::new("non-english");
    dir.write("fr.txt", FRENCH);
    dir.write("ru.txt", RUSSIAN);
    let out = newsfuse(
        &dir,
        &[
            "summarize",
            "fr.txt",
            "ru.txt",
            "--format",
            "json",
            "--sentences",
            "2",
        ],
    )
    .run()
    .success();
    check_summary_json(&out.json_lines()[0], "cluster", &[FRENCH, RUSSIAN]);
    for (name, text) in [("fr.txt", FRENCH), ("ru.txt", RUSSIAN)] {
        let out = newsfuse(&dir, &["summarize", name]).run().success();
        assert!(!out.sentences().is_empty(), "{name}: empty summary");
        for sentence in out.sentences() {
            assert!(text.contains(sentence), "{name}: not extracted: {sentence}");
        }
    }
}

#[test]
fn nonexistent_path_is_a_clear_error() {
    let dir = TempDir::new("missing");
    newsfuse(&dir, &["summarize", "no-such-file.txt"])
        .run()
        .code(2)
        .stderr_has("cannot read no-such-file.txt");
}

#[test]
fn nonexistent_path_beside_a_good_one_exits_1() {
    let dir = TempDir::with_cluster("missing-beside");
    newsfuse(&dir, &["summarize", "a.txt", "no-such-file.txt"])
        .run()
        .code(1)
        .stderr_has("cannot read no-such-file.txt")
        .stdout_has("riverside park");
}

#[test]
fn folder_with_no_files_is_a_clear_error() {
    let dir = TempDir::new("empty-folder");
    std::fs::create_dir_all(dir.path().join("nothing")).expect("create folder");
    dir.write("hidden/.keep", "hidden files are not articles");
    newsfuse(&dir, &["summarize", "nothing"])
        .run()
        .code(2)
        .stderr_has("folder nothing has no files");
    newsfuse(&dir, &["summarize", "hidden"])
        .run()
        .code(2)
        .stderr_has("has no files");
}

#[test]
fn closed_stdout_is_not_an_error() {
    let dir = TempDir::new("closed-stdout");
    let line = serde_json::json!({"id": "c", "documents": [ARTICLE_A, ARTICLE_B]}).to_string();
    dir.write("many.jsonl", format!("{line}\n").repeat(300));
    let out = newsfuse(&dir, &["summarize", "many.jsonl", "--format", "json"])
        .run_with_stdout_closed_early()
        .success();
    assert_eq!(out.stdout, "{");
    newsfuse(&dir, &["brief", "many.jsonl"])
        .run_with_stdout_closed_early()
        .success();
}

// ---------------------------------------------------------------- brief

#[test]
fn brief_markdown() {
    let dir = TempDir::with_cluster("brief-md");
    let out = newsfuse(&dir, &["brief", "a.txt", "b.txt", "c.txt"])
        .run()
        .success();
    out.stdout_has("# Brief: cluster")
        .stdout_has("3 articles")
        .stdout_has("## Summary")
        .stdout_has("riverside park");
}

#[test]
fn brief_json_parses() {
    let dir = TempDir::with_cluster("brief-json");
    let out = newsfuse(
        &dir,
        &["brief", "a.txt", "b.txt", "c.txt", "--format", "json"],
    )
    .run()
    .success();
    let brief: Value = serde_json::from_str(&out.stdout).expect("the brief is one JSON document");
    assert_eq!(brief["cluster_id"], "cluster");
    assert_eq!(brief["articles"].as_array().expect("articles").len(), 3);
    assert_eq!(brief["articles"][0]["origin"], "a.txt");
    assert!(
        !brief["summary"].as_array().expect("summary").is_empty(),
        "{brief}"
    );
}

#[test]
fn brief_html_escapes_script_in_article_text() {
    let dir = TempDir::with_cluster("brief-html");
    dir.write(
        "xss.txt",
        "The council said on Tuesday that the <script>alert(\"x\")</script> tag found in the park report was a harmless typo by staff.\n\n\
         The city council voted on Tuesday to approve a new riverside park on the site of the old rail yard after a debate.\n",
    );
    let out = newsfuse(&dir, &["brief", "xss.txt", "a.txt", "--format", "html"])
        .run()
        .success();
    out.stdout_has("&lt;script&gt;alert(")
        .stdout_lacks("<script>alert")
        .stdout_has("riverside park");
}

#[test]
fn brief_json_of_several_clusters_is_json_lines() {
    let dir = TempDir::new("brief-jsonl");
    let lines: Vec<String> = ["first", "second", "third"]
        .iter()
        .map(|id| serde_json::json!({"id": id, "documents": [ARTICLE_A, ARTICLE_B]}).to_string())
        .collect();
    dir.write("three.jsonl", lines.join("\n") + "\n");
    let out = newsfuse(&dir, &["brief", "three.jsonl", "--format", "json"])
        .run()
        .success();
    assert_eq!(
        out.stdout.lines().count(),
        3,
        "one line per brief:\n{}",
        out.stdout
    );
    let briefs = out.json_lines();
    let ids: Vec<&str> = briefs
        .iter()
        .map(|b| b["cluster_id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["first", "second", "third"]);
    for brief in &briefs {
        assert_eq!(
            brief["schema_version"],
            newsfuse::brief::SCHEMA_VERSION,
            "{brief}"
        );
    }
}

/// The values of an HTML attribute, in page order.
fn attribute_values<'a>(page: &'a str, attribute: &str) -> Vec<&'a str> {
    page.split(&format!(" {attribute}=\""))
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn brief_html_of_several_clusters_is_one_page_with_contents_and_unique_ids() {
    let dir = TempDir::new("brief-html-many");
    let one = serde_json::json!({"id": "park", "documents": [ARTICLE_A, ARTICLE_B]});
    let two = serde_json::json!({"id": "vote", "documents": [ARTICLE_C, ARTICLE_A]});
    dir.write("two.jsonl", format!("{one}\n{two}\n"));
    let out = newsfuse(&dir, &["brief", "two.jsonl", "--format", "html"])
        .run()
        .success()
        .stdout_has("<a href=\"#c1\">park</a>")
        .stdout_has("<a href=\"#c2\">vote</a>");
    assert_eq!(out.stdout.matches("<!DOCTYPE html>").count(), 1);
    assert_eq!(out.stdout.matches("<html").count(), 1);
    let ids = attribute_values(&out.stdout, "id");
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    for target in attribute_values(&out.stdout, "href") {
        if let Some(id) = target.strip_prefix('#') {
            assert!(unique.contains(id), "link to #{id} has no target");
        }
    }
}

#[test]
fn brief_out_dir_writes_one_file_per_cluster() {
    let dir = TempDir::new("brief-out-dir");
    let one = serde_json::json!({"id": "park", "documents": [ARTICLE_A, ARTICLE_B]});
    let two = serde_json::json!({"id": "a/b", "documents": [ARTICLE_C, ARTICLE_A]});
    let three = serde_json::json!({"id": "a?b", "documents": [ARTICLE_B, ARTICLE_C]});
    dir.write("three.jsonl", format!("{one}\n{two}\n{three}\n"));
    newsfuse(
        &dir,
        &["brief", "three.jsonl", "--format", "html", "--out", "pages"],
    )
    .run()
    .success()
    .stderr_has("wrote 3 files");
    for (name, id) in [
        ("park.html", "park"),
        ("a_b.html", "a/b"),
        ("a_b-2.html", "a?b"),
    ] {
        let page = dir.read(&format!("pages/{name}"));
        assert!(page.starts_with("<!DOCTYPE html>"), "{name}");
        assert!(
            page.contains(&format!("<h1>Brief: {id}</h1>")),
            "{name}: {page}"
        );
    }
}

/// Every `<` of Markdown output comes escaped (`\<`), so no raw HTML reaches a renderer.
fn assert_no_raw_html(markdown: &str) {
    for (at, _) in markdown.match_indices('<') {
        assert!(
            markdown[..at].ends_with('\\'),
            "raw `<` at byte {at}: {}",
            &markdown[at.saturating_sub(40)..(at + 40).min(markdown.len())]
        );
    }
}

#[test]
fn markdown_escapes_markup_from_article_text() {
    let dir = TempDir::with_cluster("md-escape");
    let hostile = "The city council voted on Tuesday <img src=x onerror=alert(1)> to approve a new riverside park on the old rail yard.\n\n\
                   The [park plan](javascript:alert(2)) will cost 12 million dollars and open in two years, the mayor said on Tuesday.\n";
    dir.write("hostile.txt", hostile);
    let summary = newsfuse(
        &dir,
        &[
            "summarize",
            "hostile.txt",
            "a.txt",
            "--format",
            "markdown",
            "--algorithm",
            "lead",
        ],
    )
    .run()
    .success()
    .stdout_has("\\<img src=x onerror=alert(1)\\>");
    assert_no_raw_html(&summary.stdout);
    let brief = newsfuse(
        &dir,
        &["brief", "hostile.txt", "a.txt", "--algorithm", "lead"],
    )
    .run()
    .success()
    .stdout_has("\\<img src=x onerror=alert(1)\\>")
    .stdout_lacks("[park plan](javascript");
    assert_no_raw_html(&brief.stdout);
}

#[test]
fn an_article_of_only_links_exits_2_with_a_reason() {
    let dir = TempDir::new("only-links");
    dir.write(
        "links.txt",
        "https://example.com/news/2024/story-one\nhttp://example.org/a?b=c&d=e\nwww.example.net/more\n",
    );
    for command in ["summarize", "brief"] {
        let out = newsfuse(&dir, &[command, "links.txt"])
            .run()
            .code(2)
            .stderr_has("nothing usable is left");
        assert!(out.stdout.trim().is_empty(), "{command}: {}", out.stdout);
    }
    // Beside a usable article, the cluster is summarized from that one.
    dir.write("a.txt", ARTICLE_A);
    newsfuse(&dir, &["summarize", "links.txt", "a.txt"])
        .run()
        .success()
        .stdout_has("riverside park");
}

#[test]
fn help_lists_every_algorithm_with_a_line_and_every_subcommand_has_an_example() {
    let dir = TempDir::new("help");
    let names = [
        "lead", "centroid", "lexrank", "textrank", "mmr", "coverage", "ilp", "learned",
    ];
    for command in ["summarize", "brief", "eval"] {
        let out = newsfuse(&dir, &[command, "--help"]).run().success();
        for name in names {
            assert!(
                out.stdout.lines().any(|line| line
                    .trim_start()
                    .trim_start_matches("- ")
                    .starts_with(name)
                    && line.split_whitespace().count() >= 4),
                "`{command} --help` has no line describing {name}:\n{}",
                out.stdout
            );
        }
    }
    for command in [
        "summarize",
        "brief",
        "eval",
        "eval-extraction",
        "eval-brief",
        "train",
        "completions",
        "man",
    ] {
        let out = newsfuse(&dir, &[command, "--help"]).run().success();
        assert!(
            out.stdout.contains("Example") && out.stdout.contains("  newsfuse "),
            "`{command} --help` has no example:\n{}",
            out.stdout
        );
    }
}

#[test]
fn completions_and_man_page() {
    let dir = TempDir::new("completions");
    newsfuse(&dir, &["completions", "bash"])
        .run()
        .success()
        .stdout_has("_newsfuse()")
        .stdout_has("summarize");
    newsfuse(&dir, &["completions", "zsh"])
        .run()
        .success()
        .stdout_has("#compdef newsfuse");
    newsfuse(&dir, &["completions", "fish"])
        .run()
        .success()
        .stdout_has("complete -c newsfuse");
    newsfuse(&dir, &["man"])
        .run()
        .success()
        .stdout_has(".TH newsfuse 1")
        .stdout_has("summarize");
    newsfuse(&dir, &["man", "brief"])
        .run()
        .success()
        .stdout_has(".TH newsfuse-brief 1")
        .stdout_has("\\-\\-format");
    newsfuse(&dir, &["man", "nope"])
        .run()
        .code(2)
        .stderr_has("no subcommand");
}

// ---------------------------------------------------------------- eval

/// A dataset of two clusters with reference summaries, and a peers file for them.
fn eval_dir(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    let c1 = serde_json::json!({"id": "c1", "documents": [ARTICLE_A, ARTICLE_B],
        "summaries": ["The city council approved a riverside park on the old rail yard. It will cost 12 million dollars."]});
    let c2 = serde_json::json!({"id": "c2", "documents": [ARTICLE_C, {"text": ARTICLE_B}],
        "summaries": ["The council vote was seven to two. Business owners welcomed the park."]});
    dir.write("data.jsonl", format!("{c1}\n{c2}\n"));
    let p1 = serde_json::json!({"id": "c1", "system": "oracle", "summary": "The city council approved a riverside park on the old rail yard."});
    let p2 = serde_json::json!({"id": "c2", "system": "oracle", "summary": "The vote was seven to two."});
    dir.write("peers.jsonl", format!("{p1}\n{p2}\n"));
    dir
}

#[test]
fn eval_with_peers_writes_per_cluster_outputs() {
    let dir = eval_dir("eval-out");
    newsfuse(
        &dir,
        &[
            "eval",
            "--data",
            "data.jsonl",
            "--peers",
            "peers.jsonl",
            "--out",
            "results",
            "--words",
            "40",
        ],
    )
    .run()
    .success()
    .stdout_has("2 clusters from data.jsonl")
    .stdout_has("newsfuse-coverage")
    .stdout_has("oracle")
    .stdout_has("R1-F");
    let csv = dir.read("results/per_cluster.csv");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0], "system,id,R1-F,R2-F,RL-F,RLsum-F,seconds,words",
        "{csv}"
    );
    assert_eq!(rows.len(), 5, "{csv}");
    for expected in [
        "newsfuse-coverage,c1,",
        "newsfuse-coverage,c2,",
        "oracle,c1,",
        "oracle,c2,",
    ] {
        assert!(
            rows.iter().any(|row| row.starts_with(expected)),
            "no {expected} row:\n{csv}"
        );
    }
    let summaries = dir.read("results/summaries.jsonl");
    let lines: Vec<Value> = summaries
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 4, "{summaries}");
    assert!(lines.iter().any(|l| l["system"] == "oracle"
        && l["id"] == "c2"
        && l["summary"] == "The vote was seven to two."));
    assert!(
        lines
            .iter()
            .filter(|l| l["system"] == "newsfuse-coverage")
            .all(|l| word_count(l["summary"].as_str().expect("text")) <= 40)
    );
}

#[test]
fn eval_json_table() {
    let dir = eval_dir("eval-json");
    let out = newsfuse(
        &dir,
        &[
            "eval",
            "--data",
            "data.jsonl",
            "--json",
            "--algorithm",
            "lead,coverage",
        ],
    )
    .run()
    .success();
    let table: Value = serde_json::from_str(&out.stdout).expect("one JSON array");
    let systems: Vec<&str> = table
        .as_array()
        .expect("array")
        .iter()
        .map(|s| s["system"].as_str().expect("system"))
        .collect();
    assert!(
        systems.contains(&"newsfuse-lead") && systems.contains(&"newsfuse-coverage"),
        "{systems:?}"
    );
    for system in table.as_array().expect("array") {
        assert_eq!(system["n"], 2);
        assert_eq!(system["measures"].as_array().expect("measures").len(), 4);
    }
}

#[test]
fn eval_min_score_above_100_fails_with_exit_1() {
    let dir = eval_dir("eval-floor");
    newsfuse(
        &dir,
        &["eval", "--data", "data.jsonl", "--min-score", "101"],
    )
    .run()
    .code(1)
    .stderr_has("below the floor 101.00");
    newsfuse(&dir, &["eval", "--data", "data.jsonl", "--min-score", "0"])
        .run()
        .success()
        .stderr_has("ok: newsfuse-coverage");
}

#[test]
fn eval_perl155_with_flags() {
    let dir = eval_dir("eval-perl");
    newsfuse(
        &dir,
        &[
            "eval",
            "--data",
            "data.jsonl",
            "--rouge",
            "perl155",
            "--rouge-flags",
            "-n 2 -m -l 100",
        ],
    )
    .run()
    .success()
    .stdout_has("ROUGE-1.5.5 -n 2 -m -l 100")
    .stdout_has("R2-R")
    .stdout_has("newsfuse-coverage");
}

/// Regression: `eval` flattened the summary flags, whose `--algorithm` clashed with eval's own
/// list-valued `--algorithm`; clap's debug assertion panicked on every `eval` call.
#[test]
fn eval_algorithm_list_does_not_clash_with_summary_flags() {
    let dir = eval_dir("eval-algorithm");
    newsfuse(
        &dir,
        &[
            "eval",
            "--data",
            "data.jsonl",
            "--algorithm",
            "lead,ilp",
            "--sentences",
            "2",
        ],
    )
    .run()
    .success()
    .stdout_has("newsfuse-lead")
    .stdout_has("newsfuse-ilp");
    newsfuse(
        &dir,
        &["eval", "--data", "data.jsonl", "--algorithm", "bogus"],
    )
    .run()
    .code(2)
    .stderr_has("unknown algorithm \"bogus\"");
}

/// Regression: the error chain printed the OS error twice.
#[test]
fn eval_missing_dataset_is_a_clear_error_said_once() {
    let dir = TempDir::new("eval-missing");
    let out = newsfuse(&dir, &["eval", "--data", "nope.jsonl"])
        .run()
        .code(2)
        .stderr_has("cannot read nope.jsonl");
    assert_eq!(
        out.stderr.matches("No such file").count(),
        1,
        "{}",
        out.stderr
    );
    newsfuse(&dir, &["eval-extraction", "--data", "nope"])
        .run()
        .code(2)
        .stderr_has("nope");
}

/// A malformed line, a cluster without references and one without document text are named in
/// notes, left out of the means, and make the exit code 1; the good clusters are still scored.
#[test]
fn eval_skipped_input_is_reported_and_exits_1() {
    let dir = eval_dir("eval-skipped");
    let good = dir.read("data.jsonl");
    let no_docs =
        serde_json::json!({"id": "c3", "documents": ["  "], "summaries": ["A reference."]});
    let no_refs = serde_json::json!({"id": "c4", "documents": [ARTICLE_A], "summaries": []});
    dir.write(
        "mixed.jsonl",
        format!("{good}{{\"id\": \"broken\", \"documents\": [\n{no_docs}\n{no_refs}\n"),
    );
    newsfuse(&dir, &["eval", "--data", "mixed.jsonl", "--json"])
        .run()
        .code(1)
        .stdout_has("\"n\":2")
        .stderr_has("mixed.jsonl line 3:")
        .stderr_has("cluster c3 has no document text; skipped")
        .stderr_has("cluster c4 has no reference summary; skipped")
        .stderr_has("3 lines of input left out of the means");
}

/// The brief's JSON Schema (`docs/brief-schema.json`), compiled.
fn brief_schema() -> jsonschema::Validator {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/brief-schema.json");
    let text = std::fs::read_to_string(path).expect("docs/brief-schema.json");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

/// Every way `brief` validates against the schema, one per line, empty when it does.
fn schema_errors(validator: &jsonschema::Validator, brief: &Value) -> Vec<String> {
    validator
        .iter_errors(brief)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn briefs_of_the_shipped_clusters_follow_the_schema() {
    let validator = brief_schema();
    let dir = TempDir::with_cluster("brief-schema");
    // Invented reports that disagree on a figure, quote a named speaker and give a date, so that
    // the brief's optional parts are filled in beside the shipped WikiNews clusters'.
    dir.write(
        "d.txt",
        "MILLBROOK, March 3 (Wire) - A fire at a warehouse in Millbrook killed 12 people on Monday, \
         fire chief Dana Holt said.\n\n\"We have never seen a blaze spread this fast,\" Holt told \
         reporters.\n",
    );
    dir.write(
        "e.txt",
        "A fire at a warehouse in Millbrook killed 30 people on Monday, officials said.\n\n\
         \"The building had no working alarms,\" said Mayor Ellen Park.\n",
    );
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/wikinews.jsonl");
    let mut briefs = newsfuse(&dir, &["brief", shipped, "--format", "json"])
        .run()
        .success()
        .json_lines();
    assert_eq!(briefs.len(), 10, "one brief per shipped cluster");
    let out = newsfuse(
        &dir,
        &[
            "brief", "a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "--format", "json",
        ],
    )
    .run()
    .success();
    briefs.push(serde_json::from_str(&out.stdout).expect("one JSON document"));
    for brief in &briefs {
        let errors = schema_errors(&validator, brief);
        assert!(
            errors.is_empty(),
            "{}: {}",
            brief["cluster_id"],
            errors.join("\n")
        );
    }
    let filled = |key: &str| {
        briefs
            .iter()
            .any(|b| b[key].as_array().is_some_and(|a| !a.is_empty()))
    };
    assert!(filled("quotes") && filled("entities") && filled("summary"));
}

#[test]
fn the_schema_check_rejects_a_brief_that_breaks_it() {
    let validator = brief_schema();
    let dir = TempDir::with_cluster("brief-schema-broken");
    let out = newsfuse(
        &dir,
        &["brief", "a.txt", "b.txt", "c.txt", "--format", "json"],
    )
    .run()
    .success();
    let brief: Value = serde_json::from_str(&out.stdout).expect("one JSON document");
    assert!(schema_errors(&validator, &brief).is_empty());
    let mut missing = brief.clone();
    missing.as_object_mut().expect("object").remove("when");
    assert!(!schema_errors(&validator, &missing).is_empty());
    let mut extra = brief.clone();
    extra["unknown_field"] = Value::Bool(true);
    assert!(!schema_errors(&validator, &extra).is_empty());
    let mut retyped = brief;
    retyped["articles"] = Value::String("three".into());
    assert!(!schema_errors(&validator, &retyped).is_empty());
}
