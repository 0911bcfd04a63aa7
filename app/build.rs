//! `sqlx::migrate!` embeds the migration files at compile time; without this, cargo would not
//! notice a new file in `migrations/` and the binary would silently lack it.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
