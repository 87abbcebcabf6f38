//! How the story clusterer's state is saved between batches.
//!
//! The state is rewritten after every batch, so its size is paid on every ingest, however small.
//! It is saved as MessagePack behind a four-byte tag, with its fields named: like JSON, and unlike
//! a format that writes fields by position, a state saved before a field existed still loads
//! (the field takes its serde default), so a newer newsfuse keeps reading an older store. A state
//! without the tag is JSON, the form stores written before the binary one hold; it is read as
//! such, and the next batch writes it back in binary form.

use newsfuse_stories::StoryClusterer;
use serde::Serialize;

use crate::error::Result;

/// The tag in front of a binary state. A JSON state starts with `{`, never with this.
const BINARY_TAG: &[u8; 4] = b"NFS\x01";

/// The clusterer's state as saved.
pub(crate) fn encode(clusterer: &StoryClusterer) -> Result<Vec<u8>> {
    let mut bytes = BINARY_TAG.to_vec();
    clusterer.serialize(&mut rmp_serde::Serializer::new(&mut bytes).with_struct_map())?;
    Ok(bytes)
}

/// The clusterer saved by [`encode`], or by an older store as JSON.
pub(crate) fn decode(bytes: &[u8]) -> Result<StoryClusterer> {
    match bytes.strip_prefix(BINARY_TAG) {
        Some(binary) => Ok(rmp_serde::from_slice(binary)?),
        None => Ok(serde_json::from_slice(bytes)?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsfuse_stories::{ArticleIn, StoryConfig};

    fn clusterer_with_articles() -> StoryClusterer {
        let mut clusterer = StoryClusterer::new(StoryConfig::default());
        for (i, text) in (0_i64..).zip([
            "The harbour bridge in Kelmouth closed on Monday after a crane struck its span.",
            "A crane struck the Kelmouth harbour bridge on Monday, closing it to traffic.",
            "Voters in Arbel chose a new mayor on Sunday in a run-off election.",
        ]) {
            let id = format!("a{i}");
            clusterer.add(&ArticleIn {
                id: Some(&id),
                url: None,
                title: "",
                text,
                time: Some(1_700_000_000 + i * 3600),
            });
        }
        clusterer
    }

    fn as_value(clusterer: &StoryClusterer) -> serde_json::Value {
        serde_json::to_value(clusterer).unwrap()
    }

    #[test]
    fn binary_state_round_trips_and_is_smaller_than_json() {
        let clusterer = clusterer_with_articles();
        let binary = encode(&clusterer).unwrap();
        let json = serde_json::to_vec(&clusterer).unwrap();
        assert!(binary.starts_with(BINARY_TAG));
        assert!(
            binary.len() < json.len(),
            "{} >= {}",
            binary.len(),
            json.len()
        );
        let back = decode(&binary).unwrap();
        // The decoded clusterer holds what the original holds (compared as JSON values: the
        // maps' order is not kept), and goes on as the original does.
        assert_eq!(as_value(&back), as_value(&clusterer));
        let (mut a, mut b) = (clusterer, back);
        let next = ArticleIn {
            id: Some("a9"),
            url: None,
            title: "",
            text: "The Kelmouth harbour bridge reopened on Wednesday after repairs to the span.",
            time: Some(1_700_100_000),
        };
        assert_eq!(a.add(&next).story, b.add(&next).story);
    }

    #[test]
    fn json_state_of_an_older_store_is_read() {
        let clusterer = clusterer_with_articles();
        let json = serde_json::to_vec(&clusterer).unwrap();
        let back = decode(&json).unwrap();
        assert_eq!(as_value(&back), as_value(&clusterer));
    }

    #[test]
    fn a_field_missing_from_an_older_state_takes_its_default() {
        // The clusterer's settings as a newsfuse that knew only two of them saved them.
        let mut older = Vec::new();
        serde_json::json!({"threshold": 0.3, "window_secs": 432_000})
            .serialize(&mut rmp_serde::Serializer::new(&mut older).with_struct_map())
            .unwrap();
        let config: StoryConfig = rmp_serde::from_slice(&older).unwrap();
        assert_eq!(config.threshold, 0.3);
        assert_eq!(config.member_floor, StoryConfig::default().member_floor);
    }

    #[test]
    fn damaged_state_is_an_error_not_a_panic() {
        let binary = encode(&clusterer_with_articles()).unwrap();
        for bad in [
            &binary[..binary.len() / 2],
            &b"NFS\x01\xff\xff\xff"[..],
            b"{\"vocab\":",
            b"",
        ] {
            assert!(decode(bad).is_err());
        }
    }
}
