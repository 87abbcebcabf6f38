//! Unit tests for the clean stage.

use super::{BlockKind, CleanArticle, Span, clean};

/// Runs [`clean`] on `input` and checks the kept blocks (`"H: text"` or `"B: text"`) and the
/// dropped lines (`"reason: text"`, reason as in `Debug`), both in text order.
#[track_caller]
fn check(input: &str, expected_kept: &[&str], expected_dropped: &[&str]) {
    let out = clean(input);
    let kept: Vec<String> = out
        .blocks
        .iter()
        .map(|b| {
            let tag = match b.kind {
                BlockKind::Headline => "H",
                BlockKind::Body => "B",
            };
            format!("{tag}: {}", b.span.slice(input))
        })
        .collect();
    let dropped: Vec<String> = out
        .dropped
        .iter()
        .map(|d| format!("{:?}: {}", d.reason, d.span.slice(input)))
        .collect();
    assert_eq!(kept, expected_kept, "kept blocks");
    assert_eq!(dropped, expected_dropped, "dropped lines");
    check_invariants(input, &out);
}

fn check_invariants(input: &str, out: &CleanArticle) {
    let mut spans: Vec<Span> = out
        .blocks
        .iter()
        .map(|b| b.span)
        .chain(out.dropped.iter().map(|d| d.span))
        .collect();
    spans.sort();
    let mut covered = 0;
    for span in &spans {
        assert!(
            span.start < span.end && span.end <= input.len(),
            "span {span:?} in bounds"
        );
        assert!(input.is_char_boundary(span.start) && input.is_char_boundary(span.end));
        assert!(span.start >= covered, "spans overlap at {span:?}");
        assert!(
            input[covered..span.start].trim().is_empty(),
            "gap before {span:?} is blank"
        );
        let text = span.slice(input);
        assert_eq!(text, text.trim(), "span {span:?} is trimmed");
        covered = span.end;
    }
    assert!(input[covered..].trim().is_empty(), "tail is blank");
    assert!(
        out.blocks
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.start)
    );
    assert!(
        out.dropped
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.start)
    );
}

#[test]
fn empty_and_blank() {
    check("", &[], &[]);
    check("  \n\t\n \r\n  ", &[], &[]);
}

#[test]
fn headline_then_body() {
    check(
        "Storm floods the old harbour town\n\nHeavy rain flooded the harbour on Monday, officials said.\n",
        &[
            "H: Storm floods the old harbour town",
            "B: Heavy rain flooded the harbour on Monday, officials said.",
        ],
        &[],
    );
}

#[test]
fn subheading_between_paragraphs() {
    check(
        "The council met on Monday to vote on the budget.\n\nA CLOSE VOTE\n\nThe measure passed by one vote.\n",
        &[
            "B: The council met on Monday to vote on the budget.",
            "H: A CLOSE VOTE",
            "B: The measure passed by one vote.",
        ],
        &[],
    );
}

#[test]
fn dateline_stays_in_body() {
    check(
        "OSLO (Reuters) - Norway's central bank held its main rate steady on Thursday.\n",
        &["B: OSLO (Reuters) - Norway's central bank held its main rate steady on Thursday."],
        &[],
    );
    check(
        "LIMA |\nPeru's president named a new cabinet on Friday.\n",
        &[
            "B: LIMA |",
            "B: Peru's president named a new cabinet on Friday.",
        ],
        &[],
    );
}

#[test]
fn short_sentences_and_quotes_kept() {
    check(
        "\"That is simply wrong,\" she told reporters in Oslo.\n\"We will see,\" he said.\nNo one was hurt.\n“Our hearts go out to the family,”\n",
        &[
            "B: \"That is simply wrong,\" she told reporters in Oslo.",
            "B: \"We will see,\" he said.",
            "B: No one was hurt.",
            "B: “Our hearts go out to the family,”",
        ],
        &[],
    );
}

