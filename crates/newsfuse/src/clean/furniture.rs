//! The `furniture` line rule: a line made only of known site-furniture phrases.

use std::sync::LazyLock;

use super::{Ending, Line, Verdict};
use crate::model::Clutter;

/// How a furniture phrase marks a line.
#[derive(Clone, Copy)]
enum Mark {
    /// Drops the line.
    Drop(Clutter),
    /// Drops the line and opens a link-list run.
    Opens(Clutter),
}

/// Site-furniture phrases, matched on whole lowercased words; a line made only of these (and
/// numbers) is dropped with the first phrase's reason.
static FURNITURE: &[(&str, Mark)] = {
    use Clutter::{Boilerplate, Caption, LinkList, Navigation, Timestamp, Widget};
    use Mark::{Drop, Opens};
    &[
        // Navigation.
        ("accessibility links", Drop(Navigation)),
        ("skip to content", Drop(Navigation)),
        ("skip to main content", Drop(Navigation)),
        ("skip to navigation", Drop(Navigation)),
        ("skip to", Drop(Navigation)),
        ("jump to", Drop(Navigation)),
        ("jump to navigation", Drop(Navigation)),
        ("toggle navigation", Drop(Navigation)),
        ("main menu", Drop(Navigation)),
        ("menu", Drop(Navigation)),
        ("open menu", Drop(Navigation)),
        ("close menu", Drop(Navigation)),
        ("navigation", Drop(Navigation)),
        ("sections", Drop(Navigation)),
        ("search", Drop(Navigation)),
        ("home", Drop(Navigation)),
        ("homepage", Drop(Navigation)),
        ("back to top", Drop(Navigation)),
        ("breaking news", Drop(Navigation)),
        ("breaking", Drop(Navigation)),
        ("exclusive", Drop(Navigation)),
        ("developing story", Drop(Navigation)),
        ("just in", Drop(Navigation)),
        ("live", Drop(Navigation)),
        ("sign in", Drop(Navigation)),
        ("log in", Drop(Navigation)),
        ("login", Drop(Navigation)),
        ("register", Drop(Navigation)),
        ("next", Drop(Navigation)),
        ("previous", Drop(Navigation)),
        ("prev", Drop(Navigation)),
        ("next story", Drop(Navigation)),
        ("next article", Drop(Navigation)),
        ("previous story", Drop(Navigation)),
        ("previous article", Drop(Navigation)),
        ("close", Drop(Navigation)),
        ("x", Drop(Navigation)),
        ("page not found", Drop(Navigation)),
        // Social buttons.
        ("share", Drop(Widget)),
        ("shares", Drop(Widget)),
        ("share this", Drop(Widget)),
        ("share on", Drop(Widget)),
        ("share this article", Drop(Widget)),
        ("share this story", Drop(Widget)),
        ("share this page", Drop(Widget)),
        ("share article", Drop(Widget)),
        ("share story", Drop(Widget)),
        ("tweet", Drop(Widget)),
        ("tweet this", Drop(Widget)),
        ("retweet", Drop(Widget)),
        ("post", Drop(Widget)),
        ("email", Drop(Widget)),
        ("e mail", Drop(Widget)),
        ("email this", Drop(Widget)),
        ("print", Drop(Widget)),
        ("save", Drop(Widget)),
        ("copy link", Drop(Widget)),
        ("link", Drop(Widget)),
        ("comments", Drop(Widget)),
        ("comment", Drop(Widget)),
        ("view comments", Drop(Widget)),
        ("show comments", Drop(Widget)),
        ("leave a comment", Drop(Widget)),
        ("add comment", Drop(Widget)),
        ("reply", Drop(Widget)),
        ("like", Drop(Widget)),
        ("like this", Drop(Widget)),
        ("likes", Drop(Widget)),
        ("follow", Drop(Widget)),
        ("follow us", Drop(Widget)),
        ("facebook", Drop(Widget)),
        ("twitter", Drop(Widget)),
        ("google", Drop(Widget)),
        ("google plus", Drop(Widget)),
        ("pinterest", Drop(Widget)),
        ("linkedin", Drop(Widget)),
        ("whatsapp", Drop(Widget)),
        ("reddit", Drop(Widget)),
        ("instagram", Drop(Widget)),
        ("messenger", Drop(Widget)),
        ("flipboard", Drop(Widget)),
        ("tumblr", Drop(Widget)),
        ("sms", Drop(Widget)),
        ("more", Opens(Clutter::LinkList)),
        // Size pickers and text-size buttons.
        ("xxs", Drop(Widget)),
        ("xs", Drop(Widget)),
        ("s", Drop(Widget)),
        ("sm", Drop(Widget)),
        ("m", Drop(Widget)),
        ("md", Drop(Widget)),
        ("l", Drop(Widget)),
        ("lg", Drop(Widget)),
        ("xl", Drop(Widget)),
        ("xxl", Drop(Widget)),
        ("small", Drop(Widget)),
        ("medium", Drop(Widget)),
        ("large", Drop(Widget)),
        ("text size", Drop(Widget)),
        ("font size", Drop(Widget)),
        ("a", Drop(Widget)),
        // Video and audio players.
        ("video", Drop(Widget)),
        ("videos", Drop(Widget)),
        ("video loading", Drop(Widget)),
        ("video player", Drop(Widget)),
        ("loading", Drop(Widget)),
        ("loading video", Drop(Widget)),
        ("replay", Drop(Widget)),
        ("replay video", Drop(Widget)),
        ("play", Drop(Widget)),
        ("play video", Drop(Widget)),
        ("pause", Drop(Widget)),
        ("mute", Drop(Widget)),
        ("unmute", Drop(Widget)),
        ("fullscreen", Drop(Widget)),
        ("full screen", Drop(Widget)),
        ("embed", Drop(Widget)),
        ("please wait", Drop(Widget)),
        ("no media source currently available", Drop(Widget)),
        ("now playing", Opens(Widget)),
        ("up next", Opens(Widget)),
        ("watch", Opens(Widget)),
        ("watch now", Opens(Widget)),
        ("watch video", Opens(Widget)),
        ("listen", Drop(Widget)),
        ("listen to article", Drop(Widget)),
        ("listen to this article", Drop(Widget)),
        ("audio", Drop(Widget)),
        ("scroll down for video", Drop(Widget)),
        ("autoplay", Drop(Widget)),
        ("on off", Drop(Widget)),
        // Photo furniture.
        ("photo", Drop(Caption)),
        ("photos", Drop(Caption)),
        ("image", Drop(Caption)),
        ("images", Drop(Caption)),
        ("gallery", Drop(Caption)),
        ("photo gallery", Drop(Caption)),
        ("view gallery", Drop(Caption)),
        ("enlarge", Drop(Caption)),
        ("enlarge this image", Drop(Caption)),
        ("toggle caption", Drop(Caption)),
        ("hide caption", Drop(Caption)),
        ("caption", Drop(Caption)),
        // Link lists.
        ("related", Opens(LinkList)),
        ("related articles", Opens(LinkList)),
        ("related stories", Opens(LinkList)),
        ("related story", Opens(LinkList)),
        ("related content", Opens(LinkList)),
        ("related links", Opens(LinkList)),
        ("related coverage", Opens(LinkList)),
        ("related news", Opens(LinkList)),
        ("related video", Opens(LinkList)),
        ("related videos", Opens(LinkList)),
        ("related topics", Opens(LinkList)),
        ("more stories", Opens(LinkList)),
        ("more news", Opens(LinkList)),
        ("more on this", Opens(LinkList)),
        ("more on this story", Opens(LinkList)),
        ("more information", Opens(LinkList)),
        ("you may also like", Opens(LinkList)),
        ("you might also like", Opens(LinkList)),
        ("recommended", Opens(LinkList)),
        ("recommended for you", Opens(LinkList)),
        ("recommended stories", Opens(LinkList)),
        ("most popular", Opens(LinkList)),
        ("most read", Opens(LinkList)),
        ("most viewed", Opens(LinkList)),
        ("most shared", Opens(LinkList)),
        ("trending", Opens(LinkList)),
        ("trending now", Opens(LinkList)),
        ("top stories", Opens(LinkList)),
        ("latest news", Opens(LinkList)),
        ("latest stories", Opens(LinkList)),
        ("read more", Opens(LinkList)),
        ("read next", Opens(LinkList)),
        ("see also", Opens(LinkList)),
        ("also", Opens(LinkList)),
        ("also read", Opens(LinkList)),
        ("further reading", Opens(LinkList)),
        ("full coverage", Opens(LinkList)),
        ("online", Opens(LinkList)),
        ("links", Opens(LinkList)),
        ("tags", Drop(LinkList)),
        ("topics", Drop(LinkList)),
        // Timestamps.
        ("update", Drop(Timestamp)),
        ("updated", Drop(Timestamp)),
        ("last updated", Drop(Timestamp)),
        ("last update", Drop(Timestamp)),
        ("first posted", Drop(Timestamp)),
        ("first published", Drop(Timestamp)),
        ("published", Drop(Timestamp)),
        ("posted", Drop(Timestamp)),
        // Ads, prompts, legal.
        ("advertisement", Drop(Boilerplate)),
        ("advertisements", Drop(Boilerplate)),
        ("advertising", Drop(Boilerplate)),
        ("ad", Drop(Boilerplate)),
        ("ads", Drop(Boilerplate)),
        ("sponsored", Drop(Boilerplate)),
        ("sponsored content", Drop(Boilerplate)),
        ("paid content", Drop(Boilerplate)),
        ("continue reading", Drop(Boilerplate)),
        ("continue reading the main story", Drop(Boilerplate)),
        ("continue reading below", Drop(Boilerplate)),
        ("story continues below", Drop(Boilerplate)),
        ("story continued below", Drop(Boilerplate)),
        ("article continues below", Drop(Boilerplate)),
        ("subscribe", Drop(Boilerplate)),
        ("subscribe now", Drop(Boilerplate)),
        ("subscribe today", Drop(Boilerplate)),
        ("sign up", Drop(Boilerplate)),
        ("newsletter", Drop(Boilerplate)),
        ("newsletters", Drop(Boilerplate)),
        ("accept", Drop(Boilerplate)),
        ("accept cookies", Drop(Boilerplate)),
        ("cookies", Drop(Boilerplate)),
        ("cookie settings", Drop(Boilerplate)),
        ("i agree", Drop(Boilerplate)),
        ("got it", Drop(Boilerplate)),
        ("ok", Drop(Boilerplate)),
        ("privacy policy", Drop(Boilerplate)),
        ("terms of use", Drop(Boilerplate)),
        ("terms of service", Drop(Boilerplate)),
        ("terms and conditions", Drop(Boilerplate)),
        ("contact us", Drop(Boilerplate)),
        ("about us", Drop(Boilerplate)),
    ]
};

