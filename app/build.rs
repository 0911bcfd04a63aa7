//! Two things happen before `app` compiles:
//!
//! - `sqlx::migrate!` embeds the migration files, so cargo must rerun when `migrations/` changes
//!   or a new file would silently be missing from the binary.
//! - The translations in `locales/` become the `i18n` module (leptos_i18n's code generator).
//!   leptos_i18n only warns about a key that one language lacks or has in surplus; here every
//!   such warning fails the build, so no page ever shows a key name or falls back to English
//!   without anyone noticing.

use std::{env, fs, path::PathBuf, process::ExitCode};

use leptos_i18n_codegen::gen_code;
use leptos_i18n_parser::parse_locales::{
    options::{Config, ParseOptions},
    parse_locales,
};

/// English is the fallback: the language of a request that asks for none we have.
const DEFAULT_LOCALE: &str = "en";
const OTHER_LOCALES: [&str; 4] = ["de", "fr", "es", "ar"];

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed=../migrations");
    println!("cargo::rerun-if-changed=locales");
    match generate_translations() {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            for problem in problems {
                println!("cargo::error={problem}");
            }
            ExitCode::FAILURE
        }
    }
}

fn generate_translations() -> Result<(), Vec<String>> {
    let manifest_dir = env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| vec!["CARGO_MANIFEST_DIR is not set".to_owned()])?;
    let out_dir = env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| vec!["OUT_DIR is not set".to_owned()])?;

    let config = Config::new(DEFAULT_LOCALE)
        .and_then(|config| config.add_locales(OTHER_LOCALES))
        // Lets `t_string!` take arguments: attributes and dates need translated plain strings.
        .map(|config| config.parse_options(ParseOptions::new().interpolate_display(true)))
        .map_err(|error| vec![error.to_string()])?;
    let parsed =
        parse_locales(Some(manifest_dir), config).map_err(|error| vec![error.to_string()])?;

    if let Some(files) = &parsed.tracked_files {
        for file in files {
            println!("cargo::rerun-if-changed={file}");
        }
    }
    let (errors, warnings) = parsed.diag.borrow();
    let problems: Vec<String> = errors
        .iter()
        .map(ToString::to_string)
        .chain(warnings.iter().map(ToString::to_string))
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    drop((errors, warnings));

    // The generated code parses its own locale names with `expect`; they were checked above.
    let attributes: proc_macro2::TokenStream =
        "#![allow(clippy::expect_used, clippy::unwrap_used)]"
            .parse()
            .map_err(|error| vec![format!("{error}")])?;
    let code = gen_code(&parsed, None, false, Some(&attributes), false)
        .map_err(|error| vec![error.to_string()])?;
    let module_dir = out_dir.join("i18n");
    fs::create_dir_all(&module_dir)
        .and_then(|()| fs::write(module_dir.join("mod.rs"), code.to_string()))
        .map_err(|error| vec![format!("writing the i18n module: {error}")])
}
