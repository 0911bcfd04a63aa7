//! The one layout every letter has, in the recipient's language: the product's name, a greeting
//! by name, the letter's paragraphs, at most one button (with its address written out for mail
//! programs that show no buttons), and a footer that links back to the site and says why the
//! letter came. An HTML body and a plain-text body say the same.
//!
//! Everything a letter says is text: it is escaped here, so no name or title can add markup.

use html_escape::{encode_double_quoted_attribute as attribute, encode_text as text};
use leptos_i18n::Locale as _;

use super::Letter;
use crate::i18n::{Locale, td_string};

/// What one letter says, in the recipient's language, before the layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub subject: String,
    pub paragraphs: Vec<String>,
    pub action: Option<Action>,
}

/// The letter's button: what it says and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub label: String,
    pub url: String,
}

/// Who gets the letter: their address, their name and their language.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub locale: Locale,
}

/// `content` in the layout, for `to`, with `site` (the public address) as the link back.
pub fn compose(to: Recipient<'_>, site: &str, content: &Content) -> Letter {
    let locale = to.locale;
    let greeting = td_string!(locale, mail.greeting, name = to.name).to_string();
    let footer = |site_shown: &str| td_string!(locale, mail.footer, site = site_shown).to_string();

    let mut plain = format!("{greeting}\n\n");
    for paragraph in &content.paragraphs {
        plain.push_str(paragraph);
        plain.push_str("\n\n");
    }
    if let Some(action) = &content.action {
        plain.push_str(&format!("{}: {}\n\n", action.label, action.url));
    }
    plain.push_str(&format!("-- \n{}\n", footer(site)));

    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head>\
         <body style=\"margin:0;padding:24px 12px;background:#fafaf9;color:#1c1917;\
         font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:16px;line-height:1.5\">\
         <div style=\"max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e7e5e4;\
         border-radius:8px;padding:24px\">\
         <p style=\"margin:0 0 16px;font-size:18px;font-weight:700;color:#c2410c\">Hearth</p>\
         <p style=\"margin:0 0 16px\">{greeting}</p>",
        lang = locale.as_str(),
        dir = locale.direction().as_str(),
        title = text(&content.subject),
        greeting = text(&greeting),
    );
    for paragraph in &content.paragraphs {
        html.push_str(&format!(
            "<p style=\"margin:0 0 16px\">{}</p>",
            text(paragraph)
        ));
    }
    if let Some(action) = &content.action {
        let url = attribute(&action.url);
        html.push_str(&format!(
            "<p style=\"margin:24px 0\"><a href=\"{url}\" style=\"display:inline-block;\
             background:#c2410c;color:#ffffff;padding:10px 18px;border-radius:6px;\
             text-decoration:none;font-weight:600\">{label}</a></p>\
             <p style=\"margin:0 0 16px;font-size:14px;color:#57534e\">{fallback}<br>\
             <a href=\"{url}\" style=\"color:#c2410c;word-break:break-all\">{shown}</a></p>",
            label = text(&action.label),
            fallback = text(&td_string!(locale, mail.fallback).to_string()),
            shown = text(&action.url),
        ));
    }
    let site_link = format!(
        "<a href=\"{}\" style=\"color:#57534e\">{}</a>",
        attribute(site),
        text(site)
    );
    // The footer's text escaped, then the site's address put back as a link.
    let footer_html = text(&footer("\u{FDD0}")).replace('\u{FDD0}', &site_link);
    html.push_str(&format!(
        "<p style=\"margin:24px 0 0;padding-top:12px;border-top:1px solid #e7e5e4;\
         font-size:13px;color:#57534e\">{footer_html}</p></div></body></html>"
    ));

    Letter {
        to: to.email.to_owned(),
        subject: content.subject.clone(),
        text: plain,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> Content {
        Content {
            subject: "Confirm <your> address".to_owned(),
            paragraphs: vec!["One step & you are in.".to_owned()],
            action: Some(Action {
                label: "Confirm".to_owned(),
                url: "https://hearth.example/verify?token=a\"b&c=1".to_owned(),
            }),
        }
    }

    fn to(locale: Locale) -> Recipient<'static> {
        Recipient {
            email: "zoe@example.com",
            name: "Zoë <b>",
            locale,
        }
    }

    #[test]
    fn every_language_greets_by_name_and_links_back_to_the_site() {
        for locale in Locale::get_all() {
            let letter = compose(to(*locale), "https://hearth.example", &content());
            assert!(
                letter.text.contains("Zoë <b>"),
                "{locale:?}: {}",
                letter.text
            );
            assert!(
                letter.html.contains("Zoë &lt;b&gt;"),
                "{locale:?}: {}",
                letter.html
            );
            assert!(letter.text.contains("https://hearth.example"), "{locale:?}");
            assert!(
                letter
                    .html
                    .contains("<a href=\"https://hearth.example\" style=\"color:#57534e\">https://hearth.example</a>"),
                "{locale:?}: {}",
                letter.html
            );
            assert!(
                letter
                    .html
                    .contains(&format!("lang=\"{}\"", locale.as_str()))
            );
        }
        let arabic = compose(to(Locale::ar), "https://hearth.example", &content());
        assert!(arabic.html.contains("dir=\"rtl\""));
        let german = compose(to(Locale::de), "https://hearth.example", &content());
        assert!(german.text.starts_with("Hallo Zoë <b>,"), "{}", german.text);
    }

    #[test]
    fn what_the_letter_says_is_text_never_markup() {
        let letter = compose(to(Locale::en), "https://hearth.example", &content());
        assert_eq!(letter.subject, "Confirm <your> address");
        assert!(
            letter
                .html
                .contains("<title>Confirm &lt;your&gt; address</title>")
        );
        assert!(
            letter
                .html
                .contains("<p style=\"margin:0 0 16px\">One step &amp; you are in.</p>")
        );
        assert!(
            letter
                .html
                .contains("href=\"https://hearth.example/verify?token=a&quot;b&amp;c=1\"")
        );
        assert!(!letter.html.contains("<b>"));
        assert!(
            letter
                .text
                .contains("Confirm: https://hearth.example/verify?token=a\"b&c=1")
        );
    }
}
