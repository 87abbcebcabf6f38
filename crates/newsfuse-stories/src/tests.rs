//! Behaviour of the clusterer on invented articles.

use crate::{ArticleIn, DuplicateKind, StoryClusterer, StoryConfig, publication_order};

const DAY: i64 = 86_400;

const FLOOD: [&str; 3] = [
    "Floodwater from the swollen Varna river swept through the lowland town of Pellham on Tuesday, \
     forcing the evacuation of four hundred families. Rescue crews in boats pulled residents from \
     rooftops as the river crested above the levee. The mayor of Pellham said the floodwater \
     reached the town hall and the railway station.",
    "Residents of Pellham returned to mud-filled homes on Wednesday after the Varna river flood \
     receded. Rescue crews said the levee breach near the railway station let floodwater pour into \
     the lowland streets. The mayor asked for emergency aid for evacuated families.",
    "Engineers began repairing the breached levee on the Varna river at Pellham, where the flood \
     forced hundreds of families from their homes. The mayor said the railway station would stay \
     closed while floodwater is pumped out of the lowland town.",
];

const CHESS: [&str; 2] = [
    "The grandmaster Ilse Korvath won the Tallinder chess open on Sunday with a queen sacrifice in \
     the final round, beating the defending champion after six hours. Korvath took the title and \
     the prize of the Tallinder tournament.",
    "Ilse Korvath's queen sacrifice decided the Tallinder chess open, and commentators called the \
     final-round game the best of the tournament. The defending champion resigned after six hours \
     at the board.",
];

fn article<'a>(id: &'a str, text: &'a str, day: i64) -> ArticleIn<'a> {
    ArticleIn {
        id: Some(id),
        text,
        time: Some(day * DAY),
        ..ArticleIn::default()
    }
}

#[test]
fn articles_about_one_event_share_a_story_and_others_do_not() {
    let mut c = StoryClusterer::new(StoryConfig::default());
    let f0 = c.add(&article("f0", FLOOD[0], 0));
    let k0 = c.add(&article("k0", CHESS[0], 0));
    let f1 = c.add(&article("f1", FLOOD[1], 1));
    let k1 = c.add(&article("k1", CHESS[1], 1));
    let f2 = c.add(&article("f2", FLOOD[2], 2));
    assert!(f0.is_new && k0.is_new);
    assert_ne!(f0.story, k0.story);
    assert_eq!(f1.story, f0.story);
    assert_eq!(f2.story, f0.story);
    assert_eq!(k1.story, k0.story);
    assert!(!f1.is_new && f1.duplicate_of.is_none());
}

#[test]
fn an_article_seen_again_gets_the_story_of_its_first_occurrence() {
    let mut c = StoryClusterer::new(StoryConfig::default());
    let first = c.add(&ArticleIn {
        url: Some("https://www.example.org/pellham-flood/"),
        ..article("f0", FLOOD[0], 0)
    });
    let chess = c.add(&article("k0", CHESS[0], 0));
    // The same id with other text, the same URL with another id and scheme, the same text.
    let by_id = c.add(&article("f0", CHESS[1], 1));
    let by_url = c.add(&ArticleIn {
        url: Some("http://example.org/pellham-flood"),
        ..article("other", CHESS[1], 1)
    });
    let by_text = c.add(&article("f0-copy", FLOOD[0], 1));
    for (dup, kind) in [
        (by_id, DuplicateKind::SameId),
        (by_url, DuplicateKind::SameUrl),
        (by_text, DuplicateKind::SameText),
    ] {
        assert_eq!(dup.story, first.story, "{kind:?}");
        assert!(!dup.is_new);
        let d = dup.duplicate_of.expect("recognised");
        assert_eq!((d.of, d.kind), (first.article, kind));
    }
    assert_ne!(chess.story, first.story);
}

