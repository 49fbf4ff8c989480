//! temporary
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mention { pub username: String, pub domain: Option<String> }
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted { pub mentions: Vec<Mention>, pub hashtags: Vec<String> }
pub fn extract(_source: &str) -> Extracted { Extracted::default() }
pub trait LinkTargets {
    fn mention_url(&self, mention: &Mention) -> Option<String>;
    fn hashtag_url(&self, hashtag: &str) -> String;
}
pub fn render(source: &str, _targets: &impl LinkTargets) -> String { source.to_owned() }
pub fn sanitize(html: &str) -> String { html.to_owned() }
pub fn length(source: &str) -> usize { source.chars().count() }
