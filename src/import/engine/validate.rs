//! The check-first rules every source item obeys before anything is sent.

use std::collections::HashMap;

use super::Ready;
use crate::import::formats::{self, Item, Problem};
use crate::input::{self, ValueProblem};
use crate::provider::{Identity, MAX_NAME_BYTES, NameProblem, Provider, name_problem};

/// The rules every value obeys (shared with single values), plus names: not empty,
/// addressable, each once (reported at the second occurrence), and inside `prefix`.
pub(super) fn validate(
    items: Vec<Item>,
    base64: bool,
    prefix: Option<&str>,
    p: &dyn Provider,
) -> Result<Vec<Ready>, Vec<Problem>> {
    // Where the name addresses the secret, it must also be one URL path segment.
    let segment = p.identity() == Identity::Name;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    let mut ready = Vec::new();
    for item in items {
        let line = item.line;
        let name = item.name;
        if let Some(problem) = name_problem(&name, segment) {
            let message = match problem {
                NameProblem::Blank => "the name is empty".into(),
                NameProblem::TooLong(n) => format!(
                    "{} is {n} bytes, over the limit of {MAX_NAME_BYTES}: the APIs cannot serve it",
                    formats::shown(&name),
                ),
                NameProblem::DotSegment => {
                    format!("'{name}' cannot be a {} secret name", p.kind().display())
                }
            };
            problems.push(Problem { line, message });
            continue;
        }
        if let Some(first) = seen.get(&name) {
            problems.push(Problem {
                line,
                message: format!(
                    "{} is given twice (first on line {first})",
                    formats::shown(&name)
                ),
            });
            continue;
        }
        seen.insert(name.clone(), line);
        if let Some(pre) = prefix
            && !name.starts_with(pre)
        {
            problems.push(Problem {
                line,
                message: format!(
                    "{} does not start with the prefix {} (sync --prefix manages only those names)",
                    formats::shown(&name),
                    crate::provider::quoted(pre)
                ),
            });
            continue;
        }
        match input::check(item.value, base64) {
            Ok(value) => ready.push(Ready {
                name,
                value,
                description: item.description,
            }),
            Err(problem) => problems.push(Problem {
                line,
                message: match problem {
                    // input::check's rule, in import's wording for it.
                    ValueProblem::Empty => format!("{} has an empty value", formats::shown(&name)),
                    _ => format!("{}: {}", formats::shown(&name), problem.describe()),
                },
            }),
        }
    }
    if problems.is_empty() {
        Ok(ready)
    } else {
        Err(problems)
    }
}