#[test]
fn a_rewrite_joins_its_originals_story_even_when_threshold_forbids_joining() {
    // A threshold no cosine reaches: only the copy check can put two articles together.
    let config = StoryConfig {
        threshold: 1.5,
        ..StoryConfig::default()
    };
    let mut c = StoryClusterer::new(config);
    let original = c.add(&article("f0", FLOOD[0], 0));
    let rewrite = FLOOD[0].replace("on Tuesday", "late on Tuesday night");
    let copy = c.add(&article("f0b", &rewrite, 0));
    assert_eq!(copy.story, original.story);
    assert_eq!(
        copy.duplicate_of.map(|d| (d.of, d.kind)),
        Some((original.article, DuplicateKind::Copy))
    );
    let other = c.add(&article("f1", FLOOD[1], 0));
    assert!(
        other.is_new,
        "a different report of the event is not a copy"
    );
}

#[test]
fn a_late_article_joins_its_story_and_does_not_move_the_clock_back() {
    let mut c = StoryClusterer::new(StoryConfig::default());
    let f0 = c.add(&article("f0", FLOOD[0], 10));
    let k0 = c.add(&article("k0", CHESS[0], 20));
    // Published on day 11, arriving after day 20's article.
    let late = c.add(&article("f1", FLOOD[1], 11));
    assert_eq!(late.story, f0.story);
    assert_eq!(c.clock(), Some(20 * DAY));
    let k1 = c.add(&article("k1", CHESS[1], 21));
    assert_eq!(k1.story, k0.story);
}

#[test]
fn a_story_closes_after_the_window_of_inactivity() {
    let config = StoryConfig::default();
    let window_days = config.window_secs / DAY;
    let mut c = StoryClusterer::new(config);
    let f0 = c.add(&article("f0", FLOOD[0], 0));
    assert_eq!(c.live_stories(), 1);
    // Something else, after the window: the flood story is evicted from the index.
    c.add(&article("k0", CHESS[0], window_days + 2));
    assert_eq!(c.live_stories(), 1);
    let f1 = c.add(&article("f1", FLOOD[1], window_days + 2));
    assert!(f1.is_new);
    assert_ne!(f1.story, f0.story);
}

#[test]
fn a_date_far_in_the_future_does_not_close_every_story() {
    let mut c = StoryClusterer::new(StoryConfig::default());
    let f0 = c.add(&article("f0", FLOOD[0], 0));
    c.add(&article("k0", CHESS[0], 100 * 365));
    assert_eq!(c.clock(), Some(0));
    assert_eq!(c.add(&article("f1", FLOOD[1], 1)).story, f0.story);
}

#[test]
fn articles_in_two_languages_never_share_a_story() {
    let french = "Les eaux de la rivière Varna ont inondé la ville de Pellham mardi, et quatre cents \
                  familles ont été évacuées. Les secours ont sauvé des habitants sur les toits \
                  pendant que la rivière dépassait la digue près de la gare de Pellham.";
    let mut c = StoryClusterer::new(StoryConfig {
        threshold: 0.01,
        ..StoryConfig::default()
    });
    let en = c.add(&article("en", FLOOD[0], 0));
    let fr = c.add(&article("fr", french, 0));
    assert!(fr.is_new);
    assert_ne!(en.story, fr.story);
    // At this threshold anything sharing a word joins: the next French and English reports go to
    // the story of their own language.
    let french_again = "La ville de Pellham a commencé à réparer la digue de la rivière Varna, et la \
                        gare restera fermée pendant que les familles évacuées attendent de l'aide.";
    assert_eq!(c.add(&article("fr2", french_again, 1)).story, fr.story);
    assert_eq!(c.add(&article("en2", FLOOD[2], 1)).story, en.story);
}

#[test]
fn the_live_set_stays_bounded_on_a_long_stream() {
    let mut c = StoryClusterer::new(StoryConfig::default());
    let window_days = c.config().window_secs / DAY;
    let mut peak = 0;
    for day in 0..200 {
        for k in 0..5 {
            // A story of its own each time: invented words that no other article uses.
            let text = format!(
                "Story{day}x{k} alpha{day}x{k} beta{day}x{k} gamma{day}x{k} delta{day}x{k}"
            );
            let id = format!("{day}-{k}");
            c.add(&ArticleIn {
                id: Some(&id),
                text: &text,
                time: Some(day * DAY),
                ..ArticleIn::default()
            });
        }
        peak = peak.max(c.live_stories());
    }
    assert_eq!(c.stories_started(), 1000);
    assert!(
        peak <= 5 * (window_days as usize + 2),
        "live stories peaked at {peak}"
    );
}