#[test]
fn urls_and_numbers() {
    check(
        "https://example.com/news/2016/02/03/some-story/\n212\n17\nwww.example.org\nRead or Share this story: https://exm.pl/2abc\nThe plant employs 212 people.\n3.4K shares\n",
        &["B: The plant employs 212 people."],
        &[
            "Url: https://example.com/news/2016/02/03/some-story/",
            "Number: 212",
            "Number: 17",
            "Url: www.example.org",
            "Url: Read or Share this story: https://exm.pl/2abc",
            "Number: 3.4K shares",
        ],
    );
}

#[test]
fn navigation_and_masthead() {
    check(
        "Accessibility links\n\nSkip to content\nBreaking News\nEUROPE\n\nFerry strike strands thousands of travellers\n\nThousands of travellers were stranded on Tuesday as ferry crews walked out.\n",
        &[
            "H: Ferry strike strands thousands of travellers",
            "B: Thousands of travellers were stranded on Tuesday as ferry crews walked out.",
        ],
        &[
            "Navigation: Accessibility links",
            "Navigation: Skip to content",
            "Navigation: Breaking News",
            "Navigation: EUROPE",
        ],
    );
    check(
        "The Weekly Ledger\n\nMayor opens new bridge over the river\nMayor opens new bridge over the river\nThe bridge cost 40 million euros.\n",
        &[
            "H: Mayor opens new bridge over the river",
            "B: The bridge cost 40 million euros.",
        ],
        &[
            "Navigation: The Weekly Ledger",
            "Repeated: Mayor opens new bridge over the river",
        ],
    );
}

#[test]
fn link_list_and_teasers() {
    check(
        "The talks ended without a deal.\n\nLast update: Wed, 03/02/2016 - 10:05\n\nMore from Europe\n\nMinister resigns over expenses row\n\nThe minister said on Friday he would step down after weeks of...\n\nFarmers block roads in protest\n\nHundreds of tractors blocked the main roads into the capital,...\n",
        &["B: The talks ended without a deal."],
        &[
            "Timestamp: Last update: Wed, 03/02/2016 - 10:05",
            "LinkList: More from Europe",
            "LinkList: Minister resigns over expenses row",
            "LinkList: The minister said on Friday he would step down after weeks of...",
            "LinkList: Farmers block roads in protest",
            "LinkList: Hundreds of tractors blocked the main roads into the capital,...",
        ],
    );
}

#[test]
fn link_run_ends_at_body() {
    check(
        "RELATED:\nCity weighs new parking rules\nBus fares to rise in spring\nThe council will vote on the plan next week, a spokesman said.\nRead more: Why the bus fares are rising\n[Related: Five things to know about the vote]\n",
        &["B: The council will vote on the plan next week, a spokesman said."],
        &[
            "LinkList: RELATED:",
            "LinkList: City weighs new parking rules",
            "LinkList: Bus fares to rise in spring",
            "LinkList: Read more: Why the bus fares are rising",
            "LinkList: [Related: Five things to know about the vote]",
        ],
    );
}

#[test]
fn widgets_and_video_player() {
    check(
        "WATCH: The minister speaks to reporters\n\nMinister Remarks\nplease wait\nEmbed\n\nNo media source currently available\n\n0:00 0:01:12 0:00\n\nThe minister later left for Brussels.\n\nXS\nSM\nMD\nLG\nShare Tweet Email\nVideo Loading\nReplay\nUp next\n1:23\n",
        &["B: The minister later left for Brussels."],
        &[
            "Widget: WATCH: The minister speaks to reporters",
            "Widget: Minister Remarks",
            "Widget: please wait",
            "Widget: Embed",
            "Widget: No media source currently available",
            "Widget: 0:00 0:01:12 0:00",
            "Widget: XS",
            "Widget: SM",
            "Widget: MD",
            "Widget: LG",
            "Widget: Share Tweet Email",
            "Widget: Video Loading",
            "Widget: Replay",
            "Widget: Up next",
            "Widget: 1:23",
        ],
    );
}

