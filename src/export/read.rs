//! What `export` and `run` share: the selection (one list call) and the exact reads of every
//! selected value, concurrently at the shared pace of bulk runs, all or nothing.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;
use zeroize::Zeroizing;

use crate::context::Ctx;
use crate::error::{self, Error, Result};
use crate::import::engine;
use crate::output::field;
use crate::pace::Pace;
use crate::provider::{ListFilter, Provider, quoted};

/// Which secrets: those named (each must exist), those with a prefix, or every one.
pub enum Selection<'a> {
    Named(&'a [String]),
    Prefix(&'a str),
    All,
}

/// A selected secret as listed.
pub struct Listed {
    pub name: String,
    pub description: String,
}

/// The selected secrets, sorted by name, from one list call. A name given that the list does
/// not hold is exit 3, naming every such name.
pub fn select(p: &dyn Provider, selection: &Selection) -> Result<Vec<Listed>> {
    let named: HashSet<&str> = match selection {
        Selection::Named(names) => names.iter().map(String::as_str).collect(),
        _ => HashSet::new(),
    };
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    p.list(&ListFilter::default(), &mut |rec: Value| {
        let name = field(&rec, "name");
        let wanted = match selection {
            Selection::Named(_) => named.contains(name.as_str()),
            Selection::Prefix(pre) => name.starts_with(pre),
            Selection::All => true,
        };
        if wanted {
            found.insert(name, field(&rec, "description"));
        }
        Ok(())
    })
    .map_err(|e| e.context("cannot list the secrets to read"))?;
    if let Selection::Named(_) = selection {
        let mut missing: Vec<&str> = named
            .into_iter()
            .filter(|n| !found.contains_key(*n))
            .collect();
        missing.sort_unstable();
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|n| quoted(n)).collect();
            return Err(error::not_found(format!(
                "no {} secret named {}; nothing was read or written",
                p.kind().display(),
                list.join(", ")
            ))
            .with_hint(format!("secretctl {} list shows the names", p.kind().key())));
        }
    }
    Ok(found
        .into_iter()
        .map(|(name, description)| Listed { name, description })
        .collect())
}

/// Every value of `secrets`, read by the reveal rules with `concurrency` workers at `pace`,
/// in the same order — or the first failure (in name order), with the exit code it has, and
/// nothing else kept; its message says what was not done (`outcome`: "written", "run"). A
/// run that a signal or the rate limit's give-up stopped is an error too, even when every
/// read in flight then succeeded.
pub fn read_all(
    ctx: &Ctx,
    outcome: &str,
    p: &dyn Provider,
    secrets: &[Listed],
    concurrency: u16,
    pace: &Pace,
) -> Result<Vec<Zeroizing<Vec<u8>>>> {
    let jobs: Vec<usize> = (0..secrets.len()).collect();
    let results = engine::pool(
        ctx.streams.stderr_tty,
        concurrency,
        pace,
        &jobs,
        &|i| format!("reading {}", secrets[i].name),
        &|i| p.reveal(&secrets[i].name),
        &|r| r.is_ok(),
    );
    // A signal while the reads were in flight stops the run even when they all then
    // succeeded: the command must not start, nothing be written.
    if crate::signals::interrupted() {
        return Err(error::other("interrupted while the values were read")
            .context(format!("nothing was {outcome}")));
    }
    let failed = results.iter().filter(|r| !matches!(r, Some(Ok(_)))).count();
    let mut values = Vec::with_capacity(results.len());
    let mut first: Option<Error> = None;
    for (s, r) in secrets.iter().zip(results) {
        match r {
            Some(Ok(v)) => values.push(v),
            Some(Err(e)) => {
                first.get_or_insert(e);
            }
            None => {
                first.get_or_insert_with(|| stopped(pace, &s.name));
            }
        }
    }
    match first {
        None => Ok(values),
        // The values read so far are wiped as `values` drops.
        Some(e) if failed > 1 => Err(e.context(format!(
            "{failed} values could not be read, so nothing was {outcome}"
        ))),
        Some(e) => Err(e.context(format!("nothing was {outcome}"))),
    }
}

/// The error of a read that was never sent.
fn stopped(pace: &Pace, name: &str) -> Error {
    if pace.gave_up() {
        error::network(format!(
            "the rate limit allowed no progress for {}s, so the value of {} was not read",
            pace.give_up_after().as_secs(),
            quoted(name)
        ))
    } else {
        error::other(format!(
            "interrupted before the value of {} was read",
            quoted(name)
        ))
    }
}