#[test]
fn articles_without_times_keep_arrival_order() {
    assert_eq!(
        publication_order(&[Some(5), None, Some(1), None]),
        vec![2, 3, 0, 1]
    );
    assert_eq!(publication_order(&[None, None]), vec![0, 1]);
}

#[test]
fn remembered_articles_are_forgotten_after_the_memory_window() {
    let config = StoryConfig {
        memory_secs: 40 * DAY,
        ..StoryConfig::default()
    };
    let mut c = StoryClusterer::new(config);
    let first = c.add(&article("f0", FLOOD[0], 0));
    // Seen again by text under a new id: that id now points at the first occurrence too.
    let again = c.add(&article("f0-again", FLOOD[0], 1));
    assert_eq!(again.story, first.story);
    assert!(c.remembered_keys() > 0);
    // Long after: every key is forgotten, so the same id starts afresh.
    c.add(&article("k0", CHESS[0], 100));
    let later = c.add(&article("f0-again", FLOOD[0], 100));
    assert!(later.duplicate_of.is_none(), "{later:?}");
    assert_ne!(later.story, first.story);
    // Only the two articles of day 100 are remembered now: their ids, texts and sketches.
    let mut fresh = StoryClusterer::new(StoryConfig::default());
    fresh.add(&article("k0", CHESS[0], 100));
    fresh.add(&article("f0-again", FLOOD[0], 100));
    assert_eq!(c.remembered_keys(), fresh.remembered_keys());
}

/// Site furniture only: every line is one the core's clean stage drops.
const FURNITURE: [&str; 2] = [
    "Skip to content\nAdvertisement\nSubscribe to our newsletter\n\
     We use cookies to improve your experience on our site.",
    "Advertisement\nWe use cookies to improve your experience on our site.\nAdvertisement",
];

#[test]
fn articles_without_content_stay_alone_and_nothing_joins_them() {
    let mut c = StoryClusterer::new(StoryConfig::default());
    let mut stories = Vec::new();
    for (i, text) in FURNITURE.iter().chain(FURNITURE.iter()).enumerate() {
        let id = format!("w{i}");
        let a = c.add(&article(&id, text, 0));
        assert!(a.is_new && a.without_content, "{a:?}");
        assert!(
            a.duplicate_of.is_none(),
            "the same furniture text is not the same article"
        );
        stories.push(a.story);
    }
    stories.sort_unstable();
    stories.dedup();
    assert_eq!(
        stories.len(),
        4,
        "each furniture article is a story of its own"
    );
    assert_eq!(
        c.live_stories(),
        0,
        "none of them is a candidate for later articles"
    );
    // A report with the furniture around it still has content, and joins its event's story.
    let f0 = c.add(&article("f0", FLOOD[0], 0));
    assert!(!f0.without_content && f0.is_new);
    let padded = format!("{}\n{}\n{}", FURNITURE[0], FLOOD[1], FURNITURE[1]);
    let f1 = c.add(&article("f1", &padded, 1));
    assert!(!f1.without_content);
    assert_eq!(f1.story, f0.story);
    // The same id is still the same article.
    let again = c.add(&article("w0", "Advertisement", 2));
    assert_eq!(again.story, stories[0]);
    assert!(again.duplicate_of.is_some());
    // Off: furniture is placed by its text like anything else.
    let mut off = StoryClusterer::new(StoryConfig {
        min_content_words: 0,
        ..StoryConfig::default()
    });
    let first = off.add(&article("w0", FURNITURE[0], 0));
    let second = off.add(&article("w1", FURNITURE[0], 0));
    assert!(!first.without_content);
    assert_eq!(second.story, first.story);
}

/// One court case reported in mixed case, with its people and places named, weeks apart.
const TRIAL: [&str; 3] = [
    "Prosecutors in Dravonia charged the former port minister Halvard Ostrem with taking bribes \
     from the shipping firm Kessler Marine. Judge Elina Vastbo set the trial in Korsholm for the \
     spring. Ostrem denies that Kessler Marine paid him for the harbour contracts.",
    "The trial of Halvard Ostrem opened in Korsholm, where Judge Elina Vastbo heard that Kessler \
     Marine paid the former minister for harbour contracts in Dravonia. Ostrem told the court the \
     payments were consulting fees.",
    "Judge Elina Vastbo found Halvard Ostrem guilty of taking bribes from Kessler Marine. The \
     court in Korsholm heard the last witnesses on the harbour contracts, and Dravonia's former \
     port minister will appeal, his lawyer said.",
];

