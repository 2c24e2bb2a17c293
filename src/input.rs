//! Reading secret values and files of secrets without leaving copies behind.
//!
//! Bytes are read into zeroizing buffers that never reallocate in place: when a buffer is full,
//! a buffer of twice the size is allocated, the bytes are copied over and the old buffer is
//! zeroized as it is dropped. (A `Vec` growing by itself would hand its old allocation back to
//! the allocator unzeroized.) Reading stops one byte past the limit, so an oversized input is
//! detected without reading it all.

use std::io::{ErrorKind, Read};

use crate::crypto::SecretBytes;

/// The largest value sealbox stores: 1 MiB.
pub const MAX_VALUE_LEN: usize = 1024 * 1024;

/// Reads all of `reader`; `Ok(None)` if it holds more than `limit` bytes.
pub fn read_limited(reader: &mut impl Read, limit: usize) -> std::io::Result<Option<SecretBytes>> {
    let mut buf = SecretBytes::from_vec(vec![0; (limit + 1).min(64 * 1024)]);
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            if filled > limit {
                return Ok(None);
            }
            let mut bigger = SecretBytes::from_vec(vec![0; (buf.len() * 2).min(limit + 1)]);
            bigger.expose_vec_mut()[..filled].copy_from_slice(buf.expose());
            buf = bigger;
        }
        match reader.read(&mut buf.expose_vec_mut()[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    buf.truncate(filled);
    Ok(Some(buf))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_up_to_the_limit_and_no_further() {
        let data = [7u8; 10];
        assert_eq!(
            read_limited(&mut &data[..], 10).unwrap().unwrap().expose(),
            &data[..]
        );
        assert!(read_limited(&mut &data[..], 9).unwrap().is_none());
        assert!(read_limited(&mut &b""[..], 9).unwrap().unwrap().is_empty());
    }

    proptest! {
        #[test]
        fn large_inputs_survive_growth(len in 0usize..300_000, limit in 0usize..300_000) {
            let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let read = read_limited(&mut &data[..], limit).unwrap();
            if len <= limit {
                let read = read.unwrap();
                prop_assert_eq!(read.expose(), &data[..]);
            } else {
                prop_assert!(read.is_none());
            }
        }
    }
}
