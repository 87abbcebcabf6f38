//! The pages in a real browser: Debian's Chromium, headless, driven over WebDriver
//! (chromedriver + fantoccini). Loads `/`, follows a story link, submits the paste form, checks
//! that article markup never opens a dialog and shows as text, that phone width needs no
//! sideways scrolling, and saves screenshots (desktop and phone width) under
//! `target/tmp/screenshots/`. Skips, saying so, when `/usr/bin/chromium` or `chromedriver` is
//! absent (`.ci/run` installs both).

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestServer, XSS_IMG, XSS_SCRIPT, article, hostile_article, jsonl};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromedriver() -> Option<PathBuf> {
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// chromedriver and the Chromium it starts, ended by process id when the test ends (even when
/// it fails before closing the session).
struct Browser {
    driver: Child,
    profile: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Chromium processes started for this test carry its profile folder on their command line.
        let marker = self.profile.to_string_lossy().into_owned();
        if let Ok(entries) = std::fs::read_dir("/proc") {
            for entry in entries.flatten() {
                let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                    continue;
                };
                let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
                if String::from_utf8_lossy(&cmdline).contains(&marker) {
                    Command::new("kill")
                        .args(["-9", &pid.to_string()])
                        .status()
                        .ok();
                }
            }
        }
        self.driver.kill().ok();
        self.driver.wait().ok();
        std::fs::remove_dir_all(&self.profile).ok();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

async fn no_dialog(client: &Client, at: &str) {
    if let Ok(text) = client.get_alert_text().await {
        panic!("a dialog opened on {at}: {text:?}");
    }
}

async fn screenshot(client: &Client, dir: &Path, name: &str, width: u32, height: u32) {
    client
        .set_window_size(width, height)
        .await
        .expect("window size");
    let png = client.screenshot().await.expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(dir.join(format!("{name}-{width}.png")), png).expect("saved");
    // Readable at this width: nothing wider than the window.
    let fits = client
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1;",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(fits, json!(true), "{name} scrolls sideways at {width} px");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_in_a_real_browser() {
    let Some(driver_path) = chromedriver().filter(|_| Path::new(CHROMIUM).exists()) else {
        eprintln!(
            "SKIPPED: the browser test needs {CHROMIUM} and chromedriver \
             (apt-get install -y chromium chromium-driver)"
        );
        return;
    };
    let server = TestServer::start(|_| {});
    let mut batch: Vec<_> = (0..6)
        .map(|n| article(n, n % 2, 1 + (n as u32 % 3)))
        .collect();
    batch.push(hostile_article(1));
    let posted = server.post("/v1/articles", &jsonl(&batch));
    assert_eq!(posted.status, 200, "{}", posted.text());
    let hostile_story = posted.json()["articles"][6]["story"]
        .as_u64()
        .expect("a story");

    let port = free_port();
    let profile =
        std::env::temp_dir().join(format!("newsfuse-chromium-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&profile).expect("a profile folder");
    let driver = Command::new(driver_path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let _browser = Browser {
        driver,
        profile: profile.clone(),
    };
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    capabilities.insert("unhandledPromptBehavior".into(), json!("ignore"));
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => break client,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("no WebDriver session: {e}"),
        }
    };
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&shots).expect("a screenshot folder");
    let base = format!("http://{}", server.addr);

    // The stories.
    client.goto(&format!("{base}/")).await.expect("/ loads");
    no_dialog(&client, "/").await;
    let heading = client
        .find(Locator::Css("h1"))
        .await
        .expect("h1")
        .text()
        .await
        .expect("text");
    assert_eq!(heading, "Stories");
    let links = client
        .find_all(Locator::Css("ol.stories a.title"))
        .await
        .expect("story links");
    assert_eq!(links.len(), 2, "two stories");
    client
        .find(Locator::Css("input[name=q]"))
        .await
        .expect("a search box");
    screenshot(&client, &shots, "index", 1280, 900).await;
    screenshot(&client, &shots, "index", 390, 844).await;

    // Follow the link to the story that holds the hostile article.
    client.set_window_size(1280, 900).await.expect("size");
    client
        .find(Locator::Css(&format!("a[href='/stories/{hostile_story}']")))
        .await
        .expect("the story's link")
        .click()
        .await
        .expect("click");
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("#coverage"))
        .await
        .expect("the story page loads");
    no_dialog(&client, "the story page").await;
    let url = client.current_url().await.expect("url");
    assert!(url.path().ends_with(&format!("/stories/{hostile_story}")));
    let text = client
        .find(Locator::Css("main"))
        .await
        .expect("main")
        .text()
        .await
        .expect("text");
    assert!(text.contains(XSS_SCRIPT), "the markup shows as text");
    assert!(text.contains("Summary") && text.contains("Coverage") && text.contains("Timeline"));
    let images = client.find_all(Locator::Css("img")).await.expect("img");
    assert!(images.is_empty(), "no <img> came from article text");
    let scripts = client
        .find_all(Locator::Css("script"))
        .await
        .expect("script");
    assert!(scripts.is_empty(), "no <script> on the page");
    screenshot(&client, &shots, "story", 1280, 900).await;
    screenshot(&client, &shots, "story", 390, 844).await;

    // The paste form: a brief of two texts, one hostile.
    client.set_window_size(1280, 900).await.expect("size");
    client
        .goto(&format!("{base}/brief"))
        .await
        .expect("/brief loads");
    let pasted = format!(
        "{}\n---\n{}",
        hostile_article(2)["text"].as_str().expect("text"),
        article(3, 0, 2)["text"].as_str().expect("text")
    );
    client
        .find(Locator::Css("textarea[name=texts]"))
        .await
        .expect("the text box")
        .send_keys(&pasted)
        .await
        .expect("typed");
    client
        .find(Locator::Css("input[type=submit]"))
        .await
        .expect("the button")
        .click()
        .await
        .expect("submitted");
    client
        .wait()
        .at_most(Duration::from_mins(1))
        .for_element(Locator::Css("#coverage"))
        .await
        .expect("the brief page loads");
    no_dialog(&client, "the brief page").await;
    let text = client
        .find(Locator::Css("main"))
        .await
        .expect("main")
        .text()
        .await
        .expect("text");
    assert!(text.contains("2 articles"), "{text}");
    assert!(text.contains("Summary"));
    assert!(
        text.contains(XSS_IMG.trim_start_matches('"')) || text.contains(XSS_SCRIPT),
        "the pasted markup shows as text: {text}"
    );
    let images = client.find_all(Locator::Css("img")).await.expect("img");
    assert!(images.is_empty());
    screenshot(&client, &shots, "brief", 1280, 900).await;
    client.close().await.expect("the session ends");
    eprintln!("screenshots in {}", shots.display());
}