#[test]
fn a_report_weeks_later_joins_its_story_when_its_names_match() {
    let config = StoryConfig::default();
    let late_day = config.window_secs / DAY + 16;
    let mut c = StoryClusterer::new(config);
    let t0 = c.add(&article("t0", TRIAL[0], 0));
    let t1 = c.add(&article("t1", TRIAL[1], 2));
    assert_eq!(t1.story, t0.story);
    // Past the window of inactivity: the trial story is still open for articles naming its
    // people and places, and the verdict joins it.
    c.add(&article("k0", CHESS[0], late_day));
    let verdict = c.add(&article("t2", TRIAL[2], late_day));
    assert!(!verdict.is_new, "{verdict:?}");
    assert_eq!(verdict.story, t0.story);
    // The same reports in lower case name nobody: the story closes after the window as any other.
    let lower: Vec<String> = TRIAL.iter().map(|t| t.to_lowercase()).collect();
    let mut c = StoryClusterer::new(StoryConfig::default());
    let l0 = c.add(&article("t0", &lower[0], 0));
    assert_eq!(c.add(&article("t1", &lower[1], 2)).story, l0.story);
    c.add(&article("k0", CHESS[0], late_day));
    let verdict = c.add(&article("t2", &lower[2], late_day));
    assert!(verdict.is_new);
    // And without links the mixed-case story closes too.
    let mut c = StoryClusterer::new(StoryConfig {
        link_names: 0,
        ..StoryConfig::default()
    });
    c.add(&article("t0", TRIAL[0], 0));
    c.add(&article("t1", TRIAL[1], 2));
    c.add(&article("k0", CHESS[0], late_day));
    assert!(c.add(&article("t2", TRIAL[2], late_day)).is_new);
}

#[test]
fn text_that_comes_back_days_later_is_not_placed_by_it() {
    let config = StoryConfig {
        recurring_secs: 3 * DAY,
        ..StoryConfig::default()
    };
    let later = config.recurring_secs / DAY + 2;
    let mut c = StoryClusterer::new(config);
    let f0 = c.add(&article("f0", FLOOD[0], 0));
    // The same text under a new id the same day: the same article, its story.
    let same_day = c.add(&article("f0-b", FLOOD[0], 0));
    assert_eq!(same_day.story, f0.story);
    // Days later, the same text and a copy of it with a word changed: recurring site text.
    let again = c.add(&article("f0-c", FLOOD[0], later));
    assert!(again.is_new && again.without_content, "{again:?}");
    let rewrite = FLOOD[0].replace("on Tuesday", "on Wednesday");
    let copy = c.add(&article("f0-d", &rewrite, later));
    assert!(copy.is_new && copy.without_content, "{copy:?}");
    assert_ne!(again.story, copy.story);
    // A new report of the event still joins it.
    assert_eq!(c.add(&article("f1", FLOOD[1], later)).story, f0.story);
}

#[test]
fn a_state_saved_before_names_and_times_were_kept_still_loads() {
    let mut c = StoryClusterer::new(StoryConfig {
        recurring_secs: 3 * DAY,
        ..StoryConfig::default()
    });
    let t0 = c.add(&article("t0", TRIAL[0], 0));
    c.add(&article("f0", FLOOD[0], 0));
    let mut state = serde_json::to_value(&c).expect("serialises");
    // Remove what older states lack: story names, the linked-story queue, remembered times.
    let object = state.as_object_mut().expect("an object");
    object.remove("by_time_linked");
    object.remove("aliases");
    let config = object["config"].as_object_mut().expect("config");
    for field in [
        "merge_threshold",
        "merge_gate",
        "link_threshold",
        "blend_linked",
    ] {
        assert!(config.remove(field).is_some(), "{field} is saved");
    }
    for story in object["stories"].as_array_mut().expect("stories") {
        if let Some(story) = story.as_object_mut() {
            story.remove("names");
        }
    }
    for map in ["seen", "sketches"] {
        for seen in object[map].as_object_mut().expect("a map").values_mut() {
            seen.as_object_mut().expect("an object").remove("time");
        }
    }
    let mut old: StoryClusterer = serde_json::from_value(state).expect("an older state loads");
    assert_eq!(old.add(&article("t1", TRIAL[1], 2)).story, t0.story);
    // A remembered text of unknown time is never called recurring.
    let again = old.add(&article("t0-b", TRIAL[0], 10));
    assert_eq!(again.story, t0.story);
    assert!(!again.without_content);
}

