// mulberry32: a small seeded PRNG, so that every run and every machine checks the same cases.
// Returns a function giving uniform 32-bit unsigned integers.
export function mulberry32(seed) {
  let state = seed >>> 0;
  return function rand32() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
