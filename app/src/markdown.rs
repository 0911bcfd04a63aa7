//! Text people write (a task's description, a comment) as Markdown: rendered to HTML by
//! pulldown-cmark, with any HTML typed into it shown as the text it is, then cleaned by ammonia
//! to the elements and attributes its allow-list trusts (a second line of defence), so no
//! description can add a script, a style, a form or a frame to a page. Links
//! keep to `http`, `https` and `mailto`, open nothing with the page's privileges and carry
//! `rel="noopener noreferrer nofollow"`. Pictures are left out: the pages load nothing from
//! other sites (the content security policy would refuse them anyway).

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, html};

/// `text` as safe HTML. A line break people typed stays one (as in the comments of the
/// trackers they know), rather than joining the lines as plain Markdown would.
pub fn to_html(text: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let mut rendered = String::with_capacity(text.len() * 3 / 2);
    let events = Parser::new_ext(text, options).map(|event| match event {
        Event::SoftBreak => Event::HardBreak,
        Event::Html(markup) | Event::InlineHtml(markup) => Event::Text(markup),
        other => other,
    });
    html::push_html(&mut rendered, events);
    cleaner().clean(&rendered).to_string()
}

fn cleaner() -> ammonia::Builder<'static> {
    let tags: HashSet<&str> = [
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "input",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
    .into_iter()
    .collect();
    let mut builder = ammonia::Builder::default();
    builder
        .tags(tags)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        // A task list's boxes, shown as they were written and never sent anywhere.
        .add_tag_attributes("input", ["checked", "disabled"])
        .add_tag_attribute_values("input", "type", ["checkbox"]);
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        assert_eq!(
            to_html("**bold** and _it_"),
            "<p><strong>bold</strong> and <em>it</em></p>\n"
        );
        assert!(to_html("- one\n- two").contains("<ul>\n<li>one</li>"));
        assert!(to_html("`x < y`").contains("<code>x &lt; y</code>"));
        let task_list = to_html("- [x] done");
        assert!(
            task_list.contains(r#"type="checkbox""#)
                && task_list.contains("checked")
                && task_list.contains("disabled"),
            "{task_list}"
        );
        assert!(to_html("| a |\n|---|\n| b |").contains("<table>"));
        assert_eq!(
            to_html("first line\nsecond"),
            "<p>first line<br>\nsecond</p>\n"
        );
    }

    #[test]
    fn nothing_that_runs_or_reaches_out_survives() {
        for attack in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://example.com\"></iframe>",
            "<p style=\"position:fixed\">x</p>",
            "![pixel](https://tracker.example/p.gif)",
            "<form action=\"/fn/delete-task\"><button>x</button></form>",
            "<input type=\"text\" name=\"password\">",
        ] {
            let html = to_html(attack);
            for bad in [
                "<script",
                "<img",
                "<iframe",
                "<form",
                "<button",
                "<input",
                "<p style",
                "<a href=\"javascript",
            ] {
                assert!(!html.contains(bad), "{attack} left {bad}: {html}");
            }
        }
        // Typed HTML shows as the text it is.
        assert_eq!(
            to_html("a <b>bold</b> claim"),
            "<p>a &lt;b&gt;bold&lt;/b&gt; claim</p>\n"
        );
        let link = to_html("[Hearth](https://example.com/a?b=c)");
        assert_eq!(
            link,
            "<p><a href=\"https://example.com/a?b=c\" rel=\"noopener noreferrer nofollow\">Hearth</a></p>\n"
        );
    }
}