#[test]
fn a_large_story_needs_more_likeness_from_an_article_that_is_not_short() {
    // The flood story holds two articles when the third arrives: with a steep size discount
    // (2^-4) the third no longer reaches the threshold, unless it counts as short.
    let place = |size_exponent: f32, short_terms: usize| {
        let mut c = StoryClusterer::new(StoryConfig {
            short_terms,
            size_exponent,
            ..StoryConfig::default()
        });
        let f0 = c.add(&article("f0", FLOOD[0], 0));
        let f1 = c.add(&article("f1", FLOOD[1], 0));
        assert_eq!(f1.story, f0.story, "the second report joins the first");
        let f2 = c.add(&article("f2", FLOOD[2], 0));
        (f0.story, f2)
    };
    let (story, f2) = place(0.0, 0);
    assert_eq!(
        f2.story, story,
        "without the discount the third report joins"
    );
    let (story, f2) = place(4.0, 0);
    assert!(
        f2.is_new && f2.story != story,
        "with it the third starts a story"
    );
    let (story, f2) = place(4.0, 1_000);
    assert_eq!(f2.story, story, "a short text is not discounted");
}

/// Two halves of one invented event in words of their own, and a report that tells both.
const HALF_A: &str = "Quarrow dockers walked out at the Brindle terminal after the harbour board \
    cut night shifts; pickets blocked the Brindle gates and cranes stood idle along the quay.";
const HALF_B: &str = "Ferrant grain barges queued downstream of Tolvey lock as skippers waited \
    for berths, and millers in Tolvey warned that flour deliveries would slip by a week.";
const BRIDGE: &str = "The Brindle terminal walkout by Quarrow dockers left Ferrant grain barges \
    queued at Tolvey lock: with pickets at the Brindle gates and cranes idle on the quay, Tolvey \
    millers warned that flour deliveries would slip and skippers waited for berths.";

#[test]
fn a_report_that_bridges_two_close_stories_merges_them() {
    let run = |merge_threshold: f32| {
        let mut c = StoryClusterer::new(StoryConfig {
            merge_threshold,
            ..StoryConfig::default()
        });
        let a = c.add(&article("a", HALF_A, 0));
        let b = c.add(&article("b", HALF_B, 0));
        let k = c.add(&article("k", CHESS[0], 0));
        assert!(
            a.is_new && b.is_new && a.story != b.story,
            "the halves start apart"
        );
        let bridge = c.add(&article("ab", BRIDGE, 1));
        assert!(!bridge.is_new, "the bridge joins one of them: {bridge:?}");
        (c, a.story, b.story, k.story, bridge.story)
    };
    let (c, a, b, k, bridge) = run(0.0);
    assert_ne!(
        c.resolve(a),
        c.resolve(b),
        "without merging they stay apart"
    );
    assert_eq!(c.merged_stories(), 0);
    let live = c.live_stories();

    let (mut c, a, b, k2, bridge2) = run(0.1);
    assert_eq!(bridge2, bridge, "the bridge picks the same story");
    assert_eq!(c.resolve(a), bridge2);
    assert_eq!(c.resolve(b), bridge2, "the other half is merged into it");
    assert_eq!(c.resolve(k2), k, "an unrelated story is left alone");
    assert_eq!(c.merged_stories(), 1);
    assert_eq!(c.live_stories(), live - 1);
    // An article seen again, or a new report of the merged-away half, gets the merged story.
    assert_eq!(c.add(&article("b", HALF_B, 2)).story, bridge2);
    let later = c.add(&article("b2", HALF_B, 2));
    assert_eq!(later.story, bridge2);

    // A merged state saved and loaded still resolves.
    let state = serde_json::to_string(&c).expect("serialises");
    let loaded: StoryClusterer = serde_json::from_str(&state).expect("loads");
    assert_eq!(loaded.resolve(b), bridge2);

    // A high merge threshold leaves them apart: the centroids are not close enough.
    let (c, a, b, _, _) = run(0.99);
    assert_ne!(c.resolve(a), c.resolve(b));
}

