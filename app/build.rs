//! Two things happen before `app` compiles:
//!
//! - The migration files are listed for embedding (`db::migrations`), and the build stops unless
//!   `migrations/sqlite` and `migrations/postgres` hold the same versions under the same names:
//!   a migration written for one engine only would otherwise surface as a schema that differs
//!   by engine, at run time.
//! - The translations in `locales/` become the `i18n` module (leptos_i18n's code generator).
//!   leptos_i18n only warns about a key that one language lacks or has in surplus; here every
//!   such warning fails the build, so no page ever shows a key name or falls back to English
//!   without anyone noticing.

use std::{
    env, fs,
    path::{Path, PathBuf},
    process::ExitCode,
};

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
    match embed_migrations().and_then(|()| generate_translations()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            for problem in problems {
                println!("cargo::error={problem}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The engines' migration folders, as `db::migrations` names them.
const MIGRATION_FOLDERS: [(&str, &str); 2] = [("SQLITE", "sqlite"), ("POSTGRES", "postgres")];

/// Writes `$OUT_DIR/migrations.rs`: for each engine, its migrations in version order with the
/// version and description taken from the file name (`20261126000002_accounts.sql`), as sqlx
/// reads them, and the SQL included from the file.
fn embed_migrations() -> Result<(), Vec<String>> {
    let root = env::var_os("CARGO_MANIFEST_DIR")
        .map(|dir| PathBuf::from(dir).join("../migrations"))
        .ok_or_else(|| vec!["CARGO_MANIFEST_DIR is not set".to_owned()])?;
    let mut listed = Vec::new();
    for (_, folder) in MIGRATION_FOLDERS {
        listed.push(migration_files(&root.join(folder)).map_err(|error| vec![error])?);
    }
    let names = |files: &[(String, PathBuf)]| -> Vec<String> {
        files.iter().map(|(name, _)| name.clone()).collect()
    };
    let (sqlite, postgres) = (names(&listed[0]), names(&listed[1]));
    let mut problems: Vec<String> = Vec::new();
    for name in sqlite.iter().filter(|name| !postgres.contains(name)) {
        problems.push(format!(
            "migrations/sqlite/{name} has no twin in migrations/postgres"
        ));
    }
    for name in postgres.iter().filter(|name| !sqlite.contains(name)) {
        problems.push(format!(
            "migrations/postgres/{name} has no twin in migrations/sqlite"
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut code = String::new();
    for ((constant, _), files) in MIGRATION_FOLDERS.iter().zip(&listed) {
        code.push_str(&format!("const {constant}: &[Embedded] = &[\n"));
        for (name, path) in files {
            let (version, description) = name
                .trim_end_matches(".sql")
                .split_once('_')
                .ok_or_else(|| vec![format!("{name}: expected VERSION_DESCRIPTION.sql")])?;
            let version: i64 = version
                .parse()
                .map_err(|_| vec![format!("{name}: the version is not a number")])?;
            code.push_str(&format!(
                "    Embedded {{ version: {version}, description: {:?}, sql: include_str!({:?}) }},\n",
                description.replace('_', " "),
                path.display().to_string(),
            ));
        }
        code.push_str("];\n");
    }
    let out_dir = env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| vec!["OUT_DIR is not set".to_owned()])?;
    fs::write(out_dir.join("migrations.rs"), code)
        .map_err(|error| vec![format!("writing the migration list: {error}")])
}

/// The `.sql` files of one folder, by name in version order, with their absolute paths.
fn migration_files(folder: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let entries =
        fs::read_dir(folder).map_err(|error| format!("reading {}: {error}", folder.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|error| format!("reading {}: {error}", folder.display()))?
            .path();
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.ends_with(".sql") {
            let path = path
                .canonicalize()
                .map_err(|error| format!("{}: {error}", path.display()))?;
            files.push((name, path));
        }
    }
    files.sort();
    Ok(files)
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