#[test]
fn captions_and_credits() {
    check(
        "Rescuers search the rubble on Sunday. (Photo: Jane Roe, Daily Example)\nImage copyright Getty Images\nEnlarge this image\ntoggle caption Sam Poe/Example Radio\nSam Poe/Example Radio\nA crowd gathers outside the court. (AP Photo/John Doe)\nFILE - In this May 3, 2015 file photo, the senator speaks in Denver.\nThe senator spoke for an hour.\nGetty Images\n",
        &["B: The senator spoke for an hour."],
        &[
            "Caption: Rescuers search the rubble on Sunday. (Photo: Jane Roe, Daily Example)",
            "Caption: Image copyright Getty Images",
            "Caption: Enlarge this image",
            "Caption: toggle caption Sam Poe/Example Radio",
            "Caption: Sam Poe/Example Radio",
            "Caption: A crowd gathers outside the court. (AP Photo/John Doe)",
            "Caption: FILE - In this May 3, 2015 file photo, the senator speaks in Denver.",
            "Caption: Getty Images",
        ],
    );
}

#[test]
fn twin_caption() {
    check(
        "Headline about the summit\nThe minister speaks at the summit in Rome, Italy, on Feb. 2.\nThe minister speaks at the summit in Rome, Italy, on Feb. 2.\nLeaders agreed to meet again in June.\n",
        &[
            "H: Headline about the summit",
            "B: Leaders agreed to meet again in June.",
        ],
        &[
            "Caption: The minister speaks at the summit in Rome, Italy, on Feb. 2.",
            "Caption: The minister speaks at the summit in Rome, Italy, on Feb. 2.",
        ],
    );
}

#[test]
fn timestamps() {
    check(
        "Updated 3:45 p.m. ET\nPublished: June 4, 2017\n2 hours ago\nMarch 10, 2012 10:54 am ET\nTue, 02/02/2016 - 21:17\nPublished reports said the company would close two plants.\nupdate\n",
        &["B: Published reports said the company would close two plants."],
        &[
            "Timestamp: Updated 3:45 p.m. ET",
            "Timestamp: Published: June 4, 2017",
            "Timestamp: 2 hours ago",
            "Timestamp: March 10, 2012 10:54 am ET",
            "Timestamp: Tue, 02/02/2016 - 21:17",
            "Timestamp: update",
        ],
    );
}

#[test]
fn bylines_copyright_prompts() {
    check(
        "By Jane Doe\nBy the end of the day, the river had risen two metres.\n(Reporting by Jane Doe; Editing by John Roe)\nAssociated Press writer Sam Poe contributed to this report.\n© 2017 Example Media. All rights reserved.\nCopyright 2014 Example TV. All rights reserved.\nSubscribe to our newsletter\nAdvertisement\nAdvertisement Continue reading the main story\nWe use cookies to improve your experience on our site.\n-- Jane Doe\njane.doe@example.com\nTwitter: @janedoe\n",
        &["B: By the end of the day, the river had risen two metres."],
        &[
            "Boilerplate: By Jane Doe",
            "Boilerplate: (Reporting by Jane Doe; Editing by John Roe)",
            "Boilerplate: Associated Press writer Sam Poe contributed to this report.",
            "Boilerplate: © 2017 Example Media. All rights reserved.",
            "Boilerplate: Copyright 2014 Example TV. All rights reserved.",
            "Boilerplate: Subscribe to our newsletter",
            "Boilerplate: Advertisement",
            "Boilerplate: Advertisement Continue reading the main story",
            "Boilerplate: We use cookies to improve your experience on our site.",
            "Boilerplate: -- Jane Doe",
            "Boilerplate: jane.doe@example.com",
            "Boilerplate: Twitter: @janedoe",
        ],
    );
}

#[test]
fn repeated_lines() {
    check(
        "The vote is on Friday.\nIt was close.\nThe vote is on Friday.\n",
        &["B: The vote is on Friday.", "B: It was close."],
        &["Repeated: The vote is on Friday."],
    );
}

#[test]
fn crlf_line_endings() {
    check(
        "Ferry strike ends\r\n\r\n154\r\nThe strike ended on Tuesday.\r\n",
        &["H: Ferry strike ends", "B: The strike ended on Tuesday."],
        &["Number: 154"],
    );
}

#[test]
fn non_english_kept() {
    check(
        "Les négociations ont repris à Genève mardi.\n日本政府は火曜日に新しい予算案を発表した。\nПереговоры возобновились во вторник.\nالمحادثات استؤنفت يوم الثلاثاء\n",
        &[
            "B: Les négociations ont repris à Genève mardi.",
            "B: 日本政府は火曜日に新しい予算案を発表した。",
            "B: Переговоры возобновились во вторник.",
            "H: المحادثات استؤنفت يوم الثلاثاء",
        ],
        &[],
    );
}