#[test]
fn names_shared_with_a_story_lower_the_threshold() {
    // The second report shares the first's names and little else. At a bar no plain pair of
    // reports reaches (0.95), it joins only when linked by names and the linked bar is low.
    let first = "Senator Odile Varga met Governor Piet Harlan, Mayor Ines Toller and Judge Rafe \
        Quist in Dornwick to discuss the Corvin Canal dispute with Admiral Teo Brandt.";
    let second = "Yesterday Odile Varga, Piet Harlan, Ines Toller, Rafe Quist and Teo Brandt \
        signed nothing; observers expect renewed negotiations soon, perhaps abroad.";
    let unnamed = second.to_lowercase();
    let place = |link_threshold: f32, text: &str| {
        let mut c = StoryClusterer::new(StoryConfig {
            link_threshold,
            threshold: 0.95,
            ..StoryConfig::default()
        });
        let a = c.add(&article("a", first, 0));
        let b = c.add(&article("b", text, 1));
        a.story == b.story
    };
    assert!(
        !place(1.0, second),
        "at the plain bar the second starts a story"
    );
    assert!(place(0.05, second), "linked by names it joins");
    assert!(
        !place(0.05, &unnamed),
        "the same words in lower case are no names: no link, the plain bar"
    );
}

#[test]
fn an_article_whose_few_names_are_mostly_the_storys_is_linked() {
    // The second report names 8 (name terms), 4 of them the story's: under `link_names` (6)
    // shared, but half of its own names, so `link_share` links it.
    let first = "Senator Odile Varga met Governor Piet Harlan, Mayor Ines Toller and Judge Rafe \
        Quist in Dornwick to discuss the Corvin Canal dispute with Admiral Teo Brandt.";
    let second = "Yesterday Odile Varga and Piet Harlan met with Lena Moss and Karl Fenn, but they \
        said that there was no deal on the table for now.";
    let place = |link_share: f32| {
        let mut c = StoryClusterer::new(StoryConfig {
            link_share,
            link_threshold: 0.05,
            threshold: 0.95,
            ..StoryConfig::default()
        });
        let a = c.add(&article("a", first, 0));
        let b = c.add(&article("b", second, 1));
        a.story == b.story
    };
    assert!(
        place(0.4),
        "half its names are the story's: linked, it joins"
    );
    assert!(
        !place(0.0),
        "4 shared names are under link_names: the plain bar"
    );
    assert!(!place(0.6), "half is under a share of 0.6: the plain bar");
}

#[test]
fn only_a_story_of_at_most_merge_max_size_articles_is_merged() {
    // Each half holds two reports before the bridge arrives: at `merge_max_size` 1 neither is
    // merged into the other; with no bound (0) or a bound of 2, the bridge merges them.
    let run = |merge_max_size: u32| {
        let mut c = StoryClusterer::new(StoryConfig {
            merge_threshold: 0.1,
            merge_max_size,
            ..StoryConfig::default()
        });
        let a = c.add(&article("a", HALF_A, 0));
        let a2 = c.add(&article("a2", &HALF_A.replace("night", "weekend"), 0));
        let b = c.add(&article("b", HALF_B, 0));
        let b2 = c.add(&article("b2", &HALF_B.replace("week", "fortnight"), 0));
        assert!(a2.story == a.story && b2.story == b.story && a.story != b.story);
        let bridge = c.add(&article("ab", BRIDGE, 1));
        assert!(!bridge.is_new, "the bridge joins one of them: {bridge:?}");
        c.resolve(a.story) == c.resolve(b.story)
    };
    assert!(
        !run(1),
        "two-article stories are not merged at a bound of 1"
    );
    assert!(run(2), "a bound of 2 merges them");
    assert!(run(0), "no bound merges them");
}

