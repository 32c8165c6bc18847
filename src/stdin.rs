//! The stdin probe: what the process's standard input is, without reading it. A leaf: it
//! imports nothing of the crate.

/// Whether the process's standard input is a source of data, decided from what it is and
/// without reading or waiting: a pipe or a socket (always, even before or without any data:
/// a slow writer's data may come later), or a regular file with bytes after the current
/// offset. `/dev/null`, a terminal, another device, a closed stdin and an empty file are not.
#[cfg(unix)]
pub fn real_stdin_carries_data() -> bool {
    // SAFETY: fstat and lseek on descriptor 0 with a plain struct; neither consumes input.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(0, &mut st) != 0 {
            return false;
        }
        match st.st_mode & libc::S_IFMT {
            libc::S_IFREG => {
                let pos = libc::lseek(0, 0, libc::SEEK_CUR).max(0);
                st.st_size > pos
            }
            libc::S_IFIFO | libc::S_IFSOCK => true,
            _ => false,
        }
    }
}

#[cfg(not(unix))]
pub fn real_stdin_carries_data() -> bool {
    false
}

/// Whether `path` is the process's standard input itself (`/dev/stdin`, `/dev/fd/0`, or the
/// file or pipe stdin is): reading it reads stdin.
#[cfg(unix)]
pub fn is_stdin(path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(m) = std::fs::metadata(path) else {
        return false;
    };
    // SAFETY: fstat on descriptor 0 with a plain struct.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(0, &mut st) } != 0 {
        return false;
    }
    m.dev() == st.st_dev as u64 && m.ino() == st.st_ino as u64
}

#[cfg(not(unix))]
pub fn is_stdin(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}
