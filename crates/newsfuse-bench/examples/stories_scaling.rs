//! Story clustering on a synthetic stream of any length: articles per second and peak memory.
//!
//! ```text
//! cargo run --release -p newsfuse-bench --example stories_scaling -- 10000
//! cargo run --release -p newsfuse-bench --example stories_scaling -- 1000000
//! ```
//!
//! One size per process, so that the peak memory (Linux `VmHWM`) is that size's. The stream: 100
//! stories start each day, each with 1 to 5 articles within 48 hours of its start; an article has
//! 150 words, two in five from its story's ten topic words (drawn from a pool of 100,000 invented
//! words) and the rest from 5,000 background words with Zipf frequencies (the 40 most frequent
//! are English function words); one article in twenty
//! is a copy of an earlier article of its story with one word changed. Times are in order.
//! Invented words only: there is no news text here. Reported: the clustering's own time (the
//! sum over `add` calls of this thread's CPU time, and of wall time; generating the text is
//! excluded), the process's peak memory before scoring (it includes the harness's two 8-byte
//! labels per article), B-cubed F1 against the generator's
//! stories, the live stories at the end and the vocabulary.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use newsfuse_stories::{ArticleIn, StoryClusterer, StoryConfig};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// An invented word for a number: letters only, so that it is never read as a number.
fn word(mut n: u64, prefix: char) -> String {
    let mut s = String::from(prefix);
    loop {
        s.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s
}

struct Pending {
    time: i64,
    story: u64,
    copy: bool,
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(10_000, |a| a.parse().expect("a number of articles"));
    let mut rng = Rng(20_161);
    // Zipf background: cumulative weights 1/r over 5,000 words.
    // The 40 most frequent background words are English function words, as in English news
    // (the clusterer reads such text as English without asking whatlang).
    let function_words = "the of and to a in that is was he for it with as his on be at by i \
                          this had not are but from or have an they which one you were her all \
                          she there would their";
    let background: Vec<String> = function_words
        .split_whitespace()
        .map(str::to_string)
        .chain((40..5_000).map(|i| word(i, 'b')))
        .collect();
    let mut cumulative = Vec::with_capacity(background.len());
    let mut total = 0.0;
    for r in 1..=background.len() {
        total += 1.0 / r as f64;
        cumulative.push(total);
    }
    let mut topics: HashMap<u64, Vec<String>> = HashMap::new();
    let mut last_text: HashMap<u64, String> = HashMap::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut clusterer = StoryClusterer::new(StoryConfig::default());
    let mut spent = Duration::ZERO;
    let mut cpu = Duration::ZERO;
    let mut gold: Vec<u64> = Vec::with_capacity(n);
    let mut predicted: Vec<u64> = Vec::with_capacity(n);
    let mut next_story = 0u64;
    let mut day = 0i64;
    let mut produced = 0usize;
    while produced < n {
        // Schedule the day's new stories, then emit every article due today, in time order.
        for _ in 0..100 {
            let story = next_story;
            next_story += 1;
            let start = day * 86_400 + rng.below(86_400).cast_signed();
            topics.insert(
                story,
                (0..10).map(|_| word(rng.below(100_000), 't')).collect(),
            );
            for _ in 0..=rng.below(5) {
                pending.push(Pending {
                    time: start + rng.below(48 * 3600).cast_signed(),
                    story,
                    copy: false,
                });
            }
        }
        let today_end = (day + 1) * 86_400;
        pending.sort_by_key(|p| std::cmp::Reverse(p.time));
        while let Some(p) = pending.last() {
            if p.time >= today_end || produced >= n {
                break;
            }
            let mut p = pending.pop().expect("last exists");
            p.copy = last_text.contains_key(&p.story) && rng.below(20) == 0;
            let text = if p.copy {
                let mut words: Vec<&str> = last_text[&p.story].split(' ').collect();
                let at = rng.below(words.len() as u64) as usize;
                words[at] = "changed";
                words.join(" ")
            } else {
                let topic = &topics[&p.story];
                (0..150)
                    .map(|_| {
                        if rng.below(5) < 2 {
                            topic[rng.below(10) as usize].as_str()
                        } else {
                            let x = rng.unit() * total;
                            background[cumulative
                                .partition_point(|&c| c < x)
                                .min(background.len() - 1)]
                            .as_str()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let id = format!("a{produced}");
            let started = Instant::now();
            let cpu_started = thread_cpu();
            let assignment = clusterer.add(&ArticleIn {
                id: Some(&id),
                text: &text,
                time: Some(p.time),
                ..ArticleIn::default()
            });
            cpu += thread_cpu().saturating_sub(cpu_started);
            spent += started.elapsed();
            gold.push(p.story);
            predicted.push(assignment.story);
            last_text.insert(p.story, text);
            produced += 1;
        }
        // Forget the generator's own state for stories long finished.
        let old = next_story.saturating_sub(1_000);
        topics.retain(|s, _| *s >= old);
        last_text.retain(|s, _| *s >= old);
        day += 1;
    }
    // Peak memory before scoring, which builds maps over the whole stream.
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        });
    let f1 = bcubed_f1(&predicted, &gold);
    println!(
        "articles {n}  days {day}  stories {next_story}  remembered keys {}  clustering {:.3} s CPU ({:.3} s wall)  \
         {:.0} articles per CPU second  {:.1} us CPU/article  peak memory {}  live stories {}  \
         vocabulary {}  B-cubed F1 {f1:.4}",
        clusterer.remembered_keys(),
        cpu.as_secs_f64(),
        spent.as_secs_f64(),
        n as f64 / cpu.as_secs_f64(),
        cpu.as_secs_f64() * 1e6 / n as f64,
        peak.map_or("n/a".into(), |k| format!("{:.1} MiB", k / 1024.0)),
        clusterer.live_stories(),
        clusterer.vocabulary_size(),
    );
}

/// CPU time of this thread (what a loaded machine disturbs least).
fn thread_cpu() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn bcubed_f1(predicted: &[u64], gold: &[u64]) -> f64 {
    let mut pair: HashMap<(u64, u64), usize> = HashMap::new();
    let mut p_size: HashMap<u64, usize> = HashMap::new();
    let mut g_size: HashMap<u64, usize> = HashMap::new();
    for (&p, &g) in predicted.iter().zip(gold) {
        *pair.entry((p, g)).or_default() += 1;
        *p_size.entry(p).or_default() += 1;
        *g_size.entry(g).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (&(p, g), &c) in &pair {
        precision += (c * c) as f64 / p_size[&p] as f64;
        recall += (c * c) as f64 / g_size[&g] as f64;
    }
    let n = predicted.len() as f64;
    let (precision, recall) = (precision / n, recall / n);
    2.0 * precision * recall / (precision + recall)
}