/// The furniture phrases split into words, longest first so the cover is greedy-longest.
static FURNITURE_WORDS: LazyLock<Vec<(Vec<&'static str>, Mark)>> = LazyLock::new(|| {
    let mut phrases: Vec<(Vec<&'static str>, Mark)> = FURNITURE
        .iter()
        .map(|&(phrase, mark)| (phrase.split(' ').collect(), mark))
        .collect();
    phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    phrases
});

/// Longest line (in bytes) the furniture rule looks at.
const FURNITURE_MAX_BYTES: usize = 120;

pub(super) fn rule_furniture(line: &Line<'_>) -> Option<Verdict> {
    if line.text.len() > FURNITURE_MAX_BYTES || line.ending == Ending::Sentence && line.words > 4 {
        return None;
    }
    let lower = line.text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut first: Option<Mark> = None;
    let mut opens = None;
    let mut i = 0;
    while i < words.len() {
        if words[i].bytes().all(|b| b.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let (len, mark) = FURNITURE_WORDS
            .iter()
            .find(|(phrase, _)| words[i..].starts_with(phrase))
            .map(|(phrase, mark)| (phrase.len(), *mark))?;
        first.get_or_insert(mark);
        if let Mark::Opens(reason) = mark {
            opens.get_or_insert(reason);
        }
        i += len;
    }
    // A line of numbers only was the number rule's business; nothing matched means no verdict.
    let reason = match first? {
        Mark::Drop(reason) | Mark::Opens(reason) => reason,
    };
    // A line that is one list header ("Related", "More") opens a run; a row of buttons that
    // happens to contain "more" does not.
    Some(match opens {
        Some(run_reason) if words.len() <= 4 => Verdict::Opener(run_reason),
        _ => Verdict::Drop(reason),
    })
}