#[test]
fn lowercase_clutter() {
    check(
        "accessibility links\nmore from world\nminister resigns over expenses row\nthe minister resigned on friday after a long row over expenses.\nlast update: tue, 02/02/2016 - 21:17\n",
        &["B: the minister resigned on friday after a long row over expenses."],
        &[
            "Navigation: accessibility links",
            "LinkList: more from world",
            "LinkList: minister resigns over expenses row",
            "Timestamp: last update: tue, 02/02/2016 - 21:17",
        ],
    );
}

#[test]
fn long_single_line_kept() {
    let sentence =
        "Photo: the committee met again on Tuesday and agreed to sign up for the new rules. ";
    let input = sentence.repeat(2000);
    let out = clean(&input);
    assert_eq!(out.blocks.len(), 1);
    assert_eq!(out.blocks[0].kind, BlockKind::Body);
    assert_eq!(out.blocks[0].span.slice(&input), input.trim());
    assert!(out.dropped.is_empty());
    check_invariants(&input, &out);
}

#[test]
fn wikinews_text_untouched() {
    // CC BY 2.5 Wikinews-style excerpt (TAC 2011 MultiLing).
    check(
        "Tsunami aid donations in 2005 deductible for 2004 in the U.S.\n\nSaturday, January 8, 2005\n\nU.S. citizens donating in 2005 to help tsunami victims may write off their donations on their 2004 tax returns.\n",
        &[
            "H: Tsunami aid donations in 2005 deductible for 2004 in the U.S.",
            "B: U.S. citizens donating in 2005 to help tsunami victims may write off their donations on their 2004 tax returns.",
        ],
        &["Timestamp: Saturday, January 8, 2005"],
    );
}

#[test]
fn wrapped_lines_are_body_not_headlines() {
    check(
        "The committee voted to release the memo after a long\ndebate that lasted into the night\n",
        &[
            "B: The committee voted to release the memo after a long",
            "B: debate that lasted into the night",
        ],
        &[],
    );
}

#[test]
fn attributions_and_near_misses_kept() {
    check(
        "\"We will not leave,\" the spokesman said. (Reuters)\nThree officials each signed one or more\nPublished reports said the deal was close.\nBy then the crowd had gone home.\nThe photo agency said it would appeal.\n",
        &[
            "B: \"We will not leave,\" the spokesman said. (Reuters)",
            "H: Three officials each signed one or more",
            "B: Published reports said the deal was close.",
            "B: By then the crowd had gone home.",
            "B: The photo agency said it would appeal.",
        ],
        &[],
    );
}

#[test]
fn teaser_lines_and_player_rows() {
    check(
        "[Is this the oldest shipwreck in the lake?]\nJUST WATCHED Storm hits coast Replay More Videos ... MUST WATCH Storm hits coast 02:18\nTopics: weather, storms, coast\nThe storm hit the coast at dawn.\nOld harbour wall collapses Read more\n",
        &["B: The storm hit the coast at dawn."],
        &[
            "LinkList: [Is this the oldest shipwreck in the lake?]",
            "Widget: JUST WATCHED Storm hits coast Replay More Videos ... MUST WATCH Storm hits coast 02:18",
            "Boilerplate: Topics: weather, storms, coast",
            "LinkList: Old harbour wall collapses Read more",
        ],
    );
}

#[test]
fn masthead_only_near_the_top() {
    check(
        "1. Jane Doe\nOccupation: Mayor of the old harbour town\nShe was elected in 2015.\n",
        &[
            "H: 1. Jane Doe",
            "H: Occupation: Mayor of the old harbour town",
            "B: She was elected in 2015.",
        ],
        &[],
    );
}

