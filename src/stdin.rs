//! The stdin probe: whether the process's standard input has data waiting, without reading
//! it. A leaf: it imports nothing of the crate.

/// Whether the process's standard input (not a terminal) has data waiting, decided without
/// blocking: a regular file with bytes after the current offset; a pipe or socket with bytes
/// readable within [`STDIN_GRACE_MS`] (a writer just started, as in `echo x | …`, gets that
/// long). `/dev/null`, a closed stdin, an empty pipe whose writer is gone or that stays
/// silent, and any other device count as no data.
#[cfg(unix)]
pub fn real_stdin_has_data() -> bool {
    // SAFETY: fstat, lseek, poll, ioctl(FIONREAD) and recv(MSG_PEEK) on descriptor 0 with
    // plain structs; none of them consumes input.
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
            kind @ (libc::S_IFIFO | libc::S_IFSOCK) => {
                let mut p = libc::pollfd {
                    fd: 0,
                    events: libc::POLLIN,
                    revents: 0,
                };
                if libc::poll(&mut p, 1, STDIN_GRACE_MS) <= 0 || p.revents & libc::POLLIN == 0 {
                    return false;
                }
                if kind == libc::S_IFSOCK {
                    let mut b = [0u8; 1];
                    return libc::recv(
                        0,
                        b.as_mut_ptr().cast(),
                        1,
                        libc::MSG_PEEK | libc::MSG_DONTWAIT,
                    ) > 0;
                }
                let mut n: libc::c_int = 0;
                libc::ioctl(0, libc::FIONREAD, &mut n) == 0 && n > 0
            }
            _ => false,
        }
    }
}

#[cfg(not(unix))]
pub fn real_stdin_has_data() -> bool {
    false
}

/// How long a pipe on standard input is given to show data before it counts as empty.
pub const STDIN_GRACE_MS: i32 = 100;