#[test]
fn merges_no_remembered_article_names_are_forgotten() {
    let mut c = StoryClusterer::new(StoryConfig {
        merge_threshold: 0.1,
        memory_articles: 4,
        ..StoryConfig::default()
    });
    c.add(&article("a", HALF_A, 0));
    let b = c.add(&article("b", HALF_B, 0));
    c.add(&article("k", CHESS[0], 0));
    let bridge = c.add(&article("ab", BRIDGE, 1));
    assert_eq!(c.merged_stories(), 1, "the bridge merges the halves");
    let into = c.resolve(b.story);
    assert_eq!(into, bridge.story);
    // The merged story's first article is still remembered: the merge is kept.
    assert_eq!(c.forget_settled_merges(), 0);
    assert_eq!(c.merged_stories(), 1);
    // Seen again, it still gets the story it was merged into.
    assert_eq!(c.add(&article("b", HALF_B, 1)).story, into);
    // Once no remembered article names it, the merge is forgotten, and the state shrinks.
    for (n, text) in CHESS.iter().chain(FLOOD.iter()).enumerate() {
        c.add(&article(&format!("later{n}"), text, 2));
    }
    assert_eq!(c.forget_settled_merges(), 1);
    assert_eq!(c.merged_stories(), 0);
    assert_eq!(c.forget_settled_merges(), 0, "nothing left to forget");
}

#[test]
fn a_single_report_gets_a_second_look_at_its_story() {
    // Two reports of one event; the threshold is set just above their score, so the second
    // starts a story of its own. A second look that needs a little less (the first report's,
    // whose wait ends first) makes the two stories one.
    let run_with = |threshold: f32, second_look_secs: i64, gate: f32, early_look_secs: i64| {
        let mut c = StoryClusterer::new(StoryConfig {
            threshold,
            merge_threshold: 0.0,
            second_look_secs,
            second_look_gate: gate,
            early_look_secs,
            ..StoryConfig::default()
        });
        let a = c.add(&article("a", FLOOD[0], 0));
        let b = c.add(&article("b", FLOOD[2], 1));
        (c, a.story, b.story)
    };
    let run = |threshold: f32, second_look_secs: i64, gate: f32| {
        run_with(threshold, second_look_secs, gate, 0)
    };
    let steps: Vec<f32> = (1..20).map(|i| i as f32 * 0.05).collect();
    let apart = steps
        .iter()
        .position(|&t| {
            let (_, a, b) = run(t, 0, 1.0);
            a != b
        })
        .expect("some threshold keeps the two apart");
    assert!(apart > 0, "the lowest threshold joins them");
    let (threshold, gate) = (steps[apart], 0.999 * steps[apart - 1] / steps[apart]);

    // Without a second look, or with one that needs the full threshold, they stay apart.
    for (secs, g) in [(0, gate), (3 * DAY, 1.0)] {
        let (mut c, a, b) = run(threshold, secs, g);
        c.add(&article("k", CHESS[0], 5));
        assert_ne!(c.resolve(a), c.resolve(b));
        assert_eq!(c.merged_stories(), 0);
    }

    let (mut c, a, b) = run(threshold, 3 * DAY, gate);
    assert_ne!(a, b);
    // An article without content changes no frequency, so the look scores as the first did.
    let empty = c.add(&article("n", "It is what it is.", 2));
    assert!(empty.without_content);
    assert_ne!(c.resolve(a), c.resolve(b), "not before its wait is over");
    // Saved and loaded while the look is pending, the clusterer still takes it.
    let state = serde_json::to_string(&c).expect("serialises");
    let mut c: StoryClusterer = serde_json::from_str(&state).expect("loads");
    let late = c.add(&article("k", CHESS[0], 5));
    assert_eq!(
        c.resolve(a),
        c.resolve(b),
        "the second look merges the two reports' stories"
    );
    assert_eq!(c.merged_stories(), 1);
    assert_ne!(
        c.resolve(late.story),
        c.resolve(a),
        "an unrelated story is left alone"
    );

    // The early look alone (`early_look_secs`, the later one off) is taken the same way.
    let (mut c, a, b) = run_with(threshold, 0, gate, 3 * DAY);
    assert_ne!(c.resolve(a), c.resolve(b));
    c.add(&article("k", CHESS[0], 5));
    assert_eq!(c.resolve(a), c.resolve(b), "the early look merges them");
}