proptest::proptest! {
    #[test]
    fn spans_cover_text(input in "(\\PC{0,40}[\n\r\t ]{0,3}){0,12}") {
        let out = clean(&input);
        check_invariants(&input, &out);
    }

    #[test]
    fn spans_cover_clutter_like_text(
        lines in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("Share".to_owned()),
                proptest::strategy::Just("More from World".to_owned()),
                proptest::strategy::Just("154".to_owned()),
                proptest::strategy::Just("XS".to_owned()),
                proptest::strategy::Just("The talks ended.".to_owned()),
                "[a-zA-Z ,.:/()é日-]{0,30}",
            ],
            0..15,
        ),
        sep in "[\n]|\r\n|\n\n",
    ) {
        let input = lines.join(&sep);
        let out = clean(&input);
        check_invariants(&input, &out);
    }
}

/// Site widgets that reached Multi-News summaries, on invented text: a video teaser behind the
/// player's "CLOSE", gallery lines (also when joined into one long paragraph), a slide with its
/// agency credit, reprint and error-page notices, share-by-email forms and reader-tip prompts.
#[test]
fn page_furniture_and_site_notices_are_dropped() {
    let long_gallery = format!(
        "Photo: Jo Lee / Studio Pictures Image 1 of / 4 Caption Close Image 1 of 4 {}",
        "Two actors play con artists in a caper film set in a casino town. ".repeat(8)
    );
    let input = format!(
        "The council voted to close the bridge on Monday after inspectors found cracks.\n\
         CLOSE The bridge across the river has been shut for repairs. City Daily\n\
         {long_gallery}\n\
         Enlarge image Workers inspect the bridge on Monday.\n\
         3/18 On the bridge “It will stay shut until the spring,” the mayor said. Getty Images\n\
         News Corp Reprints: This copy is for your personal, non-commercial use only.\n\
         Sorry, the page you requested was not found.\n\
         Thank you for your interest in spreading the word about City Daily.\n\
         If you have seen cracks in a bridge, we’d like to hear from you. Send us a secure tip at tips.example.com.\n\
         The repairs will take six months, officials said.\n"
    );
    let out = clean(&input);
    let kept: Vec<&str> = out.blocks.iter().map(|b| b.span.slice(&input)).collect();
    assert_eq!(
        kept,
        vec![
            "The council voted to close the bridge on Monday after inspectors found cracks.",
            "The repairs will take six months, officials said.",
        ]
    );
    check_invariants(&input, &out);
    // Prose that only mentions these words is kept.
    check(
        "CLOSE to the river, the council voted to shut the bridge.\n\
         The council said the image of the city mattered.\n\
         Officials close the bridge at night.\n",
        &[
            "B: CLOSE to the river, the council voted to shut the bridge.",
            "B: The council said the image of the city mattered.",
            "B: Officials close the bridge at night.",
        ],
        &[],
    );
}

/// Photo captions with a gallery counter, a wire credit, a provider line or position markers
/// (invented text) are dropped; prose with a position word in brackets elsewhere is kept.
#[test]
fn captions_with_credits_and_position_markers_are_dropped() {
    check(
        "The council closed the bridge on Monday after inspectors found deep cracks.\n\
         1 of 6. Workers stand on the closed bridge in the city, May 2, 2016.\n\
         A worker leaves the town hall during a break in the city, May 2, 2016. REUTERS/Jo Lee\n\
         This image provided by the city council shows the bridge on Monday, May 2, 2016.\n\
         Ann Lee (2nd L) and Bo Park (R) stand on the bridge in the city.\n\
         A policeman stands guard at the bridge, which will reopen in the spring. | Reuters\n\
         The left lane (L) will reopen first, the council said.\n",
        &[
            "B: The council closed the bridge on Monday after inspectors found deep cracks.",
            "B: The left lane (L) will reopen first, the council said.",
        ],
        &[
            "Caption: 1 of 6. Workers stand on the closed bridge in the city, May 2, 2016.",
            "Caption: A worker leaves the town hall during a break in the city, May 2, 2016. REUTERS/Jo Lee",
            "Caption: This image provided by the city council shows the bridge on Monday, May 2, 2016.",
            "Caption: Ann Lee (2nd L) and Bo Park (R) stand on the bridge in the city.",
            "Caption: A policeman stands guard at the bridge, which will reopen in the spring. | Reuters",
        ],
    );
}
