//! Bytes kept per slot in one vector rather than one allocation each: an index holds
//! hundreds of thousands of small records (an item's words, its compressed JSON), and as
//! many allocations would cost their own headers and scatter the heap.

#[derive(Default)]
pub struct Arena {
    bytes: Vec<u8>,
    /// Per slot: where its bytes start and how many there are.
    spans: Vec<(u32, u32)>,
    /// Bytes no slot points at any more (a changed or removed item's old record).
    garbage: usize,
}

impl Arena {
    pub fn set(&mut self, slot: u32, data: &[u8]) {
        self.clear(slot);
        if self.garbage > self.bytes.len() / 2 && self.garbage > 1 << 20 {
            self.compact();
        }
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(data);
        let index = slot as usize;
        if self.spans.len() <= index {
            self.spans.resize(index + 1, (0, 0));
        }
        self.spans[index] = (start, data.len() as u32);
    }

    pub fn clear(&mut self, slot: u32) {
        if let Some(span) = self.spans.get_mut(slot as usize) {
            self.garbage += span.1 as usize;
            *span = (0, 0);
        }
    }

    pub fn get(&self, slot: u32) -> &[u8] {
        match self.spans.get(slot as usize) {
            Some(&(start, len)) => &self.bytes[start as usize..(start + len) as usize],
            None => &[],
        }
    }

    /// Rewrites the bytes without garbage, allocated to their size.
    pub fn compact(&mut self) {
        let mut bytes = Vec::with_capacity(self.bytes.len() - self.garbage);
        for span in &mut self.spans {
            let (start, len) = *span;
            *span = (bytes.len() as u32, len);
            bytes.extend_from_slice(&self.bytes[start as usize..(start + len) as usize]);
        }
        self.bytes = bytes;
        self.spans.shrink_to_fit();
        self.garbage = 0;
    }

    /// How many bytes it holds.
    pub fn size(&self) -> usize {
        self.bytes.capacity() + self.spans.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_survive_changes_and_compaction() {
        let mut arena = Arena::default();
        arena.set(0, b"mangue");
        arena.set(2, b"cajou");
        arena.set(0, b"sechage solaire");
        assert_eq!(arena.get(0), b"sechage solaire");
        assert_eq!(arena.get(1), b"");
        arena.clear(2);
        arena.compact();
        assert_eq!(arena.get(0), b"sechage solaire");
        assert_eq!(arena.get(2), b"");
        assert_eq!(arena.bytes.len(), "sechage solaire".len());
    }
}
